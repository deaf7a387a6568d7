/**
 * The library's SQL (issue 19): the catalog index of published versions, its filters and full-text
 * search, and the start-up folder digests. The database does the work: one query for a page of
 * results and one for its count, whatever the catalog's size; never a query per comic.
 */
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../db/connection';
import type { Database } from '../db/schema';
import type { ComicSummary } from '../../domain/library';
import type { PackSummary } from '../packs/build';
import { LIBRARY_PAGE_SIZE, searchWords, type LibraryQuery } from '../../domain/library-search';

/** A published, verified version as the library indexes it. */
export interface LibraryEntry {
	versionHash: string;
	comicId: string;
	keyId: string;
	sortTitle: string;
	card: ComicSummary;
	/** Its pack as `/packs` lists it (packs/listing.ts); absent when the pack could not be built. */
	pack?: PackSummary;
}

/** Filter kinds of `library_tags`. */
export type TagKind = 'grade' | 'theme' | 'objective' | 'language' | 'narration';

/** The tags of a card: what the filters look at. */
export function tagsOf(card: ComicSummary): Array<[TagKind, string]> {
	return [
		...card.gradeLevels.map((v): [TagKind, string] => ['grade', v]),
		...card.themes.map((v): [TagKind, string] => ['theme', v]),
		...card.objectives.map((v): [TagKind, string] => ['objective', v]),
		...card.languages.map((l): [TagKind, string] => ['language', l.tag]),
		...card.narrationLanguages.map((v): [TagKind, string] => ['narration', v])
	];
}

/** The values present for each filter, sorted (grades numerically). */
export interface LibraryFacets {
	grades: string[];
	themes: string[];
	objectives: string[];
	languages: string[];
}

export interface LibraryPage {
	comics: ComicSummary[];
	total: number;
	page: number;
	pageCount: number;
}

