/**
 * Authoring tool: synthetic narration for comics, made with espeak-ng and encoded with ffmpeg.
 *
 *   npx tsx comics/tools/narrate.ts [--lang fr[,en]] [--speed 160] [--descriptions] [comic-folder…]
 *
 * Default: French, every comic under comics/. For each page it speaks every bubble's text, joins the
 * clips with short silences into one file per page, records where each clip starts and ends, encodes
 * Ogg Opus (6 kbps mono, first choice: src/lib/domain/narration/speech-encoding.ts) plus MP3 (32 kbps mono, fallback for browsers without Opus),
 * and writes `narration.<lang>` (clips with the SHA-256 of the text they were made from) and a
 * `voice` credit into comic.json. Only those two fields and audio/<lang>/ are touched, so authors
 * and this tool can edit the same comic.json without stepping on each other.
 *
 * A synthetic voice is a placeholder until people record the comic: it is credited as synthetic and
 * `synthetic: true` lets the app say so. Re-run after changing bubble texts (comics:check reports the
 * stale clips). Needs /usr/bin/espeak-ng and /usr/bin/ffmpeg (Debian packages espeak-ng, ffmpeg);
 * the app and `npm start` do not. MBROLA voices would sound better, but Debian ships the French ones
 * only in non-free under a non-commercial licence, so they are not used.
 */
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Credit, Manifest, Narration } from '../../src/lib/domain/manifest/schema';
import { textHash } from '../../src/lib/domain/signing/hash';
import { probeAudio } from '../../src/lib/server/content/audio-probe';
import { formatJson } from './json-format';
import { LEAD_SEC, SAMPLE_RATE, VOICES, encodeSpeech, round3, speak, writeWav } from './speech';

/** How the synthetic voice is credited, per language. */
const VOICE_NAMES: Record<string, string> = {
	fr: 'espeak-ng (voix de synthèse)',
	en: 'espeak-ng (synthetic voice)'
};
const GAP_SEC = 0.45; // between bubbles: a breath, and room for the highlight to move
const TAIL_SEC = 0.3;

interface Options {
	languages: string[];
	speedWpm: number;
	descriptions: boolean;
	dirs: string[];
}

function parseArgs(argv: string[]): Options {
	// 160 words a minute: slower than espeak-ng's 175 for young readers of a second language, who can
	// still slow it to 0.75× in the reader (pitch kept); slower would push pages past the size budget.
	const options: Options = { languages: ['fr'], speedWpm: 160, descriptions: false, dirs: [] };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--lang') options.languages = argv[++i]!.split(',');
		else if (arg === '--speed') options.speedWpm = Number(argv[++i]);
		else if (arg === '--descriptions') options.descriptions = true;
		else options.dirs.push(path.resolve(arg));
	}
	if (options.dirs.length === 0) {
		const root = path.resolve('comics');
		options.dirs = readdirSync(root, { withFileTypes: true })
			.filter((e) => e.isDirectory() && existsSync(path.join(root, e.name, 'comic.json')))
			.map((e) => path.join(root, e.name))
			.sort();
	}
	return options;
}

interface PageAudio {
	file: Narration['audio'][number];
	clips: Narration['clips'];
}

async function narratePage(
	manifest: Manifest,
	pageIndex: number,
	lang: string,
	dir: string,
	work: string,
	options: Options
): Promise<PageAudio | null> {
	const page = manifest.pages[pageIndex]!;
	const voice = VOICES[lang]!;
	const parts: Int16Array[] = [];
	const clips: Narration['clips'] = [];
	let cursor = 0; // samples
	const silence = (sec: number) => {
		const n = Math.round(sec * SAMPLE_RATE);
		parts.push(new Int16Array(n));
		cursor += n;
	};
	const audioId = `${page.id}-${lang}`;
	const add = (target: string, text: string) => {
		silence(clips.length === 0 ? LEAD_SEC : GAP_SEC);
		const samples = speak(text, voice, options.speedWpm);
		const startSec = cursor / SAMPLE_RATE;
		parts.push(samples);
		cursor += samples.length;
		clips.push({
			target,
			audio: audioId,
			startSec: round3(startSec),
			endSec: round3(cursor / SAMPLE_RATE),
			textHash: textHash(text)
		});
	};
	for (const panel of page.panels) {
		const description = panel.description[lang];
		if (options.descriptions && description) add(panel.id, description);
		for (const bubble of panel.bubbles) {
			const text = bubble.text[lang];
			if (text) add(bubble.id, text);
		}
	}
	if (clips.length === 0) return null;
	silence(TAIL_SEC);
	const all = new Int16Array(cursor);
	let at = 0;
	for (const part of parts) {
		all.set(part, at);
		at += part.length;
	}
	const wav = path.join(work, `${audioId}.wav`);
	writeWav(wav, all);
	const rel = (ext: string) => `audio/${lang}/${page.id}.${ext}`;
	mkdirSync(path.join(dir, 'audio', lang), { recursive: true });
	// A page of art (≤ 90 KiB) plus its narration stays within the 150 KB per page budget (DESIGN.md §6).
	encodeSpeech(wav, path.join(dir, `audio/${lang}/${page.id}`));
	let durationSec = Infinity;
	for (const ext of ['ogg', 'mp3']) {
		const probe = await probeAudio(path.join(dir, rel(ext)));
		if (probe.kind !== 'audio') throw new Error(`${rel(ext)} cannot be read back after encoding`);
		durationSec = Math.min(durationSec, probe.durationSec);
	}
	return {
		file: {
			id: audioId,
			sources: [
				{ src: rel('ogg'), type: 'audio/ogg; codecs=opus' },
				{ src: rel('mp3'), type: 'audio/mpeg' }
			],
			durationSec: round3(durationSec)
		},
		clips
	};
}

