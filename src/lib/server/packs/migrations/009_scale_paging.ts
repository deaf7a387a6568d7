import { sql, SqliteAdapter, type Kysely, type Migration } from 'kysely';

/**
 * Pages and memory at scale (issue 19). Shipped: never edit; add a later-numbered migration instead.
 *
 * - `version_summaries`: a version's titles and languages, so the author's list and the reviewer's
 *   queue show them without loading each version document. A version is content-addressed, so its
 *   row never changes. Versions stored before this migration get theirs the first time a page lists
 *   them (review/views.ts), which the migration cannot do: the documents are in the content store.
 * - `version_packs`: what `/packs` lists of a version's pack (pack version, core bytes, bytes per
 *   narration language), computed once when the version enters the library, so listing packs builds
 *   none and reads no document.
 * - The library index is emptied (it is derived data): the next sync (at start-up) indexes every
 *   published version again, this time with its pack row, so no entry lacks one.
 */
export const scalePaging: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('version_summaries')
			.addColumn('version_hash', 'text', (c) => c.primaryKey())
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('languages', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createTable('version_packs')
			.addColumn('version_hash', 'text', (c) => c.primaryKey())
			.addColumn('pack_version', 'text', (c) => c.notNull())
			.addColumn('core_bytes', 'integer', (c) => c.notNull())
			.addColumn('languages', 'text', (c) => c.notNull())
			.execute();
		// The author's list: their versions, newest first, a page at a time.
		await db.schema
			.createIndex('review_versions_author_created')
			.on('review_versions')
			.columns(['author_id', 'created_at'])
			.execute();
		await sql`DELETE FROM library_tags`.execute(db);
		if (db.getExecutor().adapter instanceof SqliteAdapter) await sql`DELETE FROM library_fts`.execute(db);
		await sql`DELETE FROM library_entries`.execute(db);
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropIndex('review_versions_author_created').execute();
		await db.schema.dropTable('version_packs').execute();
		await db.schema.dropTable('version_summaries').execute();
	}
};
