/**
 * Light helpers over pack manifests (no zod, no hashing), for pages that show sizes and languages.
 * The schema, version hash and checks are in ./format.ts.
 */
import type { Manifest } from '../manifest/schema';
import type { DevicePlan } from './audio-choice';
import type { PackFile, PackManifest } from './format';

export const PACK_FORMAT = 'kalanso-pack';
export const PACK_FORMAT_VERSION = 1;
/** Path of the comic manifest inside a pack. */
export const COMIC_MANIFEST_PATH = 'comic.json';
/** Name of the pack manifest inside an exported pack file (zip). */
export const PACK_MANIFEST_FILE = 'pack.json';
/** The signed withdrawal list inside an exported pack file (zip): src/lib/domain/signing/withdrawal.ts. */
export const WITHDRAWALS_FILE = 'withdrawals.json';
/** Folder of the pack's files inside an exported pack file (zip). */
export const PACK_FILES_DIR = 'files/';

/**
 * The narration language of each audio file the manifest names (a file two languages share is
 * core: no language). The server lists packs with it and tablets check a listing against it, so a
 * pack cannot relabel a file's language outside the signed manifest.
 */
export function narrationLanguages(manifest: Pick<Manifest, 'narration'>): Map<string, string | undefined> {
	const languages = new Map<string, string | undefined>();
	for (const [tag, narration] of Object.entries(manifest.narration ?? {})) {
		for (const file of narration.audio) {
			for (const source of file.sources) {
				languages.set(
					source.src,
					languages.has(source.src) && languages.get(source.src) !== tag ? undefined : tag
				);
			}
		}
	}
	return languages;
}

/** Narration languages a pack offers, with the bytes each adds to the core. */
export function packLanguages(pack: Pick<PackManifest, 'files'>): { tag: string; bytes: number }[] {
	const bytes = new Map<string, number>();
	for (const f of pack.files) if (f.language) bytes.set(f.language, (bytes.get(f.language) ?? 0) + f.size);
	return [...bytes].map(([tag, n]) => ({ tag, bytes: n })).sort((a, b) => a.tag.localeCompare(b.tag));
}

/** The files a device stores for the chosen narration languages: the core plus those languages. */
export function selectPackFiles(pack: Pick<PackManifest, 'files'>, languages: readonly string[]): PackFile[] {
	return pack.files.filter((f) => !f.language || languages.includes(f.language));
}

export function totalBytes(files: readonly Pick<PackFile, 'size'>[]): number {
	return files.reduce((n, f) => n + f.size, 0);
}

/**
 * The manifest a device reader sees: narration only in the languages stored on the device, so the
 * reader never offers a language whose audio is not there.
 */
export function manifestForLanguages(manifest: Manifest, languages: readonly string[]): Manifest {
	if (!manifest.narration) return manifest;
	const narration = Object.fromEntries(
		Object.entries(manifest.narration).filter(([tag]) => languages.includes(tag))
	);
	const { narration: _dropped, ...rest } = manifest;
	return Object.keys(narration).length ? { ...rest, narration } : rest;
}

/** Bytes of a device plan (./audio-choice.ts) for the chosen languages (what the download buttons announce). */
export function planBytes(
	plan: Pick<DevicePlan, 'coreBytes' | 'languages'>,
	languages: readonly string[]
): number {
	return plan.languages.reduce((n, l) => n + (languages.includes(l.tag) ? l.bytes : 0), plan.coreBytes);
}
