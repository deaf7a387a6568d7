import type { Kysely, Migration } from 'kysely';

/**
 * Issue 19, what remained of the national deployment:
 * - school side, `sync_withdrawn_keys`: approval keys a school server learnt were compromised from
 *   the national signed withdrawal list, kept so that a restart goes on distrusting them
 *   (review/server.ts reads them with the keys the admin configured in `KALANSO_WITHDRAWN_KEYS`),
 *   listed in the school's own withdrawal list for its tablets, and shown on /admin/sync;
 * - national side, an index for the national report (/national): totals per school, comic,
 *   objective and week, a page at a time.
 */
export const syncKeysAndReport: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('sync_withdrawn_keys')
			.addColumn('key_id', 'text', (c) => c.primaryKey())
			.addColumn('public_key', 'text', (c) => c.notNull())
			.addColumn('withdrawn_at', 'text', (c) => c.notNull())
			.addColumn('reason', 'text', (c) => c.notNull())
			.addColumn('received_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('sync_aggregates_report')
			.on('sync_aggregates')
			.columns(['week', 'school_id', 'comic', 'objective'])
			.execute();
	}
};
