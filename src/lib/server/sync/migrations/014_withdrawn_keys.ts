import type { Kysely, Migration } from 'kysely';

/**
 * Approval keys a school server learnt were compromised from the national signed withdrawal list
 * (issue 19): kept so that a restart goes on distrusting them (review/server.ts reads them with the
 * keys the admin configured in `KALANSO_WITHDRAWN_KEYS`), listed in the school's own withdrawal list
 * for its tablets, and shown on /admin/sync.
 */
export const withdrawnKeys: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('sync_withdrawn_keys')
			.addColumn('key_id', 'text', (c) => c.primaryKey())
			.addColumn('public_key', 'text', (c) => c.notNull())
			.addColumn('withdrawn_at', 'text', (c) => c.notNull())
			.addColumn('reason', 'text', (c) => c.notNull())
			.addColumn('received_at', 'text', (c) => c.notNull())
			.execute();
	}
};
