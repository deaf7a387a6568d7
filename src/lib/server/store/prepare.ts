/**
 * Turns a comic folder or an uploaded pack (zip) into a PreparedVersion, or into the list of what is
 * wrong with it. An upload is validated COMPLETELY before anything is stored: sizes, paths, that every
 * image is the format its name claims (decoded by sharp, not trusted by extension), no SVG (it can
 * carry scripts), audio by its magic bytes, then the same manifest validation `comics:check` runs.
 */
import { parseJsonText } from '../../domain/manifest/json-text';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { finding, type Finding } from '../../domain/manifest/findings';
import { contentIssue, type ContentIssue } from '../../domain/manifest/issues';
import type { AssetProbe } from '../../domain/manifest/validate';
import {
	assetPath,
	loadComic,
	MANIFEST_FILE,
	type ComicChecks,
	type LanguageInfo
} from '../content/comic-folder';
import { validateComic } from '../content/validate-version';
import { unzipWithLimits, type UnzipProblem } from './unzip';
import { prepareVersion, type PreparedVersion } from './versions';

export interface PackLimits {
	/** The uploaded zip itself. */
	maxPackBytes: number;
	/** Any one file once unpacked. */
	maxFileBytes: number;
	/** All files once unpacked (a zip bomb stops here, before decompression). */
	maxTotalBytes: number;
	maxFiles: number;
	/** Pixels per image (width × height): a tablet decodes each page into memory. */
	maxImagePixels: number;
}

export const DEFAULT_LIMITS: PackLimits = {
	maxPackBytes: 100 * 1024 * 1024,
	maxFileBytes: 25 * 1024 * 1024,
	maxTotalBytes: 250 * 1024 * 1024,
	maxFiles: 2000,
	maxImagePixels: 4096 * 4096
};

export type PrepareResult =
	{ ok: true; version: PreparedVersion; warnings: ContentIssue[] } | { ok: false; issues: ContentIssue[] };

const IMAGE_FORMATS: Record<string, string> = {
	'.webp': 'webp',
	'.png': 'png',
	'.jpg': 'jpeg',
	'.jpeg': 'jpeg'
};
const AUDIO_EXTENSIONS = new Set(['.ogg', '.opus', '.webm', '.mp3', '.m4a', '.wav']);

/** Megabytes with one decimal, as a number: the interface formats it for its language. */
const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));

function issue(file: string, found: Finding, severity: ContentIssue['severity'] = 'error'): ContentIssue {
	return contentIssue(file, '$', found, severity);
}

/** Reads a validated comic folder (comics/ or a fixture) into a version. */
export async function prepareFromFolder(
	dir: string,
	languages: readonly LanguageInfo[],
	checks: ComicChecks = {}
): Promise<PrepareResult> {
	const loaded = await loadComic(dir, languages, checks);
	if (!loaded.manifest) return { ok: false, issues: loaded.issues };
	const files = new Map<string, Uint8Array>();
	for (const rel of loaded.files ?? []) {
		const full = assetPath(dir, rel);
		if (!full) return { ok: false, issues: [issue(rel, finding('pathLeavesFolder'))] };
		try {
			files.set(rel, new Uint8Array(await readFile(full)));
		} catch (error) {
			return {
				ok: false,
				issues: [issue(rel, finding('fileUnreadable', { detail: (error as Error).message }))]
			};
		}
	}
	const warnings = loaded.issues.filter((i) => i.severity === 'warning');
	return { ok: true, version: prepareVersion(loaded.manifest, files), warnings };
}

/** An unzip refusal as the finding the author reads. */
function unzipIssue(problem: UnzipProblem, limits: PackLimits): ContentIssue {
	switch (problem.kind) {
		case 'not-zip':
			return issue('(pack)', finding('packNotZip', { detail: problem.detail }));
		case 'too-many-files':
			return issue('(pack)', finding('packTooManyFiles', { count: problem.count, limit: limits.maxFiles }));
		case 'file-too-large':
			return issue(
				problem.name,
				finding('packFileTooLarge', { size: mb(problem.size), limit: mb(limits.maxFileBytes) })
			);
		case 'total-too-large':
			return issue(
				'(pack)',
				finding('packTooLargeUnpacked', { size: mb(problem.size), limit: mb(limits.maxTotalBytes) })
			);
	}
}

/** A safe relative path inside a pack, or null (absolute, `..`, backslashes, empty parts). */
export function safePackPath(name: string): string | null {
	if (name.includes('\\') || name.startsWith('/') || name.includes('\0')) return null;
	const parts = name.split('/');
	if (parts.some((p) => p === '..' || p === '.' || p === '')) return null;
	return parts.join('/');
}

