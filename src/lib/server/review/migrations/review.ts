import { sql, SqliteAdapter, type Kysely, type Migration } from 'kysely';

/**
 * Review workflow: comic versions and their state, reviewer comments, rubric ratings, and the
 * append-only audit log. Shipped: never edit; add a later-numbered migration instead.
 */
export const review: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('review_versions')
			.addColumn('version_hash', 'text', (c) => c.primaryKey())
			.addColumn('comic_id', 'text', (c) => c.notNull())
			.addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
			.addColumn('state', 'text', (c) => c.notNull())
			.addColumn('source', 'text', (c) => c.notNull())
			.addColumn('parent_hash', 'text')
			.addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('approval', 'text')
			.addColumn('approved_by', 'text', (c) => c.references('users.id'))
			.addColumn('approved_at', 'text')
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('updated_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('review_versions_comic')
			.on('review_versions')
			.columns(['comic_id', 'created_at'])
			.execute();
		await db.schema.createIndex('review_versions_author').on('review_versions').column('author_id').execute();
		await db.schema.createIndex('review_versions_state').on('review_versions').column('state').execute();

		await db.schema
			.createTable('review_comments')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('version_hash', 'text', (c) => c.notNull().references('review_versions.version_hash'))
			.addColumn('comic_id', 'text', (c) => c.notNull())
			.addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
			.addColumn('anchor', 'text', (c) => c.notNull())
			.addColumn('body', 'text', (c) => c.notNull())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('review_comments_version')
			.on('review_comments')
			.columns(['version_hash', 'created_at'])
			.execute();

		await db.schema
			.createTable('review_rubric')
			.addColumn('version_hash', 'text', (c) => c.notNull().references('review_versions.version_hash'))
			.addColumn('criterion', 'text', (c) => c.notNull())
			.addColumn('rating', 'text', (c) => c.notNull())
			.addColumn('note', 'text')
			.addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id'))
			.addColumn('updated_at', 'text', (c) => c.notNull())
			.addPrimaryKeyConstraint('review_rubric_pk', ['version_hash', 'criterion'])
			.execute();

		await db.schema
			.createTable('review_audit')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('at', 'text', (c) => c.notNull())
			.addColumn('actor_id', 'text', (c) => c.references('users.id'))
			.addColumn('action', 'text', (c) => c.notNull())
			.addColumn('comic_id', 'text', (c) => c.notNull())
			.addColumn('version_hash', 'text', (c) => c.notNull())
			.addColumn('from_state', 'text')
			.addColumn('to_state', 'text')
			.addColumn('detail', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('review_audit_comic')
			.on('review_audit')
			.columns(['comic_id', 'at'])
			.execute();
		await db.schema
			.createIndex('review_audit_version')
			.on('review_audit')
			.columns(['version_hash', 'at'])
			.execute();

		// The audit log is append-only in the database itself, not only by the repository's lack of an
		// update method: a bug or a hand-typed query cannot rewrite history.
		if (db.getExecutor().adapter instanceof SqliteAdapter) {
			for (const op of ['UPDATE', 'DELETE']) {
				await sql
					.raw(
						`CREATE TRIGGER review_audit_no_${op.toLowerCase()} BEFORE ${op} ON review_audit ` +
							`BEGIN SELECT RAISE(ABORT, 'review_audit is append-only'); END`
					)
					.execute(db);
			}
		} else {
			await sql`CREATE FUNCTION review_audit_append_only() RETURNS trigger AS $$
				BEGIN RAISE EXCEPTION 'review_audit is append-only'; END; $$ LANGUAGE plpgsql`.execute(db);
			await sql`CREATE TRIGGER review_audit_no_change BEFORE UPDATE OR DELETE ON review_audit
				FOR EACH ROW EXECUTE FUNCTION review_audit_append_only()`.execute(db);
		}
	},
	async down(db: Kysely<unknown>) {
		for (const table of ['review_audit', 'review_rubric', 'review_comments', 'review_versions']) {
			await db.schema.dropTable(table).execute();
		}
		if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
			await sql`DROP FUNCTION IF EXISTS review_audit_append_only()`.execute(db);
		}
	}
};
