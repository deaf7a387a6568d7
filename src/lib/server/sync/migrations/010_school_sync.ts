import type { Kysely, Migration } from 'kysely';

/**
 * School-server sync (issue 19, docs/national-deployment.md §3). The same program is national server
 * and school server, so both sides' tables are created everywhere; each side uses its own.
 *
 * National side:
 * - `sync_schools`: the schools the national admin issued a credential to (only the SHA-256 of its
 *   secret is kept).
 * - `sync_batches`: each result batch received, once per school and batch id (a re-sent batch is
 *   refused by the primary key, so it is counted once).
 * - `sync_aggregates`: the batch's rows: counts per class (an opaque id made by the school), comic,
 *   curriculum objective and week. No student name or id exists in these tables.
 * - an index on the audit log's publish entries: the cursor of "approved versions since".
 *
 * School side:
 * - `sync_state`: one row: the pull cursor, the last attempt, success and error (the admin page).
 * - `sync_outbox`: result batches made from the school's results, with their payload frozen at
 *   creation and `acked_at` set only once the national server acknowledged them.
 * - `sync_outbox_results`: which result went into which batch (a result goes up in one batch only).
 */
export const schoolSync: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('sync_schools')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('secret_hash', 'text', (c) => c.notNull())
			.addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('last_seen_at', 'text')
			.execute();
		await db.schema
			.createTable('sync_batches')
			.addColumn('school_id', 'text', (c) => c.notNull().references('sync_schools.id'))
			.addColumn('batch_id', 'text', (c) => c.notNull())
			.addColumn('received_at', 'text', (c) => c.notNull())
			.addColumn('row_count', 'integer', (c) => c.notNull())
			.addPrimaryKeyConstraint('sync_batches_pk', ['school_id', 'batch_id'])
			.execute();
		await db.schema
			.createTable('sync_aggregates')
			.addColumn('school_id', 'text', (c) => c.notNull())
			.addColumn('batch_id', 'text', (c) => c.notNull())
			.addColumn('class_ref', 'text', (c) => c.notNull())
			.addColumn('grade', 'text', (c) => c.notNull())
			.addColumn('school_year', 'text', (c) => c.notNull())
			.addColumn('comic', 'text', (c) => c.notNull())
			.addColumn('objective', 'text', (c) => c.notNull())
			.addColumn('week', 'text', (c) => c.notNull())
			.addColumn('attempts', 'integer', (c) => c.notNull())
			.addColumn('correct', 'real', (c) => c.notNull())
			.addForeignKeyConstraint('sync_aggregates_batch', ['school_id', 'batch_id'], 'sync_batches', [
				'school_id',
				'batch_id'
			])
			.execute();
		await db.schema
			.createIndex('sync_aggregates_objective')
			.on('sync_aggregates')
			.columns(['objective', 'week'])
			.execute();
		await db.schema
			.createIndex('sync_audit_action')
			.on('review_audit')
			.columns(['action', 'at', 'id'])
			.execute();

		await db.schema
			.createTable('sync_state')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('cursor', 'text')
			.addColumn('last_attempt_at', 'text')
			.addColumn('last_success_at', 'text')
			.addColumn('last_error', 'text')
			.addColumn('installed', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('pushed', 'integer', (c) => c.notNull().defaultTo(0))
			.execute();
		await db.schema
			.createTable('sync_outbox')
			.addColumn('batch_id', 'text', (c) => c.primaryKey())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('payload', 'text', (c) => c.notNull())
			.addColumn('acked_at', 'text')
			.execute();
		await db.schema
			.createTable('sync_outbox_results')
			.addColumn('result_id', 'text', (c) => c.primaryKey())
			.addColumn('batch_id', 'text', (c) => c.notNull().references('sync_outbox.batch_id'))
			.execute();
	}
};
