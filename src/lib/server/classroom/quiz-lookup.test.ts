import { describe, expect, it } from 'vitest';
import type { VersionDocument } from '../../domain/signing/version';
import type { VersionStore } from '../store/versions';
import { sharedQuizLookup, storeQuizLookup } from './quiz-lookup';

/** A content store that counts how often each version document is read. */
function countingStore() {
	const reads = new Map<string, number>();
	const store = {
		async load(versionHash: string) {
			reads.set(versionHash, (reads.get(versionHash) ?? 0) + 1);
			if (versionHash === 'missing') return null;
			return {
				comicId: `comic-${versionHash}`,
				manifest: { title: { fr: versionHash } }
			} as unknown as VersionDocument;
		},
		assetFile: () => null
	} as unknown as VersionStore;
	return { store, reads: (hash: string) => reads.get(hash) ?? 0 };
}

describe('storeQuizLookup (issue 19: memory stays flat as the catalog grows)', () => {
	it('keeps the N most recently used versions: N+1 looked up, the least recently used is read again', async () => {
		const { store, reads } = countingStore();
		const lookup = storeQuizLookup(store, 3);
		for (const hash of ['a', 'b', 'c']) await lookup.versionOf(hash);
		await lookup.versionOf('a'); // a is now the most recently used; b the least
		await lookup.versionOf('d'); // the fourth: b is dropped
		expect([reads('a'), reads('b'), reads('c'), reads('d')]).toEqual([1, 1, 1, 1]);
		await lookup.versionOf('a');
		await lookup.versionOf('c');
		await lookup.versionOf('d');
		expect([reads('a'), reads('c'), reads('d')]).toEqual([1, 1, 1]);
		await lookup.versionOf('b');
		expect(reads('b')).toBe(2);
	});

	it('still answers right: the comic and manifest of each version, null for an unknown one', async () => {
		const { store } = countingStore();
		const lookup = storeQuizLookup(store, 2);
		for (const hash of ['a', 'b', 'c', 'a']) {
			const found = await lookup.versionOf(hash);
			expect(found).toMatchObject({ comic: `comic-${hash}`, quiz: null, manifest: { title: { fr: hash } } });
		}
		expect(await lookup.versionOf('missing')).toBeNull();
	});

	it('one lookup per store: the projector page, the classroom and the live service read a version once', async () => {
		const { store, reads } = countingStore();
		const other = countingStore();
		// What the projector page does on every request, and what the two services were given.
		for (let request = 0; request < 3; request++) await sharedQuizLookup(store).versionOf('a');
		await sharedQuizLookup(other.store).versionOf('a');
		expect(reads('a')).toBe(1);
		expect(other.reads('a')).toBe(1);
		expect(sharedQuizLookup(store)).not.toBe(sharedQuizLookup(other.store));
	});
});
