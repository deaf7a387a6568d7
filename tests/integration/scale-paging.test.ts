// Issue 19, pages at scale: `/packs`, the author's versions and the reviewer's queue list a page at a
// time from indexed tables, in a fixed number of queries whatever the catalog's size, on SQLite and
// PostgreSQL. Queries are counted by a kysely plugin on the real database.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ComicSummary } from '../../src/lib/domain/library';
import { libraryRepository, type LibraryEntry } from '../../src/lib/server/library/repository';
import { LibraryService } from '../../src/lib/server/library/service';
import type { VersionRecord } from '../../src/lib/server/review/repositories';
import type { VersionDocument } from '../../src/lib/domain/signing/version';
import { buildPack, packSummary, storedPack } from '../../src/lib/server/packs/build';
import { checkPackManifest } from '../../src/lib/domain/packs/format';
import { packListingRepository, type PackListItem } from '../../src/lib/server/packs/listing';
import { withdrawnVersions } from '../../src/lib/server/packs/withdrawals';
import { ephemeralSigner } from '../../src/lib/server/review/keys';
import { kyselyReviewRepositories } from '../../src/lib/server/review/kysely-repositories';
import { ReviewService } from '../../src/lib/server/review/service';
import { AUTHOR_PAGE_SIZE, QUEUE_PAGE_SIZE } from '../../src/lib/server/review/views';
import { BlobStore } from '../../src/lib/server/store/blobs';
import { VersionStore } from '../../src/lib/server/store/versions';
import { counted } from './support/counted';
import { engines, insertUsers } from './support/databases';
import { author, tinyVersion } from './support/review-world';

const KEY = 'key-trusted';
const hashOf = (name: string) => Buffer.from(name).toString('hex').padEnd(64, '0').slice(0, 64);

function card(slug: string): ComicSummary {
	return {
		slug,
		title: { fr: slug },
		summary: { fr: 'Une histoire.' },
		referenceLanguage: 'fr',
		languages: [{ tag: 'fr', status: 'complete' }],
		gradeLevels: ['8'],
		themes: ['SERV'],
		objectives: [],
		narrationLanguages: [],
		cover: { src: 'art/cover.webp', width: 10, height: 10 },
		pageCount: 1,
		panelCount: 1,
		hasQuiz: false,
		searchText: slug
	};
}

const sampleManifest = {
	title: { fr: 'La mairie' },
	summary: { fr: 'Au conseil communal.' },
	referenceLanguage: 'fr',
	languages: [{ tag: 'fr', status: 'complete' }],
	gradeLevels: ['9'],
	themes: ['COLL'],
	objectives: [],
	characters: [],
	pages: [{ image: 'p.webp', width: 1, height: 1, panels: [] }]
};

