/**
 * Reads comics from folders on disk (`comics/<slug>/comic.json` and its assets) and validates
 * them. This is the one module that knows the on-disk layout; `comics:check`, the server catalog
 * and the tests all go through it, so a bad file is reported the same way everywhere.
 */
import { parseJsonText } from '../../domain/manifest/json-text';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { finding, type Finding } from '../../domain/manifest/findings';
import { contentIssue, type ContentIssue } from '../../domain/manifest/issues';
import type { Manifest } from '../../domain/manifest/schema';
import type { AssetProbe, ValidationContext } from '../../domain/manifest/validate';
import { parseLanguages, type Language } from '../../domain/languages/languages';
import { MANIFEST_FILE, validateComic, type ComicFiles } from './validate-version';

export { MANIFEST_FILE };

/** One language of comics/languages.json (script, direction, plural rules, names): see domain/languages. */
export type LanguageInfo = Language;

export interface LoadedComic {
	slug: string;
	dir: string;
	manifest: Manifest | null;
	issues: ContentIssue[];
	/** The files of the comic besides comic.json (images, audio, quiz.json and its audio). */
	files?: string[];
}

/** Extra checks and probes other modules register (narration, text fitting). */
export interface ComicChecks {
	extraChecks?: ValidationContext['extraChecks'];
	/** Probes audio files; when absent, audio files are only checked for existence. */
	probeAudio?: (file: string) => Promise<AssetProbe>;
	knownObjectives?: ReadonlySet<string>;
}

/** The comics folder: `KALANSO_COMICS` or `./comics` of the working directory. */
export function comicsRoot(): string {
	return path.resolve(process.env.KALANSO_COMICS ?? 'comics');
}

/** Reads and checks `<root>/languages.json`; a bad entry throws naming the file and the language. */
export async function loadLanguages(root: string): Promise<LanguageInfo[]> {
	const file = path.join(root, 'languages.json');
	return parseLanguages(JSON.parse(await readFile(file, 'utf8')), file);
}

async function exists(file: string): Promise<boolean> {
	try {
		return (await stat(file)).isFile();
	} catch {
		return false;
	}
}

/** Image size as read from the file itself, or why it cannot be read. */
export async function probeImage(file: string): Promise<AssetProbe> {
	if (!(await exists(file))) return { kind: 'missing' };
	try {
		const meta = await sharp(file).metadata();
		if (!meta.width || !meta.height) return { kind: 'unreadable', reason: 'no image size in the file' };
		return { kind: 'image', width: meta.width, height: meta.height };
	} catch (error) {
		return { kind: 'unreadable', reason: (error as Error).message.split('\n')[0] ?? 'unknown format' };
	}
}

/** Resolves an asset path inside the comic folder; refuses paths that climb out of it. */
export function assetPath(dir: string, relative: string): string | null {
	const full = path.resolve(dir, relative);
	return full.startsWith(path.resolve(dir) + path.sep) ? full : null;
}

/** Loads and validates one comic folder. Never throws for bad content: problems become issues. */
export async function loadComic(
	dir: string,
	languages: readonly LanguageInfo[],
	checks: ComicChecks = {}
): Promise<LoadedComic> {
	const slug = path.basename(dir);
	const fail = (found: Finding, where = '$'): LoadedComic => ({
		slug,
		dir,
		manifest: null,
		issues: [contentIssue(MANIFEST_FILE, where, found)]
	});
	let text: string;
	try {
		text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
	} catch {
		return fail(finding('manifestMissing'));
	}
	const parsed = parseJsonText(text);
	if (!parsed.ok) return fail(parsed.finding);
	const raw = parsed.value;

	const result = await validateComic(raw, folderFiles(dir, checks), { languages, checks });
	if (result.manifest && result.manifest.id !== slug) {
		result.issues.push(
			contentIssue(
				MANIFEST_FILE,
				'$.id',
				finding('idMatchesFolder', { id: result.manifest.id, folder: slug })
			)
		);
		return { slug, dir, manifest: null, issues: result.issues };
	}
	return { slug, dir, manifest: result.manifest, issues: result.issues, files: result.files };
}

/** A comic folder on disk as the one validation reads it; paths that climb out of it are refused. */
export function folderFiles(dir: string, checks: ComicChecks = {}): ComicFiles {
	const outside: AssetProbe = { kind: 'unreadable', reason: 'path leaves the comic folder' };
	return {
		async read(relative) {
			const full = assetPath(dir, relative);
			if (!full || !(await exists(full))) return null;
			return new Uint8Array(await readFile(full));
		},
		async probeImage(relative) {
			const full = assetPath(dir, relative);
			return full ? probeImage(full) : outside;
		},
		async probeAudio(relative) {
			const full = assetPath(dir, relative);
			if (!full) return outside;
			if (!(await exists(full))) return { kind: 'missing' };
			return checks.probeAudio?.(full);
		}
	};
}

/** Every folder under root that holds a comic.json, sorted by name. */
export async function listComicDirs(root: string): Promise<string[]> {
	const entries = await readdir(root, { withFileTypes: true });
	const dirs: string[] = [];
	for (const entry of entries) {
		if (entry.isDirectory() && (await exists(path.join(root, entry.name, MANIFEST_FILE)))) {
			dirs.push(path.join(root, entry.name));
		}
	}
	return dirs.sort();
}
