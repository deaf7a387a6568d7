/**
 * Pack bytes per page, per narration language: what a tablet downloads of a comic for one narration
 * language, divided by its pages. From the server's pack listings (`/packs/<slug>`) with the
 * tablet's own choice (src/lib/domain/packs/audio-choice.ts): comic.json and quiz.json say which
 * files are formats of one audio file, and the browser's `canPlayType` picks one of each, as the
 * download does. Else (no pack listings) from the comic folders, one figure per audio format.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { packBytesPerPage, type PackPageFigure } from '../../src/lib/domain/bench-stats';
import {
	QUIZ_PATH,
	audioAlternatives,
	devicePlan,
	type CanPlayType
} from '../../src/lib/domain/packs/audio-choice';

/** The browser's answers to `canPlayType` for these MIME types (true: "probably" or "maybe"). */
export type CanPlayTypes = (types: string[]) => Promise<boolean[]>;

export interface PackFigures {
	source: 'pack manifests' | 'comic folders';
	/** Which formats the browser said it plays, by MIME type (pack manifests only). */
	playable: Record<string, boolean>;
	figures: PackPageFigure[];
	/** Where the bytes of each comic × language go, to see what keeps a figure over budget. */
	breakdown: PackBreakdown[];
}

export interface PackBreakdown {
	comic: string;
	language: string;
	pages: number;
	/** Bytes the tablet downloads (on the wire: JSON gzipped), by kind of file (one audio format). */
	bytes: {
		pageArt: number;
		cover: number;
		manifests: number;
		pageNarration: number;
		quizNarration: number;
		other: number;
	};
	/** The largest page image plus the narration file of that page (the budget's literal wording). */
	largestPageWithNarration: number;
	/** What the tablet downloaded before it kept one format (every format the listing has). */
	everyFormatBytesPerPage: number;
	/** What the tablet stores per page (JSON not compressed). */
	storedBytesPerPage: number;
}

/** The language column of a comic that has no narration yet: its figure is the art alone. */
const NO_NARRATION = 'no narration yet';

interface PackFileEntry {
	path: string;
	size: number;
	type: string;
	sha256: string;
	language?: string;
}

interface ComicJson {
	pages: { id: string; image: string; panels: { id: string; bubbles: { id: string }[] }[] }[];
	cover?: string;
	narration?: Record<
		string,
		{ audio: { id: string; sources: { src: string }[] }[]; clips: { target: string; audio: string }[] }
	>;
}

/** The narration files (by audio id) whose clips speak a page's bubbles or panels. */
function pageAudioIds(comic: ComicJson, page: ComicJson['pages'][number], tag: string): Set<string> {
	const targets = new Set(page.panels.flatMap((panel) => [panel.id, ...panel.bubbles.map((b) => b.id)]));
	return new Set(
		(comic.narration?.[tag]?.clips ?? []).filter((c) => targets.has(c.target)).map((c) => c.audio)
	);
}

/** A file of the pack, as the tablet fetches it. */
async function packFile(baseUrl: string, slug: string, version: string, rel: string): Promise<unknown> {
	const response = await fetch(`${baseUrl}/packs/${encodeURIComponent(slug)}/${version}/files/${rel}`);
	if (!response.ok) throw new Error(`${slug}/${rel}: HTTP ${response.status}`);
	return response.json();
}

/**
 * Bytes a file of the pack takes on the wire when the tablet downloads it whole: the server gzips
 * JSON files (src/lib/server/packs/compress.ts), the rest goes as stored.
 */
async function wireBytes(
	baseUrl: string,
	slug: string,
	version: string,
	file: PackFileEntry
): Promise<number> {
	if (!file.path.endsWith('.json')) return file.size;
	const response = await fetch(`${baseUrl}/packs/${encodeURIComponent(slug)}/${version}/files/${file.path}`, {
		headers: { 'accept-encoding': 'gzip' }
	});
	await response.arrayBuffer();
	const length = Number(response.headers.get('content-length'));
	return response.headers.get('content-encoding') === 'gzip' && length > 0 ? length : file.size;
}

/** "A tablet that plays Opus and MP3", when no browser is at hand to ask. */
const opusAndMp3: CanPlayType = (type) => /codecs="?opus/.test(type) || type === 'audio/mpeg';

