// Issue 19: the library's search and filters are done by the database (FTS5 on SQLite, tsvector with
// unaccent on PostgreSQL), one page at a time, and the index follows the review workflow.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { ComicSummary } from '../../src/lib/domain/library';
import {
	LIBRARY_PAGE_SIZE,
	parseLibraryQuery,
	searchTextOf,
	type LibraryQuery
} from '../../src/lib/domain/library-search';
import { libraryRepository, type LibraryEntry } from '../../src/lib/server/library/repository';
import { LibraryService } from '../../src/lib/server/library/service';
import type { VersionRecord } from '../../src/lib/server/review/repositories';
import type { VersionDocument } from '../../src/lib/domain/signing/version';
import { engines, insertUsers } from './support/databases';

const KEY = 'key-trusted';

function card(
	slug: string,
	title: string,
	more: Partial<ComicSummary> & { characters?: string[] } = {}
): ComicSummary {
	const { characters = [], ...rest } = more;
	const base = {
		slug,
		title: { fr: title },
		summary: { fr: rest.summary?.fr ?? 'Une histoire.' },
		referenceLanguage: 'fr',
		languages: [{ tag: 'fr', status: 'complete' as const }],
		gradeLevels: ['8'],
		themes: ['SERV'],
		objectives: ['SMP-1'],
		narrationLanguages: [],
		cover: { src: 'art/cover.webp', width: 10, height: 10 },
		pageCount: 1,
		panelCount: 1,
		hasQuiz: false,
		...rest
	};
	return {
		...base,
		searchText: searchTextOf({
			title: base.title,
			summary: base.summary,
			characters: characters.map((name, i) => ({ id: `c${i}`, name: { bm: name } }))
		})
	};
}

function entry(c: ComicSummary, keyId = KEY): LibraryEntry {
	const hash = c.slug.padEnd(64, '0').slice(0, 64);
	return { versionHash: hash, comicId: c.slug, keyId, sortTitle: c.slug, card: c };
}

const query = (q: Partial<LibraryQuery>): LibraryQuery => ({
	...parseLibraryQuery(new URLSearchParams()),
	...q
});

