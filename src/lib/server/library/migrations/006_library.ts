import { sql, SqliteAdapter, type Kysely, type Migration } from 'kysely';

/**
 * The catalog at scale (issue 19). Shipped: never edit; add a later-numbered migration instead.
 *
 * - `comic_folders`: per folder of comics/, a digest of its file listing (names, sizes, mtimes) and
 *   the version it produced, so start-up skips unchanged folders without reading or hashing them.
 * - `library_entries`: one row per published version whose signature verified, with its library
 *   card as JSON and its folded search text; `library_tags`: what the filters look at (grade, theme,
 *   objective, language, narration), indexed by (kind, value).
 * - Full-text search with what each engine provides: an FTS5 table on SQLite (unicode61 tokenizer,
 *   diacritics removed), a tsvector column with a GIN index on PostgreSQL, built through `unaccent`.
 *   Both index the text already folded by foldText (library-search.ts), so a query folded by the same
 *   function finds it; the engines' own folding is a second safety net, not the rule.
 */
export const library: Migration = {
	async up(db: Kysely<unknown>) {
		const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
		await db.schema
			.createTable('comic_folders')
			.addColumn('folder', 'text', (c) => c.primaryKey())
			.addColumn('listing_digest', 'text', (c) => c.notNull())
			.addColumn('version_hash', 'text', (c) => c.notNull())
			.addColumn('checked_at', 'text', (c) => c.notNull())
			.execute();

		await db.schema
			.createTable('library_entries')
			.addColumn('version_hash', 'text', (c) => c.primaryKey())
			.addColumn('comic_id', 'text', (c) => c.notNull())
			.addColumn('key_id', 'text', (c) => c.notNull())
			.addColumn('sort_title', 'text', (c) => c.notNull())
			.addColumn('card', 'text', (c) => c.notNull())
			.addColumn('search_text', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('library_entries_sort')
			.on('library_entries')
			.columns(['sort_title', 'comic_id'])
			.execute();
		await db.schema.createIndex('library_entries_comic').on('library_entries').column('comic_id').execute();

		await db.schema
			.createTable('library_tags')
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('value', 'text', (c) => c.notNull())
			.addColumn('version_hash', 'text', (c) =>
				c.notNull().references('library_entries.version_hash').onDelete('cascade')
			)
			.addPrimaryKeyConstraint('library_tags_pk', ['kind', 'value', 'version_hash'])
			.execute();
		await db.schema.createIndex('library_tags_version').on('library_tags').column('version_hash').execute();

		// The page "published versions not yet in the library" joins on state.
		await db.schema
			.createIndex('review_versions_state_hash')
			.on('review_versions')
			.columns(['state', 'version_hash'])
			.execute();

		if (sqlite) {
			await sql`CREATE VIRTUAL TABLE library_fts USING fts5(
				version_hash UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2'
			)`.execute(db);
		} else {
			// unaccent is a "trusted" contrib extension (PostgreSQL 13+): the database owner may create
			// it. In `public`, so every schema (and each test's own schema) finds it by one name.
			await sql`CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public`.execute(db);
			await sql`ALTER TABLE library_entries ADD COLUMN search_vector tsvector`.execute(db);
			await sql`CREATE INDEX library_entries_search ON library_entries USING gin (search_vector)`.execute(db);
		}
	},
	async down(db: Kysely<unknown>) {
		if (db.getExecutor().adapter instanceof SqliteAdapter) await sql`DROP TABLE library_fts`.execute(db);
		await db.schema.dropIndex('review_versions_state_hash').execute();
		for (const table of ['library_tags', 'library_entries', 'comic_folders']) {
			await db.schema.dropTable(table).execute();
		}
	}
};
