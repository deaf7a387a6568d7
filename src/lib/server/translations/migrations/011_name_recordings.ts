import type { Kysely, Migration } from 'kysely';

/**
 * The name of each interface language spoken by a native speaker (issue 17): one current recording
 * per language, its Ogg Opus and MP3 files in the content store (by SHA-256), a draft until another
 * translator or a reviewer marks it reviewed. A new take replaces the row (as a draft); the files
 * of the previous one stay in the store. Shipped: never edit; add a later-numbered migration.
 */
export const nameRecordings: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('name_recordings')
			.addColumn('lang', 'text', (c) => c.primaryKey())
			.addColumn('ogg_sha256', 'text', (c) => c.notNull())
			.addColumn('mp3_sha256', 'text', (c) => c.notNull())
			.addColumn('duration_ms', 'integer', (c) => c.notNull())
			.addColumn('status', 'text', (c) => c.notNull())
			.addColumn('recorded_at', 'text', (c) => c.notNull())
			.addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
			.addColumn('reviewed_at', 'text')
			.addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropTable('name_recordings').execute();
	}
};
