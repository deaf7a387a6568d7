/**
 * Readium Web Publications (Divina + Guided Navigation) in and out, on files: the mapping itself is
 * pure (src/lib/domain/interop/readium.ts); here the files are read, the media brought within
 * Kalanso's budgets (pages as WebP with sharp, the image library the upload path already uses;
 * speech in Kalanso's one speech encoding, domain/narration/speech-encoding.ts, by the system's
 * ffmpeg with libopus) and written. Whatever comes in is then validated by the one validation
 * (content/validate-version.ts) like any other comic.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { AUDIO_BUDGET_BYTES_PER_MINUTE, PAGE_ART_BUDGET_BYTES } from '../../domain/manifest/budgets';
import { finding } from '../../domain/manifest/findings';
import { contentIssue, type ContentIssue } from '../../domain/manifest/issues';
import type { Manifest } from '../../domain/manifest/schema';
import { textHash } from '../../domain/signing/hash';
import {
	applyAudioJob,
	exportGuided,
	exportPublication,
	guidedFileName,
	planImport,
	PUBLICATION_FILE,
	type AudioJob
} from '../../domain/interop/readium';
import { safePackPath } from '../store/prepare';
import { unzipWithLimits } from '../store/unzip';
import { MANIFEST_FILE } from '../content/validate-version';
import { ffmpegOpusArgs, SPEECH_OPUS } from '../../domain/narration/speech-encoding';

const run = promisify(execFile);

/** The files of a publication (or a comic) from a folder or a .zip, by relative path. */
export async function readFiles(source: string): Promise<Map<string, Uint8Array>> {
	const files = new Map<string, Uint8Array>();
	if ((await stat(source)).isFile()) {
		const unzipped = unzipWithLimits(new Uint8Array(await readFile(source)), {
			maxFileBytes: 25 * 1024 * 1024,
			maxTotalBytes: 250 * 1024 * 1024,
			maxFiles: 2000
		});
		if (!unzipped.ok) throw new Error(`cannot unpack ${source}: ${JSON.stringify(unzipped.problems[0])}`);
		for (const [name, bytes] of unzipped.entries) {
			const safe = safePackPath(name);
			if (safe && !name.endsWith('/')) files.set(safe, bytes);
		}
		return stripTopFolder(files);
	}
	const walk = async (dir: string, prefix: string) => {
		for (const entry of await readdir(dir, { withFileTypes: true })) {
			const rel = prefix + entry.name;
			if (entry.isDirectory()) await walk(path.join(dir, entry.name), rel + '/');
			else if (entry.isFile()) files.set(rel, new Uint8Array(await readFile(path.join(dir, entry.name))));
		}
	};
	await walk(source, '');
	return files;
}

/** A zip of one folder ("compress folder") has everything under that folder: read from inside it. */
function stripTopFolder(files: Map<string, Uint8Array>): Map<string, Uint8Array> {
	if (files.has(PUBLICATION_FILE)) return files;
	const tops = new Set([...files.keys()].map((p) => p.split('/')[0]));
	if (tops.size !== 1) return files;
	const top = [...tops][0] + '/';
	return new Map([...files].map(([p, b]) => [p.startsWith(top) ? p.slice(top.length) : p, b]));
}

/**
 * The publication inside a pack's files (its manifest.json at the root or in one top folder), or
 * null when the files are not a Readium Web Publication.
 */
export function publicationRoot(files: ReadonlyMap<string, Uint8Array>): Map<string, Uint8Array> | null {
	const stripped = stripTopFolder(new Map(files));
	return stripped.has(PUBLICATION_FILE) && !stripped.has(MANIFEST_FILE) ? stripped : null;
}

/** Writes files under a folder (creating subfolders). */
export async function writeFiles(dir: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
	const { mkdir } = await import('node:fs/promises');
	for (const [rel, bytes] of files) {
		const full = path.join(dir, rel);
		await mkdir(path.dirname(full), { recursive: true });
		await writeFile(full, bytes);
	}
}

/** Whether the files are a Readium Web Publication (and not a Kalanso comic folder). */
export function isReadiumPublication(files: ReadonlyMap<string, Uint8Array>): boolean {
	return files.has(PUBLICATION_FILE) && !files.has(MANIFEST_FILE);
}

