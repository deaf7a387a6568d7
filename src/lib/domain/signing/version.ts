/**
 * A comic version: its manifest plus the SHA-256 of every asset file, written as canonical JSON.
 * The SHA-256 of that text is the version hash (DESIGN.md §4): any change to the manifest or to any
 * asset byte makes a new version, and an approval signature covers exactly one version.
 */
import type { Manifest } from '../manifest/schema';
import { canonicalJson } from './canonical';
import { HEX_SHA256, sha256Hex } from './hash';

export const VERSION_FORMAT = 'kalanso-version/1';

/** The canonical manifest of a version (what is hashed and signed). */
export interface VersionDocument {
	format: typeof VERSION_FORMAT;
	comicId: string;
	manifest: Manifest;
	/** SHA-256 (hex) of every asset file by its path relative to the comic folder. */
	assets: Record<string, string>;
}

export function buildVersionDocument(manifest: Manifest, assets: Record<string, string>): VersionDocument {
	const sorted: Record<string, string> = {};
	for (const p of Object.keys(assets).sort()) sorted[p] = assets[p]!;
	return { format: VERSION_FORMAT, comicId: manifest.id, manifest, assets: sorted };
}

/** The exact text that is hashed: deterministic JSON, sorted keys, no whitespace. */
export function canonicalVersionText(doc: VersionDocument): string {
	return canonicalJson(doc);
}

/** The version hash: SHA-256 (hex) of the canonical text. */
export function versionHashOf(doc: VersionDocument): string {
	return sha256Hex(canonicalVersionText(doc));
}

/** Checks the shape of a parsed version document (the manifest itself is validated elsewhere). */
export function isVersionDocument(value: unknown): value is VersionDocument {
	const v = value as Partial<VersionDocument> | null;
	return (
		!!v &&
		typeof v === 'object' &&
		v.format === VERSION_FORMAT &&
		typeof v.comicId === 'string' &&
		!!v.manifest &&
		typeof v.manifest === 'object' &&
		(v.manifest as Manifest).id === v.comicId &&
		!!v.assets &&
		typeof v.assets === 'object' &&
		Object.values(v.assets).every((h) => typeof h === 'string' && HEX_SHA256.test(h))
	);
}

/** An asset that does not match the version document. */
export interface AssetMismatch {
	path: string;
	problem: 'missing' | 'altered' | 'unlisted';
}

/**
 * Compares asset bytes against the hashes the document lists. `unlisted` files are extra files
 * the document does not mention (refused: a pack must carry nothing unsigned).
 */
export function checkAssets(
	doc: VersionDocument,
	files: ReadonlyMap<string, Uint8Array>,
	{ allowUnlisted = false }: { allowUnlisted?: boolean } = {}
): AssetMismatch[] {
	const problems: AssetMismatch[] = [];
	for (const [path, expected] of Object.entries(doc.assets)) {
		const bytes = files.get(path);
		if (!bytes) problems.push({ path, problem: 'missing' });
		else if (sha256Hex(bytes) !== expected) problems.push({ path, problem: 'altered' });
	}
	if (!allowUnlisted) {
		for (const path of files.keys()) if (!(path in doc.assets)) problems.push({ path, problem: 'unlisted' });
	}
	return problems;
}
