/**
 * Builds the pack of a published comic (see src/lib/domain/packs/format.ts) from its approved
 * version in the content store, with the approval signature. A pack is built when that comic's pack
 * is asked for (never to list packs: `/packs` reads `version_packs`, see listing.ts), and the most
 * recently asked ones are kept in memory, a bounded number whatever the catalog's size.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { assetPath } from '../content/comic-folder';
import { contentType } from '../http/serve-file';
import { referencedAssets } from '../../domain/manifest/validate';
import type { Manifest } from '../../domain/manifest/schema';
import {
	COMIC_MANIFEST_PATH,
	PACK_FORMAT,
	PACK_FORMAT_VERSION,
	narrationLanguages,
	packVersion,
	type PackFile,
	type PackManifest,
	type PackSignature,
	packLanguages,
	selectPackFiles,
	totalBytes
} from '../../domain/packs/format';
import type { VersionDocument } from '../../domain/signing/version';
import { sha256Hex } from '../../domain/signing/hash';
import { reviewServices } from '../review/server';
import { database } from '../db/server';
import { libraryService } from '../library/server';
import { packListingRepository, type PackListPage } from './listing';
import { PackCache } from './cache';

export { PACKS_KEPT } from './cache';

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

/** Where a pack's files come from, when not from a comic folder. */
export interface PackSource {
	/** The file of an asset (default: inside the comic folder). */
	resolve?: (rel: string) => string | null;
	/** Every asset path to list (default: the images and audio the manifest references). */
	paths?: readonly string[];
	/** The approval of the published version (review feature); null when unsigned. */
	signature?: PackSignature | null;
	/**
	 * The SHA-256 of each asset when already known (the content store is addressed by it): then a
	 * file is only measured, not read. Hashing every asset of 2,000 comics took most of a minute.
	 */
	hashes?: Readonly<Record<string, string>>;
}

/** Builds one comic's pack from its folder (or a PackSource) and validated manifest. */
export async function buildPack(
	dir: string,
	manifest: Manifest,
	source: PackSource = {}
): Promise<BuiltPack> {
	const resolve = source.resolve ?? ((rel: string) => assetPath(dir, rel));
	const comicJson = new TextEncoder().encode(JSON.stringify(manifest));
	const files: PackFile[] = [
		{
			path: COMIC_MANIFEST_PATH,
			size: comicJson.byteLength,
			sha256: sha256Hex(comicJson),
			type: 'application/json'
		}
	];
	const diskPaths = new Map<string, string>();
	const refs = referencedAssets(manifest);
	const languages = narrationLanguages(manifest);
	for (const rel of source.paths ?? [...refs.images, ...refs.audio]) {
		const full = resolve(rel);
		if (!full) throw new Error(`${rel}: path leaves the comic folder`);
		const known = source.hashes?.[rel];
		const { sha256, size } = known ? { sha256: known, size: (await stat(full)).size } : await hashFile(full);
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
		manifest: { ...listing, version: packVersion(listing), signature: source.signature ?? null },
		comicJson,
		diskPaths
	};
}

/** The pack of a version in the content store, signed by its approval. */
export function storedPack(
	document: VersionDocument,
	approval: PackSignature | null,
	assetFile: (document: VersionDocument, rel: string) => string | null
): Promise<BuiltPack> {
	// Exactly the version's assets (quiz included), so a tablet can rebuild the signed version
	// document from the pack listing and check the approval.
	return buildPack('', document.manifest, {
		resolve: (rel) => assetFile(document, rel),
		paths: Object.keys(document.assets),
		hashes: document.assets,
		signature: approval
	});
}

/** What `/packs` lists of a pack: enough for a tablet to choose, nothing it must read to download. */
export interface PackSummary {
	version: string;
	coreBytes: number;
	languages: { tag: string; bytes: number }[];
}

export function packSummary(manifest: PackManifest): PackSummary {
	return {
		version: manifest.version,
		coreBytes: totalBytes(selectPackFiles(manifest, [])),
		languages: packLanguages(manifest)
	};
}

/** The process's pack cache (cache.ts), over the review service. */
let packs: Promise<PackCache> | undefined;
function packCache(): Promise<PackCache> {
	packs ??= reviewServices()
		.then(({ service }) => new PackCache(service))
		.catch((error: unknown) => {
			packs = undefined;
			throw error;
		});
	return packs;
}

/** The pack of a comic's published, signature-verified version, or null (PackCache.current). */
export async function getPack(slug: string): Promise<BuiltPack | null> {
	return (await packCache()).current(slug);
}

/** The pack of `slug` if `packVersion` is its current pack's version, else null (PackCache.ofVersion). */
export async function getPackOfVersion(slug: string, packVersion: string): Promise<BuiltPack | null> {
	return (await packCache()).ofVersion(slug, packVersion);
}

/**
 * One page of the pack listing (listing.ts), after bringing the library index in step with the
 * review workflow (two indexed queries when nothing changed).
 */
export async function packListingPage(after: string | null, limit: number): Promise<PackListPage> {
	const [library, { db }, { service }] = await Promise.all([libraryService(), database(), reviewServices()]);
	await library.sync();
	return packListingRepository(db).page(
		after,
		limit,
		service.trustedKeys.map((k) => k.id)
	);
}