export function libraryRepository(db: Kysely<Database>, engine: Engine) {
	/** The entries matching `query` (its words and filters), among those approved by a trusted key. */
	const matching = (query: LibraryQuery, trustedKeyIds: readonly string[]) => {
		let where = db.selectFrom('library_entries as e').where('e.key_id', 'in', trustedKeyIds);
		const tagged = (kind: TagKind, value: string | null) => {
			let sub = db.selectFrom('library_tags').select('version_hash').where('kind', '=', kind);
			if (value !== null) sub = sub.where('value', '=', value);
			return sub;
		};
		if (query.grade) where = where.where('e.version_hash', 'in', tagged('grade', query.grade));
		if (query.theme) where = where.where('e.version_hash', 'in', tagged('theme', query.theme));
		if (query.objective) where = where.where('e.version_hash', 'in', tagged('objective', query.objective));
		if (query.language) where = where.where('e.version_hash', 'in', tagged('language', query.language));
		if (query.narration) where = where.where('e.version_hash', 'in', tagged('narration', query.language));
		// Words are letters and digits only (searchWords), so they cannot carry query syntax.
		const words = searchWords(query.q);
		if (words.length && engine === 'sqlite') {
			const match = words.map((w) => `"${w}"*`).join(' ');
			where = where.where(
				'e.version_hash',
				'in',
				sql<string>`(SELECT version_hash FROM library_fts WHERE library_fts MATCH ${match})`
			);
		} else if (words.length) {
			const tsquery = words.map((w) => `${w}:*`).join(' & ');
			where = where.where(sql<boolean>`e.search_vector @@ to_tsquery('simple', public.unaccent(${tsquery}))`);
		}
		return where;
	};

	return {
		/** Published versions the library does not hold yet. */
		async publishedMissing(): Promise<string[]> {
			const rows = await db
				.selectFrom('review_versions as v')
				.leftJoin('library_entries as e', 'e.version_hash', 'v.version_hash')
				.select('v.version_hash')
				.where('v.state', '=', 'published')
				.where('e.version_hash', 'is', null)
				.execute();
			return rows.map((r) => r.version_hash);
		},

		/** Library entries whose version is no longer published (withdrawn, superseded). */
		async noLongerPublished(): Promise<string[]> {
			const rows = await db
				.selectFrom('library_entries as e')
				.leftJoin('review_versions as v', (join) =>
					join.onRef('v.version_hash', '=', 'e.version_hash').on('v.state', '=', 'published')
				)
				.select('e.version_hash')
				.where('v.version_hash', 'is', null)
				.execute();
			return rows.map((r) => r.version_hash);
		},

		/** Adds entries, their tags and their full-text rows, in one transaction. */
		async insert(entries: readonly LibraryEntry[]): Promise<void> {
			if (!entries.length) return;
			await db.transaction().execute(async (trx) => {
				for (const e of entries) {
					const { searchText } = e.card;
					await trx
						.insertInto('library_entries')
						.values({
							version_hash: e.versionHash,
							comic_id: e.comicId,
							key_id: e.keyId,
							sort_title: e.sortTitle,
							card: JSON.stringify(e.card),
							search_text: searchText
						})
						.execute();
					const tags = tagsOf(e.card);
					if (tags.length)
						await trx
							.insertInto('library_tags')
							.values(tags.map(([kind, value]) => ({ kind, value, version_hash: e.versionHash })))
							.onConflict((oc) => oc.doNothing())
							.execute();
					if (e.pack)
						await trx
							.insertInto('version_packs')
							.values({
								version_hash: e.versionHash,
								pack_version: e.pack.version,
								core_bytes: e.pack.coreBytes,
								languages: JSON.stringify(e.pack.languages)
							})
							.onConflict((oc) => oc.column('version_hash').doNothing())
							.execute();
					if (engine === 'sqlite') {
						await sql`INSERT INTO library_fts (version_hash, body) VALUES (${e.versionHash}, ${searchText})`.execute(
							trx
						);
					} else {
						await sql`UPDATE library_entries
							SET search_vector = to_tsvector('simple', public.unaccent(${searchText}))
							WHERE version_hash = ${e.versionHash}`.execute(trx);
					}
				}
			});
		},

		/**
		 * Refreshes the planner's statistics after a large change (a first import): without them
		 * PostgreSQL picked nested loops for combined filters (400 ms instead of 50 at 2,000 comics).
		 */
		async analyze(): Promise<void> {
			if (engine === 'postgres') await sql`ANALYZE library_entries, library_tags`.execute(db);
			else await sql`ANALYZE`.execute(db);
		},

		/** Removes entries (their tags go with them). */
		async remove(hashes: readonly string[]): Promise<void> {
			if (!hashes.length) return;
			await db.transaction().execute(async (trx) => {
				await trx.deleteFrom('library_tags').where('version_hash', 'in', hashes).execute();
				if (engine === 'sqlite') {
					for (const hash of hashes)
						await sql`DELETE FROM library_fts WHERE version_hash = ${hash}`.execute(trx);
				}
				await trx.deleteFrom('library_entries').where('version_hash', 'in', hashes).execute();
			});
		},

		/** One page of the comics matching `query`, among those approved by a trusted key. */
		async search(query: LibraryQuery, trustedKeyIds: readonly string[]): Promise<LibraryPage> {
			if (!trustedKeyIds.length) return { comics: [], total: 0, page: 1, pageCount: 1 };
			const where = matching(query, trustedKeyIds);
			const counted = await where
				.select((eb) => eb.fn.countAll<number | string>().as('n'))
				.executeTakeFirst();
			const total = Number(counted?.n ?? 0);
			const pageCount = Math.max(1, Math.ceil(total / LIBRARY_PAGE_SIZE));
			const page = Math.min(query.page, pageCount);
			const rows = await where
				.select('e.card')
				.orderBy('e.sort_title')
				.orderBy('e.comic_id')
				.limit(LIBRARY_PAGE_SIZE)
				.offset((page - 1) * LIBRARY_PAGE_SIZE)
				.execute();
			return { comics: rows.map((r) => JSON.parse(r.card) as ComicSummary), total, page, pageCount };
		},

		/**
		 * For a picker (a teacher assigning a comic or starting a live quiz): the first `limit` comics
		 * matching `query`, in library order, with their versions, and how many match in all.
		 */
		async pick(
			query: LibraryQuery,
			limit: number,
			trustedKeyIds: readonly string[]
		): Promise<{ items: Array<{ versionHash: string; card: ComicSummary }>; total: number }> {
			if (!trustedKeyIds.length) return { items: [], total: 0 };
			const where = matching(query, trustedKeyIds);
			const [counted, rows] = await Promise.all([
				where.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst(),
				where
					.select(['e.version_hash', 'e.card'])
					.orderBy('e.sort_title')
					.orderBy('e.comic_id')
					.limit(limit)
					.execute()
			]);
			return {
				items: rows.map((r) => ({ versionHash: r.version_hash, card: JSON.parse(r.card) as ComicSummary })),
				total: Number(counted?.n ?? 0)
			};
		},

		/** The comics `slugs` as students see them (approved by a trusted key), those that are: one query. */
		async some(
			slugs: readonly string[],
			trustedKeyIds: readonly string[]
		): Promise<Array<{ versionHash: string; card: ComicSummary }>> {
			if (!trustedKeyIds.length || !slugs.length) return [];
			const rows = await db
				.selectFrom('library_entries')
				.select(['version_hash', 'card'])
				.where('key_id', 'in', trustedKeyIds)
				.where('comic_id', 'in', slugs)
				.execute();
			return rows.map((r) => ({ versionHash: r.version_hash, card: JSON.parse(r.card) as ComicSummary }));
		},

		/** Every entry approved by a trusted key, in library order: one query, no document loaded. */
		async all(trustedKeyIds: readonly string[]): Promise<Array<{ versionHash: string; card: ComicSummary }>> {
			if (!trustedKeyIds.length) return [];
			const rows = await db
				.selectFrom('library_entries')
				.select(['version_hash', 'card'])
				.where('key_id', 'in', trustedKeyIds)
				.orderBy('sort_title')
				.orderBy('comic_id')
				.execute();
			return rows.map((r) => ({ versionHash: r.version_hash, card: JSON.parse(r.card) as ComicSummary }));
		},

		/** Every value of every filter, among entries approved by a trusted key: one query. */
		async facets(trustedKeyIds: readonly string[]): Promise<LibraryFacets> {
			const facets: LibraryFacets = { grades: [], themes: [], objectives: [], languages: [] };
			if (!trustedKeyIds.length) return facets;
			const rows = await db
				.selectFrom('library_tags as t')
				.innerJoin('library_entries as e', 'e.version_hash', 't.version_hash')
				.select(['t.kind', 't.value'])
				.where('e.key_id', 'in', trustedKeyIds)
				.groupBy(['t.kind', 't.value'])
				.execute();
			const lists: Record<string, string[]> = {
				grade: facets.grades,
				theme: facets.themes,
				objective: facets.objectives,
				language: facets.languages
			};
			for (const r of rows) lists[r.kind]?.push(r.value);
			facets.grades.sort((a, b) => Number(a) - Number(b));
			facets.themes.sort();
			facets.objectives.sort();
			facets.languages.sort();
			return facets;
		},

		/**
		 * The stored listing digest, version and listing (JSON, decoded by content/folder-digest.ts) of
		 * every folder read at a previous start.
		 */
		async folderDigests(): Promise<
			Map<string, { digest: string; versionHash: string; listing: string | null }>
		> {
			const rows = await db.selectFrom('comic_folders').selectAll().execute();
			return new Map(
				rows.map((r) => [
					r.folder,
					{ digest: r.listing_digest, versionHash: r.version_hash, listing: r.listing ?? null }
				])
			);
		},

		/** Records what a folder's listing produced, and the listing (null: walk it next time). */
		async setFolderDigest(
			folder: string,
			digest: string,
			versionHash: string,
			at: string,
			listing: string | null = null
		): Promise<void> {
			await db
				.insertInto('comic_folders')
				.values({ folder, listing_digest: digest, version_hash: versionHash, checked_at: at, listing })
				.onConflict((oc) =>
					oc
						.column('folder')
						.doUpdateSet({ listing_digest: digest, version_hash: versionHash, checked_at: at, listing })
				)
				.execute();
		},

		/**
		 * Stores the listings of folders walked again with an unchanged digest (the first start after
		 * migration 014, a directory only touched): one transaction, so 2,000 of them are one commit.
		 */
		async setFolderListings(
			entries: ReadonlyArray<{ folder: string; listing: string | null }>
		): Promise<void> {
			if (!entries.length) return;
			await db.transaction().execute(async (trx) => {
				for (const { folder, listing } of entries) {
					await trx.updateTable('comic_folders').set({ listing }).where('folder', '=', folder).execute();
				}
			});
		}
	};
}

export type LibraryRepository = ReturnType<typeof libraryRepository>;
