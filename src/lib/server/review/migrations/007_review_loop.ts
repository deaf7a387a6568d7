import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The review loop (issue 16): when a version was submitted (the reviewer's queue orders by how long
 * it has waited), and comments that carry over from version to version, open or resolved.
 * Shipped: never edit; add a later-numbered migration instead.
 */
export const reviewLoop: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema.alterTable('review_versions').addColumn('submitted_at', 'text').execute();
		// Versions submitted before this migration: their last "submit" in the audit log.
		await sql`UPDATE review_versions SET submitted_at = (
			SELECT MAX(a.at) FROM review_audit a
			WHERE a.version_hash = review_versions.version_hash AND a.action = 'submit'
		)`.execute(db);
		await db.schema
			.createIndex('review_versions_state_submitted')
			.on('review_versions')
			.columns(['state', 'submitted_at'])
			.execute();
		await db.schema.alterTable('review_comments').addColumn('resolved_at', 'text').execute();
		await db.schema.alterTable('review_comments').addColumn('resolved_by', 'text').execute();
		await db.schema
			.createIndex('review_comments_comic')
			.on('review_comments')
			.columns(['comic_id', 'created_at'])
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropIndex('review_comments_comic').execute();
		await db.schema.alterTable('review_comments').dropColumn('resolved_by').execute();
		await db.schema.alterTable('review_comments').dropColumn('resolved_at').execute();
		await db.schema.dropIndex('review_versions_state_submitted').execute();
		await db.schema.alterTable('review_versions').dropColumn('submitted_at').execute();
	}
};
