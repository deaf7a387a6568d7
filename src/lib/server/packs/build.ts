/**
 * Builds the pack of each published comic (see src/lib/domain/packs/format.ts) from its approved
 * version in the content store, with the approval signature. Packs are computed on first use and
 * cached per version.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
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
	type PackSignature
} from '../../domain/packs/format';
import { sha256Hex } from '../../domain/signing/hash';
import { reviewServices } from '../review/server';

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
		manifest: { ...listing, version: packVersion(listing), signature: source.signature ?? null },
		comicJson,
		diskPaths
	};
}

/** Built packs by `slug|versionHash`: a published version never changes, so its pack never does. */
const built = new Map<string, Promise<BuiltPack>>();

/**
 * The pack of a comic's published, signature-verified version (students get nothing else), or
 * null when the comic has none. The pack carries the approval; tablets verify it
 * (src/lib/offline/signature.ts).
 */
export async function getPack(slug: string): Promise<BuiltPack | null> {
	const { service } = await reviewServices();
	const published = await service.publishedComic(slug);
	if (!published) return null;
	const key = `${slug}|${published.version.versionHash}`;
	let pack = built.get(key);
	if (!pack) {
		const { document, version } = published;
		// Exactly the version's assets (quiz included), so a tablet can rebuild the signed version
		// document from the pack listing and check the approval.
		pack = buildPack('', document.manifest, {
			resolve: (rel) => service.assetFile(document, rel),
			paths: Object.keys(document.assets),
			signature: version.approval as unknown as PackSignature
		});
		// A failed build (file vanished) is not cached, so the next request tries again.
		pack.catch(() => built.delete(key));
		built.set(key, pack);
	}
	return pack;
}

/** Every published comic's current pack. */
export async function listPacks(): Promise<BuiltPack[]> {
	const { service } = await reviewServices();
	const slugs = (await service.published()).map((p) => p.version.comicId);
	const packs = await Promise.all(slugs.map((slug) => getPack(slug)));
	return packs.filter((p): p is BuiltPack => p !== null);
}
