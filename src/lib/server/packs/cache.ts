/**
 * Built packs kept in memory, a bounded number whatever the catalog's size (issue 19), and the way a
 * pack file request finds its pack: by the version it names, not by listing the comic's versions.
 */
import { LRUCache } from 'lru-cache';
import type { PackSignature } from '../../domain/packs/format';
import type { VersionDocument } from '../../domain/signing/version';
import type { PublishedVersion } from '../review/views';
import { storedPack, type BuiltPack } from './build';

/**
 * Packs kept in memory: the comics being downloaded now, not the catalog. A pack holds its comic.json
 * bytes and a path per file (tens of KB); keeping every pack built grew the server by ≈ 250 MB at
 * 2,000 comics. A pack dropped here is rebuilt from the store in milliseconds (no file is read).
 */
export const PACKS_KEPT = 64;
/** Pack versions remembered with the version they were built from (two short strings each). */
export const PACK_VERSIONS_KEPT = 4096;

/** What packs need of the review service (ReviewViews). */
export interface PublishedPacks {
	/** The comic's published, signature-verified version, or null. */
	publishedComic(comicId: string): Promise<PublishedVersion | null>;
	/** This version if it is published and its signature verifies (one row by its key), or null. */
	publishedVersion(versionHash: string): Promise<PublishedVersion | null>;
	assetFile(document: VersionDocument, assetPath: string): string | null;
}

export class PackCache {
	/** Built packs by `slug|versionHash`: a published version never changes, so its pack never does. */
	readonly #built: LRUCache<string, Promise<BuiltPack>>;
	/** `slug|pack version` → the version hash its pack was built from. */
	readonly #versions = new LRUCache<string, string>({ max: PACK_VERSIONS_KEPT });

	constructor(
		private readonly source: PublishedPacks,
		kept = PACKS_KEPT,
		/** Builds a version's pack (tests give a fake). */
		private readonly build: typeof storedPack = storedPack
	) {
		this.#built = new LRUCache({ max: kept });
	}

	/**
	 * The pack of a comic's published, signature-verified version (students get nothing else), or
	 * null when the comic has none. The pack carries the approval; tablets verify it
	 * (src/lib/offline/signature.ts).
	 */
	async current(slug: string): Promise<BuiltPack | null> {
		const published = await this.source.publishedComic(slug);
		return published && this.#packOf(slug, published);
	}

	/**
	 * The pack of `slug` if it is the pack of the comic's published version, else null (an older
	 * version's, or a withdrawn one's). A pack version built before is checked by its version alone
	 * (one row by key; the signature's verdict is kept by the review service): a download's file
	 * requests do not list the comic's versions each time. A comic has one published version at a
	 * time (publishing withdraws the older one), so a published version is the current one.
	 */
	async ofVersion(slug: string, packVersion: string): Promise<BuiltPack | null> {
		const versionHash = this.#versions.get(`${slug}|${packVersion}`);
		if (versionHash === undefined) {
			const pack = await this.current(slug);
			return pack?.manifest.version === packVersion ? pack : null;
		}
		const published = await this.source.publishedVersion(versionHash);
		if (!published || published.version.comicId !== slug) return null;
		return this.#packOf(slug, published);
	}

	#packOf(slug: string, published: PublishedVersion): Promise<BuiltPack> {
		const { document, version } = published;
		const key = `${slug}|${version.versionHash}`;
		// The least recently used pack is dropped first.
		let pack = this.#built.get(key);
		if (!pack) {
			pack = this.build(document, version.approval as unknown as PackSignature, (d, rel) =>
				this.source.assetFile(d, rel)
			);
			pack.then(
				(built) => this.#versions.set(`${slug}|${built.manifest.version}`, version.versionHash),
				// A failed build (file vanished) is not cached, so the next request tries again.
				() => this.#built.delete(key)
			);
			this.#built.set(key, pack);
		}
		return pack;
	}
}