export interface ImportResult {
	/** The comic's files, comic.json included; null when the publication cannot be read at all. */
	files: Map<string, Uint8Array> | null;
	/** What was converted, defaulted or not carried over (the validation's own findings come after). */
	issues: ContentIssue[];
}

const json = (bytes: Uint8Array | undefined): unknown => {
	if (!bytes) return null;
	try {
		return JSON.parse(new TextDecoder().decode(bytes));
	} catch {
		return null;
	}
};

/** Turns a Readium Web Publication into a Kalanso comic folder (in memory). */
export async function importPublication(
	pub: ReadonlyMap<string, Uint8Array>,
	options: { fallbackId: string; knownLanguages: ReadonlySet<string> }
): Promise<ImportResult> {
	const manifestBytes = pub.get(PUBLICATION_FILE);
	const publication = json(manifestBytes);
	if (publication === null) {
		return {
			files: null,
			issues: [
				contentIssue(
					PUBLICATION_FILE,
					'$',
					finding('readiumNotPublication', { detail: manifestBytes ? 'not JSON' : 'no manifest.json' })
				)
			]
		};
	}
	const imageSizes = new Map<string, { width: number; height: number }>();
	const readingOrder = (publication as { readingOrder?: { href?: unknown }[] }).readingOrder ?? [];
	for (const link of Array.isArray(readingOrder) ? readingOrder : []) {
		const bytes = typeof link?.href === 'string' ? pub.get(link.href) : undefined;
		if (!bytes) continue;
		try {
			const meta = await sharp(bytes, { limitInputPixels: 4096 * 4096 }).metadata();
			if (meta.width && meta.height)
				imageSizes.set(link.href as string, { width: meta.width, height: meta.height });
		} catch {
			// Left without a size: planImport reports the page as unreadable, naming it.
		}
	}
	const plan = planImport({
		publication,
		files: new Set(pub.keys()),
		readJson: (p) => json(pub.get(p)),
		imageSizes,
		fallbackId: options.fallbackId,
		knownLanguages: options.knownLanguages,
		textHash
	});
	if (!('manifest' in plan)) return { files: null, issues: plan.issues };
	const issues = [...plan.issues];
	const out = new Map<string, Uint8Array>();
	for (const { from, to } of plan.images) {
		const converted = await pageWithinBudget(pub.get(from)!);
		out.set(to, converted.bytes);
		if (converted.detail) {
			issues.push(
				contentIssue(
					from,
					'$',
					finding('readiumConverted', { src: from, to, detail: converted.detail }),
					'warning'
				)
			);
		}
	}
	for (const file of plan.verbatim) {
		const bytes = pub.get(file);
		if (bytes) out.set(file, bytes);
	}
	for (const job of plan.audioJobs) {
		const made = await concatenateOpus(job, pub);
		out.set(job.to, made.bytes);
		applyAudioJob(plan.manifest, job, made.durationsSec, made.totalSec);
		const sources = [...new Set(job.segments.map((s) => s.from))].join(', ');
		issues.push(
			contentIssue(
				job.to,
				'$',
				finding('readiumConverted', {
					src: sources,
					to: job.to,
					detail: `${job.segments.length} clip(s) in reading order, Opus ${SPEECH_OPUS.bitrateBps / 1000} kbps mono`
				}),
				'warning'
			)
		);
	}
	out.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(plan.manifest, null, '\t') + '\n'));
	return { files: out, issues };
}

/**
 * A page as WebP within the per-page budget: kept as it is when it already is WebP within budget
 * (so a Kalanso export comes back byte for byte), else encoded at decreasing quality. The size in
 * pixels never changes: every region of the comic is in the page's pixels.
 */
async function pageWithinBudget(bytes: Uint8Array): Promise<{ bytes: Uint8Array; detail: string | null }> {
	const meta = await sharp(bytes).metadata();
	if (meta.format === 'webp' && bytes.byteLength <= PAGE_ART_BUDGET_BYTES) return { bytes, detail: null };
	let out = bytes;
	let quality = 82;
	for (; quality >= 30; quality -= 8) {
		out = new Uint8Array(await sharp(bytes).webp({ quality, effort: 4 }).toBuffer());
		if (out.byteLength <= PAGE_ART_BUDGET_BYTES) break;
	}
	const kb = (n: number) => Math.round(n / 1024);
	return {
		bytes: out,
		detail: `${meta.format} ${kb(bytes.byteLength)} KB → WebP quality ${Math.max(quality, 30)} ${kb(out.byteLength)} KB`
	};
}