/** Where each top-level field's value lies in the JSON text of an object: [start, end) offsets. */
function topLevelSpans(text: string): Map<string, [number, number]> {
	const spans = new Map<string, [number, number]>();
	let depth = 0;
	let key: string | null = null;
	let valueStart = -1;
	let lastString = '';
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (ch === '"') {
			let j = i + 1;
			while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
			lastString = JSON.parse(text.slice(i, j + 1)) as string;
			i = j;
			continue;
		}
		if (ch === '{' || ch === '[') depth++;
		else if (ch === '}' || ch === ']') {
			if (depth === 1 && key !== null) spans.set(key, [valueStart, trimEnd(text, i)]);
			depth--;
		} else if (depth === 1 && ch === ':') {
			key = lastString;
			valueStart = i + 1;
			while (/\s/.test(text[valueStart]!)) valueStart++;
		} else if (depth === 1 && ch === ',' && key !== null) {
			spans.set(key, [valueStart, trimEnd(text, i)]);
			key = null;
		}
	}
	return spans;
}

function trimEnd(text: string, end: number): number {
	while (/\s/.test(text[end - 1]!)) end--;
	return end;
}

/**
 * Replaces (or appends) top-level fields in the JSON text, leaving every other byte as it was, so
 * the hand-kept layout of comic.json and the art tool's edits stay untouched.
 */
function spliceFields(text: string, fields: Record<string, unknown>): string {
	for (const [key, value] of Object.entries(fields)) {
		const formatted = formatJson(value, '\t');
		const span = topLevelSpans(text).get(key);
		if (span) text = text.slice(0, span[0]) + formatted + text.slice(span[1]);
		else {
			const close = text.lastIndexOf('}');
			const body = trimEnd(text, close);
			text = `${text.slice(0, body)},\n\t${JSON.stringify(key)}: ${formatted}\n${text.slice(close)}`;
		}
	}
	return text;
}

async function narrateComic(dir: string, options: Options): Promise<void> {
	const file = path.join(dir, 'comic.json');
	const original = readFileSync(file, 'utf8');
	const manifest = JSON.parse(original) as Manifest;
	const narration: Record<string, Narration> = { ...(manifest.narration ?? {}) };
	let credits: Credit[] = [...manifest.credits];
	const work = mkdtempSync(path.join(tmpdir(), 'kalanso-narrate-'));
	try {
		for (const lang of options.languages) {
			if (!VOICES[lang])
				throw new Error(
					`espeak-ng has no voice for "${lang}" here (known: ${Object.keys(VOICES).join(', ')})`
				);
			rmSync(path.join(dir, 'audio', lang), { recursive: true, force: true });
			const audio: Narration['audio'] = [];
			const clips: Narration['clips'] = [];
			for (let p = 0; p < manifest.pages.length; p++) {
				const page = await narratePage(manifest, p, lang, dir, work, options);
				if (!page) continue;
				audio.push(page.file);
				clips.push(...page.clips);
			}
			if (clips.length === 0) {
				delete narration[lang];
				console.log(`${path.basename(dir)}: no "${lang}" text, no narration`);
				continue;
			}
			const bubbles = manifest.pages.flatMap((pg) => pg.panels.flatMap((pn) => pn.bubbles));
			const complete = bubbles.every((b) => clips.some((c) => c.target === b.id));
			narration[lang] = {
				status: complete ? 'complete' : 'partial',
				voice: VOICE_NAMES[lang]!,
				synthetic: true,
				audio,
				clips
			};
			credits = credits.filter(
				(c) => !(c.role === 'voice' && c.language === lang && c.name.startsWith('espeak-ng'))
			);
			credits.push({
				role: 'voice',
				name: VOICE_NAMES[lang]!,
				language: lang,
				note:
					lang === 'fr'
						? 'Voix de synthèse (comics/tools/narrate.ts), en attendant un enregistrement par une personne.'
						: 'Synthetic voice (comics/tools/narrate.ts), until a person records it.'
			});
			const seconds = audio.reduce((s, a) => s + a.durationSec, 0);
			console.log(
				`${path.basename(dir)}: ${lang}: ${clips.length} clips, ${audio.length} page file(s), ${seconds.toFixed(1)} s, ${complete ? 'complete' : 'partial'}`
			);
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	const updated = spliceFields(original, { credits, narration });
	JSON.parse(updated); // never write a broken manifest
	writeFileSync(file, updated);
}

const options = parseArgs(process.argv.slice(2));
for (const dir of options.dirs) await narrateComic(dir, options);
