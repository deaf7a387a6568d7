/**
 * The school-sync tables as TypeScript types (added to `Database` in db/schema.ts); see
 * migrations/010_school_sync.ts for what each holds and on which side.
 */

export interface SyncSchoolsTable {
	id: string;
	name: string;
	/** SHA-256 (hex) of the credential's secret part. */
	secret_hash: string;
	disabled: number;
	created_at: string;
	last_seen_at: string | null;
}

export interface SyncBatchesTable {
	school_id: string;
	batch_id: string;
	received_at: string;
	row_count: number;
}

export interface SyncAggregatesTable {
	school_id: string;
	batch_id: string;
	class_ref: string;
	grade: string;
	school_year: string;
	comic: string;
	objective: string;
	/** The Monday of the week, `2026-11-30`. */
	week: string;
	attempts: number;
	correct: number;
}

export interface SyncStateTable {
	id: string;
	/** Opaque cursor of the national version list; null before the first pull. */
	cursor: string | null;
	last_attempt_at: string | null;
	last_success_at: string | null;
	last_error: string | null;
	/** Running totals, for the admin page. */
	installed: number;
	withdrawn: number;
	pushed: number;
}

export interface SyncOutboxTable {
	batch_id: string;
	created_at: string;
	/** The batch as sent (JSON), frozen when made so a re-send is byte for byte the same batch. */
	payload: string;
	acked_at: string | null;
}

export interface SyncOutboxResultsTable {
	result_id: string;
	batch_id: string;
}

/** School side: an approval key the national withdrawal list declared compromised (migration 013). */
export interface SyncWithdrawnKeysTable {
	key_id: string;
	public_key: string;
	withdrawn_at: string;
	reason: string;
	/** When this school first read it in a verified national list. */
	received_at: string;
}

export interface SyncTables {
	sync_schools: SyncSchoolsTable;
	sync_batches: SyncBatchesTable;
	sync_aggregates: SyncAggregatesTable;
	sync_state: SyncStateTable;
	sync_outbox: SyncOutboxTable;
	sync_outbox_results: SyncOutboxResultsTable;
	sync_withdrawn_keys: SyncWithdrawnKeysTable;
}