async function ffprobeDuration(file: string): Promise<number> {
	const { stdout } = await run('ffprobe', [
		'-v',
		'error',
		'-show_entries',
		'format=duration',
		'-of',
		'csv=p=0',
		file
	]);
	const sec = Number(stdout.trim());
	if (!Number.isFinite(sec) || sec <= 0) throw new Error(`no duration in ${path.basename(file)}`);
	return sec;
}

/**
 * One Opus file from a page's clips in reading order (each clip the `#t=` range of its file, or the
 * whole file). Needs ffmpeg with libopus (Debian's `ffmpeg`); the error says so when it is missing.
 */
async function concatenateOpus(
	job: AudioJob,
	pub: ReadonlyMap<string, Uint8Array>
): Promise<{ bytes: Uint8Array; durationsSec: number[]; totalSec: number }> {
	const dir = await mkdtemp(path.join(tmpdir(), 'kalanso-import-'));
	try {
		const inputs: string[] = [];
		const durationsSec: number[] = [];
		const filters: string[] = [];
		for (const [i, s] of job.segments.entries()) {
			const file = path.join(dir, `in-${i}${path.extname(s.from) || '.audio'}`);
			await writeFile(file, pub.get(s.from)!);
			const whole = await ffprobeDuration(file);
			const start = s.startSec ?? 0;
			const end = Math.min(s.endSec ?? whole, whole);
			durationsSec.push(Math.max(0, end - start));
			inputs.push('-i', file);
			filters.push(
				`[${i}:a]atrim=start=${start}:end=${end},asetpts=PTS-STARTPTS,aresample=48000,aformat=channel_layouts=mono[a${i}]`
			);
		}
		const n = job.segments.length;
		const graph = `${filters.join(';')};${job.segments.map((_, i) => `[a${i}]`).join('')}concat=n=${n}:v=0:a=1[out]`;
		const outFile = path.join(dir, 'out.ogg');
		try {
			await run('ffmpeg', [
				'-v',
				'error',
				'-y',
				...inputs,
				'-filter_complex',
				graph,
				'-map',
				'[out]',
				...ffmpegOpusArgs(SPEECH_OPUS),
				'-ac',
				'1',
				outFile
			]);
		} catch (error) {
			throw new Error(
				`cannot make Opus narration (ffmpeg with libopus needed): ${(error as Error).message.split('\n')[0]}`,
				{ cause: error }
			);
		}
		const totalSec = await ffprobeDuration(outFile);
		const bytes = new Uint8Array(await readFile(outFile));
		// Speech at 6 kbps is ≈ 45 KB per minute: within budget by construction; checked anyway.
		if ((bytes.byteLength / totalSec) * 60 > AUDIO_BUDGET_BYTES_PER_MINUTE) {
			throw new Error(`${job.to} came out over the narration budget`);
		}
		return { bytes, durationsSec, totalSec };
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/**
 * A validated comic as a Readium Web Publication: `manifest.json` (Divina), one Guided Navigation
 * document per language, and every file of the comic byte for byte.
 */
export function exportComic(
	manifest: Manifest,
	comicFiles: ReadonlyMap<string, Uint8Array>
): Map<string, Uint8Array> {
	const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, '\t') + '\n');
	const out = new Map<string, Uint8Array>();
	const names = [...comicFiles.keys()].filter((p) => p !== MANIFEST_FILE);
	out.set(PUBLICATION_FILE, encode(exportPublication(manifest, names)));
	for (const lang of manifest.languages.map((l) => l.tag)) {
		out.set(guidedFileName(manifest, lang), encode(exportGuided(manifest, lang)));
	}
	for (const name of names) out.set(name, comicFiles.get(name)!);
	return out;
}

/** A publication's files as one zip (stored, not deflated: WebP and Opus are compressed already). */
export function zipFiles(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
	const entries: Record<string, Uint8Array> = {};
	for (const [name, bytes] of files) entries[name] = bytes;
	return zipSync(entries, { level: 0 });
}