async function fromPackManifests(
	baseUrl: string,
	slugs: string[],
	canPlayTypes: CanPlayTypes | undefined
): Promise<Omit<PackFigures, 'source'> | null> {
	const figures: PackPageFigure[] = [];
	const breakdown: PackBreakdown[] = [];
	const playable: Record<string, boolean> = {};
	for (const slug of slugs) {
		const response = await fetch(`${baseUrl}/packs/${encodeURIComponent(slug)}`);
		if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return null;
		const pack = (await response.json()) as { format?: string; version: string; files?: PackFileEntry[] };
		if (pack.format !== 'kalanso-pack' || !Array.isArray(pack.files)) return null;
		const files = pack.files;
		const comic = (await packFile(baseUrl, slug, pack.version, 'comic.json')) as ComicJson;
		const quiz = files.some((f) => f.path === QUIZ_PATH)
			? await packFile(baseUrl, slug, pack.version, QUIZ_PATH)
			: undefined;
		const alternatives = audioAlternatives(comic, quiz);
		const types = [...new Set(alternatives.flatMap((a) => a.sources.map((s) => s.type)))].filter(
			(t) => !(t in playable)
		);
		const answers = canPlayTypes ? await canPlayTypes(types) : types.map(opusAndMp3);
		types.forEach((t, i) => (playable[t] = answers[i]!));
		const plan = devicePlan({ files }, alternatives, (type) => playable[type] === true);
		const pages = comic.pages.length;
		// What goes over the wire (JSON gzipped), per file of the plan.
		const wire = new Map<string, number>();
		for (const { file } of plan.files)
			wire.set(file.path, await wireBytes(baseUrl, slug, pack.version, file));
		const wireOf = (language: string | undefined) =>
			plan.files.filter((f) => f.language === language).reduce((n, f) => n + wire.get(f.file.path)!, 0);
		figures.push(
			...packBytesPerPage(
				slug,
				pages,
				wireOf(undefined),
				plan.languages.length
					? Object.fromEntries(plan.languages.map((l) => [l.tag, wireOf(l.tag)]))
					: { [NO_NARRATION]: 0 }
			)
		);

		// Where the bytes go, per language.
		const images = new Set(comic.pages.map((p) => p.image));
		const quizAudio = new Set(
			alternatives.filter((a) => a.from === 'quiz').flatMap((a) => a.sources.map((s) => s.src))
		);
		const comicAudio = new Set(
			alternatives.filter((a) => a.from === 'comic').flatMap((a) => a.sources.map((s) => s.src))
		);
		for (const { tag } of plan.languages.length ? plan.languages : [{ tag: NO_NARRATION }]) {
			const kept = plan.files.filter((f) => !f.language || f.language === tag).map((f) => f.file);
			const bytes = { pageArt: 0, cover: 0, manifests: 0, pageNarration: 0, quizNarration: 0, other: 0 };
			let stored = 0;
			for (const f of kept) {
				const kind = images.has(f.path)
					? 'pageArt'
					: f.path === comic.cover
						? 'cover'
						: f.path === 'comic.json' || f.path === QUIZ_PATH
							? 'manifests'
							: comicAudio.has(f.path)
								? 'pageNarration'
								: quizAudio.has(f.path)
									? 'quizNarration'
									: 'other';
				bytes[kind] += wire.get(f.path) ?? f.size;
				stored += f.size;
			}
			const size = new Map(kept.map((f) => [f.path, f.size]));
			const largestPageWithNarration = Math.max(
				...comic.pages.map((page) => {
					const ids = pageAudioIds(comic, page, tag);
					// Of each narration file of the page, the format the tablet kept.
					const narration = (comic.narration?.[tag]?.audio ?? [])
						.filter((a) => ids.has(a.id))
						.reduce((n, a) => n + (a.sources.map((s) => size.get(s.src) ?? 0).find((b) => b > 0) ?? 0), 0);
					return (size.get(page.image) ?? 0) + narration;
				})
			);
			const everyFormat = files
				.filter((f) => !f.language || f.language === tag)
				.reduce((n, f) => n + f.size, 0);
			breakdown.push({
				comic: slug,
				language: tag,
				pages,
				bytes,
				largestPageWithNarration,
				everyFormatBytesPerPage: Math.round(everyFormat / pages),
				storedBytesPerPage: Math.round(stored / pages)
			});
		}
	}
	return { figures, breakdown, playable };
}

function filesUnder(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
		d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)]
	);
}

function fromFolders(comicsRoot: string, slugs: string[]): PackPageFigure[] {
	const figures: PackPageFigure[] = [];
	for (const slug of slugs) {
		const dir = path.join(comicsRoot, slug);
		const manifest = JSON.parse(readFileSync(path.join(dir, 'comic.json'), 'utf8')) as {
			pages: { image: string }[];
		};
		const art = manifest.pages.reduce((a, p) => a + statSync(path.join(dir, p.image)).size, 0);
		const audio: Record<string, number> = {};
		const audioDir = path.join(dir, 'audio');
		for (const lang of existsSync(audioDir) ? readdirSync(audioDir) : []) {
			for (const file of filesUnder(path.join(audioDir, lang))) {
				const key = `${lang} (${path.extname(file).slice(1) || 'audio'})`;
				audio[key] = (audio[key] ?? 0) + statSync(file).size;
			}
		}
		figures.push(
			...packBytesPerPage(
				slug,
				manifest.pages.length,
				art,
				Object.keys(audio).length ? audio : { [NO_NARRATION]: 0 }
			)
		);
	}
	return figures;
}

/**
 * Pack figures of the comics served at `baseUrl`. `canPlayTypes` asks the bench's browser which
 * audio types it plays (without it: a browser that plays Opus and MP3).
 */
export async function measurePacks(
	baseUrl: string,
	comicsRoot: string,
	slugs: string[],
	canPlayTypes?: CanPlayTypes
): Promise<PackFigures> {
	const packs = await fromPackManifests(baseUrl, slugs, canPlayTypes);
	if (packs) return { source: 'pack manifests', ...packs };
	return { source: 'comic folders', playable: {}, figures: fromFolders(comicsRoot, slugs), breakdown: [] };
}

/** Asks the bench's Chromium which audio types it plays, as a tablet's download does. */
export function browserCanPlayTypes(browser: Browser): CanPlayTypes {
	return async (types) => {
		if (types.length === 0) return [];
		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			return await page.evaluate(
				(list) => list.map((t) => document.createElement('audio').canPlayType(t) !== ''),
				types
			);
		} finally {
			await context.close();
		}
	};
}
