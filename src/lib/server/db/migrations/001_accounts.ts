import type { Kysely, Migration } from 'kysely';

/**
 * Staff accounts, server-side sessions, login throttling and the account audit trail.
 * Shipped: never edit; add a later-numbered migration instead.
 */
export const accounts: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('users')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('username', 'text', (c) => c.notNull().unique())
			.addColumn('display_name', 'text', (c) => c.notNull())
			.addColumn('role', 'text', (c) => c.notNull())
			.addColumn('password_hash', 'text', (c) => c.notNull())
			.addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('updated_at', 'text', (c) => c.notNull())
			.execute();

		await db.schema
			.createTable('sessions')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('expires_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();
		await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();

		await db.schema
			.createTable('login_throttle')
			.addColumn('key', 'text', (c) => c.primaryKey())
			.addColumn('failures', 'integer', (c) => c.notNull())
			.addColumn('window_started_at', 'text', (c) => c.notNull())
			.addColumn('locked_until', 'text')
			.execute();

		await db.schema
			.createTable('account_events')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('at', 'text', (c) => c.notNull())
			.addColumn('actor_id', 'text', (c) => c.references('users.id'))
			.addColumn('action', 'text', (c) => c.notNull())
			.addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
			.execute();
		await db.schema.createIndex('account_events_user_id').on('account_events').column('user_id').execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropTable('account_events').execute();
		await db.schema.dropTable('login_throttle').execute();
		await db.schema.dropTable('sessions').execute();
		await db.schema.dropTable('users').execute();
	}
};
