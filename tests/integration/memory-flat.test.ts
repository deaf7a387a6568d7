// Issue 19: the server's memory stays flat as the catalog grows. A catalog of generated comics
// (real versions in a content store, signed, published, indexed by the library, on SQLite and
// PostgreSQL), then what tablets and teachers ask of it, comic after comic, through the services the
// routes call: a library search, the `/packs` pages, the comic's pack (`/packs/<slug>`), a file of it
// by its version, its gzipped comic.json, its quiz for a class's results. The heap after a full
// garbage collection is compared between two catalogs, both larger than every cache's bound: what the
// server keeps must not grow with the number of comics (bounded caches, everything else per request
// from the database). Each comic carries ≈ 16 KB of its own text (32 KB in memory: accented words).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLibraryQuery } from '../../src/lib/domain/library-search';
import type { PackSignature } from '../../src/lib/domain/packs/format';
import { storeQuizLookup } from '../../src/lib/server/classroom/quiz-lookup';
import { libraryRepository } from '../../src/lib/server/library/repository';
import { LibraryService } from '../../src/lib/server/library/service';
import { packSummary, storedPack } from '../../src/lib/server/packs/build';
import { PackCache } from '../../src/lib/server/packs/cache';
import { gzippedPackFile } from '../../src/lib/server/packs/compress';
import { packListingRepository } from '../../src/lib/server/packs/listing';
import { ephemeralSigner } from '../../src/lib/server/review/keys';
import { kyselyReviewRepositories } from '../../src/lib/server/review/kysely-repositories';
import { ReviewService } from '../../src/lib/server/review/service';
import { BlobStore } from '../../src/lib/server/store/blobs';
import { VersionStore } from '../../src/lib/server/store/versions';
import { engines, insertUsers, type Engine } from './support/databases';
import { author, tinyVersion } from './support/review-world';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * What is still reachable after full collections, in MB: the JavaScript heap and the buffers its
 * objects hold outside it (a pack's comic.json bytes, gzipped files).
 */
function heapAfterGc(): number {
	for (let i = 0; i < 4; i++) gc();
	const { heapUsed, external } = process.memoryUsage();
	return (heapUsed + external) / 1048576;
}

const words = ['mairie', 'puits', 'marché', 'école', 'forêt', 'vote', 'santé', 'conseil'];

const dirs: string[] = [];
afterAll(async () => {
	await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A catalog of `count` generated comics, published and indexed, and what is asked of each comic. */
async function catalogWorld(engine: Engine, count: number) {
	const open = await engine.open();
	await insertUsers(open.db, [{ id: author.id, role: 'author', name: 'Awa' }]);
	const dir = await mkdtemp(path.join(tmpdir(), 'kalanso-memory-'));
	dirs.push(dir);
	const store = new VersionStore(new BlobStore(path.join(dir, 'blobs')));
	const signer = ephemeralSigner();
	const repos = kyselyReviewRepositories(open.db);
	const service = new ReviewService({
		repos,
		store,
		signer,
		trusted: [signer.key],
		validation: async () => {
			throw new Error('not used');
		}
	});

	// The tiny fixture cloned under new slugs, each with its own long summary.
	const base = await tinyVersion();
	await store.save(base);
	const slugs: string[] = [];
	const now = new Date().toISOString();
	const rows = [];
	for (let i = 0; i < count; i++) {
		const slug = `comic-${String(i).padStart(4, '0')}`;
		const manifest = {
			...base.document.manifest,
			id: slug,
			title: { fr: `${words[i % words.length]} (${i})`, en: `Comic ${i}` },
			summary: { fr: `${words[i % words.length]} ${i} `.repeat(1500).slice(0, 16_000), en: `Summary ${i}` }
		};
		const prepared = await store.derive(base.document, manifest);
		await store.save(prepared);
		rows.push({
			version_hash: prepared.versionHash,
			comic_id: slug,
			author_id: author.id,
			state: 'published',
			source: 'folder',
			parent_hash: null,
			demo: 0,
			approval: JSON.stringify(signer.sign({ comicId: slug, versionHash: prepared.versionHash })),
			approved_by: null,
			approved_at: now,
			submitted_at: now,
			created_at: now,
			updated_at: now
		});
		slugs.push(slug);
	}
	for (let i = 0; i < rows.length; i += 100)
		await open.db
			.insertInto('review_versions')
			.values(rows.slice(i, i + 100))
			.execute();

	// The services as the server wires them (library/server.ts, packs/build.ts).
	const trusted = [signer.key.id];
	const library = new LibraryService(
		libraryRepository(open.db, open.engine),
		{
			getVersion: (hash) => repos.versions.get(hash),
			publishedDocument: (version) => service.publishedDocument(version),
			packSummary: async (version, document) =>
				packSummary(
					(
						await storedPack(document, version.approval as unknown as PackSignature, (d, rel) =>
							service.assetFile(d, rel)
						)
					).manifest
				)
		},
		() => trusted
	);
	expect(await library.sync()).toBe(count);
	const packs = new PackCache(service);
	const listing = packListingRepository(open.db);
	const quizzes = storeQuizLookup(store);

	/** What tablets and a teacher ask about one comic. */
	const askFor = async (i: number) => {
		const slug = slugs[i]!;
		const results = await library.page({
			...parseLibraryQuery(new URLSearchParams()),
			q: `${words[i % words.length]} ${i}`
		});
		expect(results.comics.map((c) => c.slug)).toContain(slug);
		const pack = await packs.current(slug);
		expect(pack?.manifest.slug).toBe(slug);
		expect(await packs.ofVersion(slug, pack!.manifest.version)).toBe(pack);
		await gzippedPackFile(pack!.manifest.version, 'comic.json', { plain: pack!.comicJson });
		const published = await service.publishedComic(slug);
		expect((await quizzes.versionOf(published!.version.versionHash))?.comic).toBe(slug);
	};
	/** Every comic asked for, every `/packs` page listed; then the heap. */
	const everything = async () => {
		for (let i = 0; i < count; i++) await askFor(i);
		let after: string | null = null;
		let listed = 0;
		do {
			const page = await listing.page(after, 100, trusted);
			listed += page.packs.length;
			after = page.after;
		} while (after !== null);
		expect(listed).toBe(count);
		return heapAfterGc();
	};
	return { everything, close: () => open.dispose() };
}

// Above every cache's bound (200 verified documents, 64 packs, 128 quizzes, 200 gzipped files), so
// that what grows from one to the other grows with the catalog.
const SMALLER = 240;
const LARGER = 480;

for (const engine of engines) {
	describe.skipIf(!engine.available)(`server memory at scale on ${engine.title}`, () => {
		it(
			`is the same with ${LARGER} comics as with ${SMALLER}, every comic asked for`,
			{ timeout: 600_000 },
			async () => {
				// Each measured while its catalog is open, then closed (the first is garbage for the second).
				const measure = async (count: number) => {
					const world = await catalogWorld(engine, count);
					try {
						return await world.everything();
					} finally {
						await world.close();
					}
				};
				const smaller = await measure(SMALLER);
				const larger = await measure(LARGER);
				// Keeping each comic's document or pack would add ≈ 32 KB a comic (its summary alone), ≈ 7.5 MB.
				expect(larger - smaller).toBeLessThan(2);
			}
		);
	});
}