function sniffAudio(bytes: Uint8Array): string | null {
	const ascii = (start: number, text: string) =>
		[...text].every((ch, i) => bytes[start + i] === ch.charCodeAt(0));
	if (ascii(0, 'OggS')) return 'ogg';
	if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'webm';
	if (ascii(0, 'ID3') || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return 'mp3';
	if (ascii(4, 'ftyp')) return 'mp4';
	if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return 'wav';
	return null;
}

const AUDIO_BY_EXTENSION: Record<string, string[]> = {
	'.ogg': ['ogg'],
	'.opus': ['ogg'],
	'.webm': ['webm'],
	'.mp3': ['mp3'],
	'.m4a': ['mp4'],
	'.wav': ['wav']
};

/**
 * Validates an uploaded zip completely and returns the version, or every problem found.
 * The pack holds a comic folder: `comic.json` at its root or inside one top folder.
 */
export async function prepareFromZip(
	zip: Uint8Array,
	languages: readonly LanguageInfo[],
	checks: ComicChecks = {},
	limits: PackLimits = DEFAULT_LIMITS
): Promise<PrepareResult> {
	const issues: ContentIssue[] = [];
	const warnings: ContentIssue[] = [];
	if (zip.byteLength > limits.maxPackBytes) {
		return {
			ok: false,
			issues: [
				issue('(pack)', finding('packTooLarge', { size: mb(zip.byteLength), limit: mb(limits.maxPackBytes) }))
			]
		};
	}

	// Limits on entries and sizes, declared and actually inflated (zip bombs): unzip.ts.
	const unzipped = unzipWithLimits(zip, limits);
	if (!unzipped.ok) return { ok: false, issues: unzipped.problems.map((p) => unzipIssue(p, limits)) };
	const entries = unzipped.entries;

	const files = new Map<string, Uint8Array>();
	for (const [name, bytes] of entries) {
		// Archivers add these; they are never part of a comic.
		if (name.startsWith('__MACOSX/') || name.endsWith('.DS_Store')) continue;
		const safe = safePackPath(name);
		if (!safe) {
			issues.push(issue(name, finding('packPathRefused')));
			continue;
		}
		files.set(safe, bytes);
	}
	if (issues.length) return { ok: false, issues };

	// A Readium Web Publication (Divina + Guided Navigation) is converted into a comic first (pages
	// as WebP, speech as Opus), then goes through the same checks as any pack (issue 20).
	if (![...files.keys()].some((p) => p === MANIFEST_FILE || p.endsWith('/' + MANIFEST_FILE))) {
		const { importPublication, publicationRoot } = await import('../interop/readium');
		const publication = publicationRoot(files);
		if (publication) {
			const imported = await importPublication(publication, {
				fallbackId: '',
				knownLanguages: new Set(languages.map((l) => l.tag))
			});
			for (const found of imported.issues) (found.severity === 'error' ? issues : warnings).push(found);
			if (!imported.files || issues.length) return { ok: false, issues };
			files.clear();
			for (const [p, bytes] of imported.files) files.set(p, bytes);
		}
	}

	// comic.json at the root, or inside a single top folder (what "compress folder" produces).
	let prefix = '';
	if (!files.has(MANIFEST_FILE)) {
		const candidates = [...files.keys()].filter(
			(p) => p.split('/').length === 2 && p.endsWith('/' + MANIFEST_FILE)
		);
		if (candidates.length !== 1) {
			return {
				ok: false,
				issues: [issue(MANIFEST_FILE, finding('packNoManifest'))]
			};
		}
		prefix = candidates[0]!.slice(0, -MANIFEST_FILE.length);
	}
	const inComic = new Map<string, Uint8Array>();
	for (const [p, bytes] of files) {
		if (p.startsWith(prefix)) inComic.set(p.slice(prefix.length), bytes);
		else warnings.push(issue(p, finding('packOutsideComic'), 'warning'));
	}

	const parsed = parseJsonText(inComic.get(MANIFEST_FILE)!);
	if (!parsed.ok) return { ok: false, issues: [issue(MANIFEST_FILE, parsed.finding)] };
	const raw = parsed.value;

	// The one validation, reading the unpacked files; an upload's own checks (real image format,
	// audio magic bytes, pixel limit) report into `issues` as the files are probed.
	const result = await validateComic(
		raw,
		{
			read: async (rel) => inComic.get(rel) ?? null,
			probeImage: (rel) => probeImageBytes(rel, inComic.get(rel), limits, issues),
			probeAudio: (rel) => probeAudioBytes(rel, inComic.get(rel), checks, issues)
		},
		{ languages, checks }
	);
	issues.push(...result.issues.filter((i) => i.severity === 'error'));
	warnings.push(...result.issues.filter((i) => i.severity === 'warning'));
	if (issues.length || !result.manifest) return { ok: false, issues };

	const kept = new Set(result.files);
	const versionFiles = new Map<string, Uint8Array>();
	for (const [p, bytes] of inComic) {
		if (p === MANIFEST_FILE) continue;
		if (kept.has(p)) versionFiles.set(p, bytes);
		else warnings.push(issue(p, finding('packUnusedFile'), 'warning'));
	}
	return { ok: true, version: prepareVersion(result.manifest, versionFiles), warnings };
}

async function probeImageBytes(
	name: string,
	bytes: Uint8Array | undefined,
	limits: PackLimits,
	issues: ContentIssue[]
): Promise<AssetProbe> {
	if (!bytes) return { kind: 'missing' };
	const ext = path.extname(name).toLowerCase();
	if (ext === '.svg' || looksLikeSvg(bytes)) {
		issues.push(issue(name, finding('svgRefused')));
		return { kind: 'unreadable', reason: 'SVG refused', reported: true };
	}
	const expected = IMAGE_FORMATS[ext];
	if (!expected) {
		issues.push(issue(name, finding('imageTypeRefused', { ext: ext || '(none)' })));
		return { kind: 'unreadable', reason: 'not an accepted image type', reported: true };
	}
	try {
		const meta = await sharp(bytes, { limitInputPixels: limits.maxImagePixels }).metadata();
		if (meta.format !== expected) {
			issues.push(
				issue(
					name,
					meta.format
						? finding('imageNamedWrong', { ext, found: meta.format, expected })
						: finding('imageNotImage', { ext })
				)
			);
			return { kind: 'unreadable', reason: 'wrong format', reported: true };
		}
		if (!meta.width || !meta.height) {
			issues.push(issue(name, finding('imageNoSize')));
			return { kind: 'unreadable', reason: 'no image size in the file', reported: true };
		}
		if (meta.width * meta.height > limits.maxImagePixels) {
			issues.push(issue(name, finding('imageTooManyPixels', { width: meta.width, height: meta.height })));
			return { kind: 'unreadable', reason: 'too large', reported: true };
		}
		// Decode it fully: a truncated or corrupt body passes metadata() but breaks on tablets.
		await sharp(bytes, { limitInputPixels: limits.maxImagePixels }).stats();
		return { kind: 'image', width: meta.width, height: meta.height };
	} catch (error) {
		const reason = (error as Error).message.split('\n')[0] ?? 'unknown format';
		issues.push(issue(name, finding('imageNotReadable', { detail: reason })));
		return { kind: 'unreadable', reason, reported: true };
	}
}

function looksLikeSvg(bytes: Uint8Array): boolean {
	const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
	return head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'));
}

async function probeAudioBytes(
	name: string,
	bytes: Uint8Array | undefined,
	checks: ComicChecks,
	issues: ContentIssue[]
): Promise<AssetProbe> {
	if (!bytes) {
		// The manifest validator checks images only; a pack must carry every audio file it names.
		issues.push(issue(MANIFEST_FILE, finding('packAudioMissing', { src: name })));
		return { kind: 'missing' };
	}
	const ext = path.extname(name).toLowerCase();
	if (!AUDIO_EXTENSIONS.has(ext)) {
		issues.push(issue(name, finding('audioTypeRefused', { ext: ext || '(none)' })));
		return { kind: 'unreadable', reason: 'not an accepted audio type', reported: true };
	}
	const found = sniffAudio(bytes);
	if (!found || !AUDIO_BY_EXTENSION[ext]!.includes(found)) {
		issues.push(
			issue(name, found ? finding('audioNamedWrong', { ext, found }) : finding('audioNotAudio', { ext }))
		);
		return { kind: 'unreadable', reason: 'wrong format', reported: true };
	}
	if (!checks.probeAudio) return { kind: 'audio', durationSec: 0 };
	// The registered audio probe reads files: give it a private temporary copy.
	const dir = await mkdtemp(path.join(tmpdir(), 'kalanso-upload-'));
	try {
		const file = path.join(dir, `audio${ext}`);
		await writeFile(file, bytes);
		return await checks.probeAudio(file);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
