/**
 * Builds the pack of each comic in the server catalog (see src/lib/domain/packs/format.ts).
 * Packs are computed from the validated comics on first use and cached with the catalog, so a
 * comic that changes on disk gets a new version after `reloadCatalog()`.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { getCatalog, type Catalog } from '../content/catalog';
import { assetPath } from '../content/comic-folder';
import { contentType } from '../http/serve-file';
import { referencedAssets } from '../../domain/manifest/validate';
import type { Manifest } from '../../domain/manifest/schema';
import {
	COMIC_MANIFEST_PATH,
	PACK_FORMAT,
	PACK_FORMAT_VERSION,
	packVersion,
	type PackFile,
	type PackManifest
} from '../../domain/packs/format';

export interface BuiltPack {
	manifest: PackManifest;
	/** The comic manifest exactly as listed (and hashed) in the pack. */
	comicJson: Uint8Array;
	/** Absolute path on disk of every other file, by pack path. */
	diskPaths: Map<string, string>;
}

function hashFile(file: string): Promise<{ sha256: string; size: number }> {
	return new Promise((resolve, reject) => {
		const hash = createHash('sha256');
		let size = 0;
		createReadStream(file)
			.on('data', (chunk) => {
				size += (chunk as Buffer).length;
				hash.update(chunk);
			})
			.on('error', reject)
			.on('end', () => resolve({ sha256: hash.digest('hex'), size }));
	});
}

/** Narration language of each audio path (a file shared by two languages counts as core). */
function audioLanguages(manifest: Manifest): Map<string, string | undefined> {
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

/** Builds one comic's pack from its folder and validated manifest. */
export async function buildPack(dir: string, manifest: Manifest): Promise<BuiltPack> {
	const comicJson = new TextEncoder().encode(JSON.stringify(manifest));
	const files: PackFile[] = [
		{
			path: COMIC_MANIFEST_PATH,
			size: comicJson.byteLength,
			sha256: createHash('sha256').update(comicJson).digest('hex'),
			type: 'application/json'
		}
	];
	const diskPaths = new Map<string, string>();
	const refs = referencedAssets(manifest);
	const languages = audioLanguages(manifest);
	for (const rel of [...refs.images, ...refs.audio]) {
		const full = assetPath(dir, rel);
		if (!full) throw new Error(`${rel}: path leaves the comic folder`);
		const { sha256, size } = await hashFile(full);
		const language = languages.get(rel);
		files.push({ path: rel, size, sha256, type: contentType(rel), ...(language ? { language } : {}) });
		diskPaths.set(rel, full);
	}
	const listing = {
		format: PACK_FORMAT,
		formatVersion: PACK_FORMAT_VERSION,
		slug: manifest.id,
		title: manifest.title,
		files
	} as const;
	return {
		manifest: { ...listing, version: packVersion(listing), signature: null },
		comicJson,
		diskPaths
	};
}

const built = new WeakMap<Catalog, Map<string, Promise<BuiltPack>>>();

/** The current pack of a comic in the catalog, or null when there is no such comic. */
export async function getPack(slug: string): Promise<BuiltPack | null> {
	const catalog = await getCatalog();
	const comic = catalog.comics.get(slug);
	if (!comic) return null;
	let packs = built.get(catalog);
	if (!packs) built.set(catalog, (packs = new Map()));
	let pack = packs.get(slug);
	if (!pack) {
		pack = buildPack(comic.dir, comic.manifest);
		// A failed build (file vanished) is not cached, so the next request tries again.
		pack.catch(() => packs.delete(slug));
		packs.set(slug, pack);
	}
	return pack;
}

/** Every comic's current pack, in catalog order. */
export async function listPacks(): Promise<BuiltPack[]> {
	const catalog = await getCatalog();
	const packs = await Promise.all([...catalog.comics.keys()].map((slug) => getPack(slug)));
	return packs.filter((p): p is BuiltPack => p !== null);
}
