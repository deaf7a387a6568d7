import { describe, expect, it } from 'vitest';
import type { VersionDocument } from '../../domain/signing/version';
import type { PublishedVersion } from '../review/views';
import type { BuiltPack } from './build';
import { PackCache, type PublishedPacks } from './cache';

/**
 * A review service with one version per comic (`<slug>-v1`, or `-v2` after `publish`), counting
 * what a request costs: comic listings, lookups by version, packs built.
 */
function world() {
	const current = new Map<string, string>();
	const calls = { publishedComic: 0, publishedVersion: 0, built: [] as string[] };
	const published = (versionHash: string): PublishedVersion => {
		const comicId = versionHash.replace(/-v\d+$/, '');
		return {
			version: { versionHash, comicId, state: 'published', approval: {} },
			document: { comicId, versionHash }
		} as unknown as PublishedVersion;
	};
	const source: PublishedPacks = {
		async publishedComic(slug) {
			calls.publishedComic++;
			const hash = current.get(slug);
			return hash ? published(hash) : null;
		},
		async publishedVersion(hash) {
			calls.publishedVersion++;
			return [...current.values()].includes(hash) ? published(hash) : null;
		},
		assetFile: () => null
	};
	const build = (async (document: VersionDocument) => {
		const { versionHash } = document as unknown as { versionHash: string };
		calls.built.push(versionHash);
		return {
			manifest: { version: `pack-of-${versionHash}` },
			comicJson: new Uint8Array(),
			diskPaths: new Map()
		};
	}) as unknown as ConstructorParameters<typeof PackCache>[2];
	return {
		calls,
		publish: (slug: string, hash: string) => current.set(slug, hash),
		withdraw: (slug: string) => current.delete(slug),
		cache: (kept: number) => new PackCache(source, kept, build)
	};
}

const versionOf = (pack: BuiltPack | null) => pack?.manifest.version ?? null;

describe('PackCache (issue 19: memory flat, a pack file request answered by its version)', () => {
	it('keeps the N most recently used packs: N+1 asked for, the least recently used is built again', async () => {
		const w = world();
		for (const slug of ['a', 'b', 'c', 'd']) w.publish(slug, `${slug}-v1`);
		const packs = w.cache(3);
		for (const slug of ['a', 'b', 'c', 'a', 'd']) await packs.current(slug); // b is dropped
		expect(w.calls.built).toEqual(['a-v1', 'b-v1', 'c-v1', 'd-v1']);
		for (const slug of ['a', 'c', 'd']) await packs.current(slug);
		expect(w.calls.built.length).toBe(4);
		expect(versionOf(await packs.current('b'))).toBe('pack-of-b-v1');
		expect(w.calls.built).toEqual(['a-v1', 'b-v1', 'c-v1', 'd-v1', 'b-v1']);
	});

	it("answers a pack file request by the version it names, without listing the comic's versions", async () => {
		const w = world();
		w.publish('a', 'a-v1');
		const packs = w.cache(3);
		expect(versionOf(await packs.current('a'))).toBe('pack-of-a-v1');
		const listings = w.calls.publishedComic;
		for (let i = 0; i < 5; i++)
			expect(versionOf(await packs.ofVersion('a', 'pack-of-a-v1'))).toBe('pack-of-a-v1');
		expect(w.calls.publishedComic).toBe(listings);
		expect(w.calls.publishedVersion).toBe(5);
		expect(w.calls.built).toEqual(['a-v1']);
		// Another comic's slug with this pack version is not it.
		expect(await packs.ofVersion('b', 'pack-of-a-v1')).toBeNull();
	});

	it('stops offering a pack version once its comic is withdrawn or a newer version published', async () => {
		const w = world();
		w.publish('a', 'a-v1');
		const packs = w.cache(3);
		await packs.current('a');
		w.publish('a', 'a-v2'); // the older version is withdrawn by publishing
		expect(await packs.ofVersion('a', 'pack-of-a-v1')).toBeNull();
		expect(versionOf(await packs.ofVersion('a', 'pack-of-a-v2'))).toBe('pack-of-a-v2');
		w.withdraw('a');
		expect(await packs.ofVersion('a', 'pack-of-a-v2')).toBeNull();
		expect(await packs.current('a')).toBeNull();
		// A version never built (unknown to the cache) is checked against the comic's current one.
		expect(await packs.ofVersion('zzz', 'pack-of-zzz-v1')).toBeNull();
	});
});