for (const engine of engines) {
	describe.skipIf(!engine.available)(`library search on ${engine.title}`, () => {
		it('finds words accent- and case-insensitively, filters in combination, one page at a time', async () => {
			const open = await engine.open();
			const repo = libraryRepository(open.db, open.engine);
			await repo.insert([
				entry(card('a-ecole', "L'École de Sikoro", { gradeLevels: ['7'], themes: ['COLL'] })),
				entry(
					card('b-puits', 'Le puits du village', {
						summary: { fr: 'Les élèves réparent la pompe.' },
						languages: [
							{ tag: 'fr', status: 'complete' },
							{ tag: 'bm', status: 'complete' }
						],
						narrationLanguages: ['bm'],
						characters: ['Fanta Traoré']
					})
				),
				entry(card('c-withdrawn-key', 'École fermée'), 'key-withdrawn')
			]);
			const slugs = async (q: Partial<LibraryQuery>) =>
				(await repo.search(query(q), [KEY])).comics.map((c) => c.slug);

			expect(await slugs({})).toEqual(['a-ecole', 'b-puits']);
			expect(await slugs({ q: 'ecole' })).toEqual(['a-ecole']);
			expect(await slugs({ q: 'ÉCOLE' })).toEqual(['a-ecole']);
			expect(await slugs({ q: 'eleves' })).toEqual(['b-puits']);
			expect(await slugs({ q: 'traore' })).toEqual(['b-puits']);
			expect(await slugs({ q: 'pui vill' })).toEqual(['b-puits']);
			expect(await slugs({ q: 'ecole puits' })).toEqual([]);
			// Query syntax of either engine is only text.
			expect(await slugs({ q: 'ecole OR "puits" :* & |' })).toEqual([]);
			expect(await slugs({ grade: '7' })).toEqual(['a-ecole']);
			expect(await slugs({ grade: '8', theme: 'SERV' })).toEqual(['b-puits']);
			expect(await slugs({ theme: 'COLL', grade: '8' })).toEqual([]);
			expect(await slugs({ objective: 'SMP-1' })).toEqual(['a-ecole', 'b-puits']);
			expect(await slugs({ language: 'bm' })).toEqual(['b-puits']);
			expect(await slugs({ narration: true })).toEqual(['b-puits']);
			expect(await slugs({ narration: true, language: 'fr' })).toEqual([]);
			expect(await repo.facets([KEY])).toEqual({
				grades: ['7', '8'],
				themes: ['COLL', 'SERV'],
				objectives: ['SMP-1'],
				languages: ['bm', 'fr']
			});

			if (open.engine === 'postgres') {
				// The extension the migration creates works on this server: its own folding finds "École".
				const { rows } = await sql<{ found: boolean }>`SELECT to_tsvector('simple',
					public.unaccent('L''École de Sikoro')) @@ to_tsquery('simple', 'ecole') AS found`.execute(open.db);
				expect(rows[0]?.found).toBe(true);
			}

			await repo.remove([entry(card('a-ecole', '')).versionHash]);
			expect(await slugs({ q: 'ecole' })).toEqual([]);
			expect(await slugs({ grade: '7' })).toEqual([]);
		});

		it('pages through a large catalog with the count of all matches', async () => {
			const open = await engine.open();
			const repo = libraryRepository(open.db, open.engine);
			const many = Array.from({ length: 60 }, (_, i) =>
				entry(card(`comic-${String(i).padStart(3, '0')}`, i % 2 ? 'Le marché' : 'La mairie'))
			);
			await repo.insert(many);
			// What sync runs after a large change: valid SQL on both engines.
			await repo.analyze();
			const first = await repo.search(query({ q: 'mairie' }), [KEY]);
			expect(first).toMatchObject({ total: 30, page: 1, pageCount: 2 });
			expect(first.comics).toHaveLength(LIBRARY_PAGE_SIZE);
			const second = await repo.search(query({ q: 'mairie', page: 2 }), [KEY]);
			expect(second.comics.map((c) => c.slug)).toEqual(
				many
					.filter((_, i) => i % 2 === 0)
					.slice(LIBRARY_PAGE_SIZE)
					.map((e) => e.comicId)
			);
			// A page past the end shows the last one.
			expect((await repo.search(query({ q: 'mairie', page: 9 }), [KEY])).page).toBe(2);
		});

		it("a teacher's picker: the first comics matching words, their versions and how many match; assigned ones by slug", async () => {
			const open = await engine.open();
			const repo = libraryRepository(open.db, open.engine);
			const many = Array.from({ length: 60 }, (_, i) =>
				entry(card(`comic-${String(i).padStart(3, '0')}`, i % 2 ? 'Le marché' : "L'état civil"))
			);
			await repo.insert([...many, entry(card('z-withdrawn', 'État civil retiré'), 'key-withdrawn')]);
			const all = await repo.pick(query({}), 50, [KEY]);
			expect(all.total).toBe(60);
			expect(all.items.map((i) => i.card.slug)).toEqual(many.slice(0, 50).map((e) => e.comicId));
			expect(all.items[0]!.versionHash).toBe(many[0]!.versionHash);
			// The library's own words: accents and case do not matter; a withdrawn key's comic is not offered.
			const found = await repo.pick(query({ q: 'ETAT civ' }), 50, [KEY]);
			expect(found.total).toBe(30);
			expect(found.items.map((i) => i.card.slug)).toEqual(
				many.filter((_, i) => i % 2 === 0).map((e) => e.comicId)
			);
			expect(await repo.pick(query({ q: 'nulle part' }), 50, [KEY])).toEqual({ items: [], total: 0 });
			const some = await repo.some(['comic-007', 'z-withdrawn', 'unknown'], [KEY]);
			expect(some.map((i) => i.card.slug)).toEqual(['comic-007']);
			expect(await repo.some([], [KEY])).toEqual([]);
		});

		it('keeps the index in step with published versions, verifying each once', async () => {
			const open = await engine.open();
			const repo = libraryRepository(open.db, open.engine);
			const now = new Date().toISOString();
			await insertUsers(open.db, [{ id: 'u1', role: 'author', username: 'author', name: 'Author' }], now);
			const version = (slug: string, state: string) => ({
				version_hash: slug.padEnd(64, '0').slice(0, 64),
				comic_id: slug,
				author_id: 'u1',
				state,
				source: 'folder',
				parent_hash: null,
				demo: 0,
				approval: JSON.stringify({ keyId: KEY, signature: 'sig', comicId: slug }),
				approved_by: null,
				approved_at: null,
				created_at: now,
				updated_at: now
			});
			await open.db
				.insertInto('review_versions')
				.values([version('mairie', 'published'), version('draft', 'in_review')])
				.execute();
			const verified: string[] = [];
			const service = new LibraryService(
				repo,
				{
					getVersion: async (hash) =>
						({
							versionHash: hash,
							comicId: hash.replace(/0+$/, ''),
							approval: { keyId: KEY }
						}) as VersionRecord,
					publishedDocument: async (v) => {
						verified.push(v.comicId);
						return {
							assets: {},
							manifest: {
								id: v.comicId,
								title: { fr: 'La mairie' },
								summary: { fr: 'Au conseil communal.' },
								referenceLanguage: 'fr',
								languages: [{ tag: 'fr', status: 'complete' }],
								gradeLevels: ['9'],
								themes: ['COLL'],
								objectives: [],
								characters: [],
								pages: [{ image: 'p.webp', width: 1, height: 1, panels: [] }]
							}
						} as unknown as VersionDocument;
					}
				},
				() => [KEY]
			);
			expect(await service.sync()).toBe(1);
			expect(await service.sync()).toBe(0);
			expect(verified).toEqual(['mairie']);
			const page = await service.page(query({ q: 'conseil' }));
			expect(page.comics.map((c) => c.slug)).toEqual(['mairie']);
			expect(await service.facets()).toMatchObject({ grades: ['9'], themes: ['COLL'] });
			expect((await service.published()).map((p) => p.card.slug)).toEqual(['mairie']);
			expect(verified).toEqual(['mairie']);

			await open.db
				.updateTable('review_versions')
				.set({ state: 'withdrawn' })
				.where('comic_id', '=', 'mairie')
				.execute();
			expect((await service.page(query({}))).total).toBe(0);
			expect(await service.published()).toEqual([]);
			expect((await service.facets()).grades).toEqual([]);
		});
	});
}