const dirs: string[] = [];
afterAll(async () => {
	await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

for (const engine of engines) {
	describe.skipIf(!engine.available)(`pages at scale on ${engine.title}`, () => {
		it('lists 60 packs a page at a time: each once, in slug order, one query a page', async () => {
			const open = await engine.open();
			const slugs = Array.from({ length: 60 }, (_, i) => `comic-${String(i).padStart(3, '0')}`);
			const entry = (slug: string, keyId = KEY, withPack = true): LibraryEntry => ({
				versionHash: hashOf(slug),
				comicId: slug,
				keyId,
				sortTitle: slug,
				card: card(slug),
				...(withPack
					? {
							pack: {
								version: hashOf(`pack-${slug}`),
								coreBytes: 1000 + slugs.indexOf(slug),
								languages: [{ tag: 'fr', bytes: 42 }]
							}
						}
					: {})
			});
			// Inserted out of order, with one entry of an untrusted key and one whose pack could not be built.
			await libraryRepository(open.db, open.engine).insert([
				...[...slugs].reverse().map((s) => entry(s)),
				entry('comic-untrusted', 'key-withdrawn'),
				entry('comic-nopack', KEY, false)
			]);

			const counter = counted(open.db);
			const listing = packListingRepository(counter.db);
			const pages: PackListItem[][] = [];
			let after: string | null = null;
			do {
				const page = await listing.page(after, 25, [KEY]);
				pages.push(page.packs);
				after = page.after;
			} while (after !== null && pages.length < 10);

			expect(pages.map((p) => p.length)).toEqual([25, 25, 10]);
			const listed = pages.flat().map((p) => p.slug);
			expect(listed).toEqual(slugs);
			expect(new Set(listed).size).toBe(60);
			expect(pages[1]![0]).toEqual({
				slug: 'comic-025',
				version: hashOf('pack-comic-025'),
				coreBytes: 1025,
				languages: [{ tag: 'fr', bytes: 42 }]
			});
			// One query a page, whatever the catalog's size.
			expect(counter.queries).toBe(3);
			// No trusted key: nothing.
			expect(await listing.page(null, 25, [])).toEqual({ packs: [], after: null });
		});

		it('gives a version its pack row when it enters the library, so /packs lists it without building it', async () => {
			const open = await engine.open();
			const now = new Date().toISOString();
			await insertUsers(open.db, [{ id: 'u1', role: 'author' }], now);
			await open.db
				.insertInto('review_versions')
				.values(
					['mairie', 'puits'].map((slug) => ({
						version_hash: hashOf(slug),
						comic_id: slug,
						author_id: 'u1',
						state: 'published',
						source: 'folder',
						parent_hash: null,
						demo: 0,
						approval: JSON.stringify({ keyId: KEY }),
						approved_by: null,
						approved_at: null,
						created_at: now,
						updated_at: now
					}))
				)
				.execute();
			const built: string[] = [];
			const library = new LibraryService(
				libraryRepository(open.db, open.engine),
				{
					getVersion: async (hash) =>
						({
							versionHash: hash,
							comicId: hash === hashOf('mairie') ? 'mairie' : 'puits',
							approval: { keyId: KEY }
						}) as VersionRecord,
					publishedDocument: async (v) =>
						({ assets: {}, manifest: { ...sampleManifest, id: v.comicId } }) as unknown as VersionDocument,
					// The pack of "puits" cannot be built (a file missing from the store): listed nowhere.
					packSummary: async (v) => {
						built.push(v.comicId);
						return v.comicId === 'puits' ? null : { version: hashOf('pack'), coreBytes: 7, languages: [] };
					}
				},
				() => [KEY]
			);
			expect(await library.sync()).toBe(2);
			expect(built.sort()).toEqual(['mairie', 'puits']);
			const counter = counted(open.db);
			expect(await packListingRepository(counter.db).page(null, 100, [KEY])).toEqual({
				packs: [{ slug: 'mairie', version: hashOf('pack'), coreBytes: 7, languages: [] }],
				after: null
			});
			expect(counter.queries).toBe(1);
			// Nothing new: the next sync builds nothing.
			expect(await library.sync()).toBe(0);
			expect(built).toHaveLength(2);
		});

		it("shows an author's versions and the reviewer's queue a page at a time, in a bounded number of queries", async () => {
			const open = await engine.open();
			const other = { id: '00000000-0000-4000-8000-0000000000a2', role: 'author' as const };
			await insertUsers(open.db, [
				{ id: author.id, role: 'author', name: 'Awa' },
				{ id: other.id, role: 'author', name: 'Issa' }
			]);
			const dir = await mkdtemp(path.join(tmpdir(), 'kalanso-paging-'));
			dirs.push(dir);
			const store = new VersionStore(new BlobStore(path.join(dir, 'blobs')));
			const counter = counted(open.db);
			const repos = kyselyReviewRepositories(counter.db);
			const service = new ReviewService({
				repos,
				store,
				signer: ephemeralSigner(),
				trusted: [],
				validation: async () => {
					throw new Error('not used');
				}
			});

			// 60 versions by the author (minute by minute), 5 by another; all submitted. Their summaries
			// are stored, except one stored before version_summaries existed: its document is in the store.
			const old = await tinyVersion((m) => ({ ...m, title: { ...m.title, fr: 'Une version ancienne' } }));
			await store.save(old);
			const names = Array.from({ length: 60 }, (_, i) => `v${String(i).padStart(2, '0')}`);
			const row = (hash: string, authorId: string, i: number) => {
				const at = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
				return {
					version_hash: hash,
					comic_id: `comic-${authorId.slice(-2)}-${i}`,
					author_id: authorId,
					state: 'in_review',
					source: 'upload',
					parent_hash: null,
					demo: 0,
					approval: null,
					approved_by: null,
					approved_at: null,
					submitted_at: at,
					created_at: at,
					updated_at: at
				};
			};
			const hashes = names.map((n, i) => (i === 10 ? old.versionHash : hashOf(n)));
			await open.db
				.insertInto('review_versions')
				.values([
					...hashes.map((h, i) => row(h, author.id, i)),
					...[0, 1, 2, 3, 4].map((i) => row(hashOf(`other-${i}`), other.id, i))
				])
				.execute();
			for (const [i, h] of hashes.entries())
				if (h !== old.versionHash)
					await repos.summaries.put(h, { title: { fr: `Titre ${i}` }, languages: ['fr', 'bm'] });
			// Comments: three on the newest version, one on the version of minute 30.
			const comment = (n: number, hash: string) =>
				repos.comments.add({
					id: `00000000-0000-4000-8000-00000000c${String(n).padStart(3, '0')}`,
					versionHash: hash,
					comicId: 'x',
					authorId: other.id,
					anchor: { kind: 'comic' },
					body: 'À revoir.',
					createdAt: '2026-01-02T00:00:00.000Z',
					resolvedAt: null,
					resolvedBy: null
				});
			for (const n of [1, 2, 3]) await comment(n, hashes[59]!);
			await comment(4, hashes[30]!);

			const user = { id: author.id, role: 'author' as const };
			counter.reset();
			const first = await service.authorVersions(user, 1);
			expect(counter.queries).toBe(4); // count, page, summaries, comment counts
			expect(first).toMatchObject({ total: 60, page: 1, pages: 3 });
			expect(first.items).toHaveLength(AUTHOR_PAGE_SIZE);
			expect(first.items[0]).toMatchObject({
				versionHash: hashes[59],
				comments: 3,
				title: { fr: 'Titre 59' }
			});
			const second = await service.authorVersions(user, 2);
			const third = await service.authorVersions(user, 3);
			expect(third.items).toHaveLength(10);
			const listed = [first, second, third].flatMap((p) => p.items.map((v) => v.versionHash));
			expect(listed).toEqual([...hashes].reverse());
			expect(second.items.find((v) => v.versionHash === hashes[30])?.comments).toBe(1);
			// The version stored before summaries existed: its title from its document, stored once.
			expect(second.items.find((v) => v.versionHash === old.versionHash)?.title.fr).toBe(
				'Une version ancienne'
			);
			expect((await repos.summaries.get([old.versionHash])).get(old.versionHash)?.title.fr).toBe(
				'Une version ancienne'
			);
			counter.reset();
			await service.authorVersions(user, 2);
			expect(counter.queries).toBe(4);
			// A page past the end shows the last one.
			expect((await service.authorVersions(user, 9)).page).toBe(3);

			// The queue: 65 versions in review, titles and languages from the summaries, pages of 25.
			counter.reset();
			const queue = await service.queue({ in_review: 2 });
			// Per group count and page, the summaries of the one non-empty page, then the authors' names.
			expect(counter.queries).toBe(3 * 2 + 1 + 1);
			expect(queue.groups.in_review).toMatchObject({ total: 65, page: 2, pages: 3 });
			expect(queue.groups.in_review.items).toHaveLength(QUEUE_PAGE_SIZE);
			const titled = queue.groups.in_review.items.find((v) => v.versionHash === hashes[40]);
			expect(titled).toMatchObject({ title: { fr: 'Titre 40' }, languages: ['fr', 'bm'] });
		});

		it('builds the withdrawal list in two queries whatever the number of superseded versions', async () => {
			const open = await engine.open();
			const reviewerId = '00000000-0000-4000-8000-0000000000b9';
			await insertUsers(open.db, [
				{ id: author.id, role: 'author', name: 'Awa' },
				{ id: reviewerId, role: 'reviewer', name: 'Fatou' }
			]);
			const counter = counted(open.db);
			const repos = kyselyReviewRepositories(counter.db);
			// 40 comics updated once (their first version superseded by publishing the second), and 3 of
			// them withdrawn by a reviewer afterwards; one withdrawn version was never approved.
			const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
			const version = (hash: string, comic: string, state: string, approved = true) => ({
				version_hash: hash,
				comic_id: comic,
				author_id: author.id,
				state,
				source: 'upload',
				parent_hash: null,
				demo: 0,
				approval: approved ? JSON.stringify({ keyId: KEY, signature: 'x' }) : null,
				approved_by: null,
				approved_at: null,
				submitted_at: at(0),
				created_at: at(0),
				updated_at: at(0)
			});
			const comics = Array.from({ length: 40 }, (_, i) => `comic-${String(i).padStart(2, '0')}`);
			const pulled = new Set(['comic-05', 'comic-17', 'comic-33']);
			await open.db
				.insertInto('review_versions')
				.values([
					...comics.map((c) => version(hashOf(`${c}-v1`), c, 'withdrawn')),
					...comics.map((c) => version(hashOf(`${c}-v2`), c, pulled.has(c) ? 'withdrawn' : 'published')),
					version(hashOf('draft-v1'), 'draft', 'withdrawn', false)
				])
				.execute();
			let n = 0;
			const decide = (hash: string, comic: string, minute: number, actorId: string | null, reason: string) =>
				repos.audit.append({
					id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
					at: at(minute),
					actorId,
					action: 'withdraw',
					comicId: comic,
					versionHash: hash,
					fromState: 'published',
					toState: 'withdrawn',
					detail: { reason }
				});
			for (const [i, c] of comics.entries()) await decide(hashOf(`${c}-v1`), c, 10 + i, null, 'superseded');
			for (const [i, c] of [...pulled].entries())
				await decide(hashOf(`${c}-v2`), c, 100 - i, reviewerId, 'Erreur');

			counter.reset();
			const listed = await withdrawnVersions(repos);
			// Two round trips; the plugin also counts the audit query's sub-select, which kysely
			// transforms on its own: 3 (it was 1 + 1 per approved withdrawn version, 44 here).
			expect(counter.queries).toBe(3);
			// Newest decision last; the superseded first versions are not listed (tablets keep reading them).
			expect(listed.map((v) => [v.comicId, v.versionHash, v.withdrawnAt])).toEqual([
				['comic-33', hashOf('comic-33-v2'), at(98)],
				['comic-17', hashOf('comic-17-v2'), at(99)],
				['comic-05', hashOf('comic-05-v2'), at(100)]
			]);
		});
	});
}

describe('a pack built from the content store', () => {
	it('is the pack hashing every file gives, its files measured and not read', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'kalanso-stored-pack-'));
		dirs.push(dir);
		const store = new VersionStore(new BlobStore(path.join(dir, 'blobs')));
		const prepared = await tinyVersion();
		await store.save(prepared);
		const document = prepared.document;
		const fromStore = await storedPack(document, null, (d, rel) => store.assetFile(d, rel));
		const hashed = await buildPack('', document.manifest, {
			resolve: (rel) => store.assetFile(document, rel),
			paths: Object.keys(document.assets)
		});
		expect(fromStore.manifest).toEqual(hashed.manifest);
		expect('pack' in checkPackManifest(fromStore.manifest)).toBe(true);
		expect(packSummary(fromStore.manifest).version).toBe(hashed.manifest.version);
	});
});
