import { existsSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { dropPgSchema, openDatabase } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { migrations } from '../../src/lib/server/db/migrations/index';
import { engines, PG_URL } from './support/databases';

const expectedTables = ['account_events', 'login_throttle', 'sessions', 'users'];

/**
 * Tables of this database (on PostgreSQL: of this test's schema only, other runs share the server; read
 * from pg_tables, as kysely's listing of every table of every schema races other files' drops).
 */
async function tableNames(db: Kysely<unknown>, schema?: string): Promise<string[]> {
	if (schema) {
		const rows = await sql<{
			name: string;
		}>`select tablename as name from pg_tables where schemaname = ${schema}`.execute(db);
		return rows.rows.map((r) => r.name).sort();
	}
	const tables = await db.introspection.getTables();
	return tables.map((t) => t.name).sort();
}

describe('migration list', () => {
	it('has zero-padded numbered names, in order, without gaps', () => {
		const names = Object.keys(migrations);
		expect(names.length).toBeGreaterThan(0);
		names.forEach((name, i) => {
			expect(name).toMatch(/^\d{3}_[a-z0-9_]+$/);
			expect(Number(name.slice(0, 3))).toBe(i + 1);
		});
	});
});

for (const engine of engines)
	describe.skipIf(!engine.available)(`migrations on ${engine.title}`, () => {
		it('create every table on an empty database, then do nothing the second time', async () => {
			const open = await engine.open({ migrate: false });
			const applied = await migrateToLatest(open);
			expect(applied).toEqual(Object.keys(migrations));
			expect(
				(await tableNames(open.db as Kysely<unknown>, open.pgSchema)).filter((t) =>
					expectedTables.includes(t)
				)
			).toEqual(expectedTables);
			expect(await migrateToLatest(open)).toEqual([]);
		});

		it('enforce foreign keys (sessions need a user)', async () => {
			const open = await engine.open();
			await expect(
				open.db
					.insertInto('sessions')
					.values({ id: 'x', user_id: 'nobody', created_at: 'a', expires_at: 'b' })
					.execute()
			).rejects.toThrow();
		});

		it('delete a user’s sessions with the user (cascade)', async () => {
			const open = await engine.open();
			const now = new Date().toISOString();
			await open.db
				.insertInto('users')
				.values({
					id: 'u1',
					username: 'u1',
					display_name: 'U',
					role: 'teacher',
					password_hash: 'h',
					must_change_password: 0,
					disabled: 0,
					demo: 0,
					created_at: now,
					updated_at: now
				})
				.execute();
			await open.db
				.insertInto('sessions')
				.values({ id: 's1', user_id: 'u1', created_at: now, expires_at: now })
				.execute();
			await open.db.deleteFrom('users').where('id', '=', 'u1').execute();
			const left = await open.db.selectFrom('sessions').selectAll().execute();
			expect(left).toEqual([]);
		});

		it('leave no half-applied migration when one fails, and recover on the next start', async () => {
			const open = await engine.open({ migrate: false });
			const broken = {
				...migrations,
				'999_broken': {
					async up(db: Kysely<unknown>) {
						await db.schema.createTable('half_done').addColumn('id', 'text').execute();
						await sql`this is not sql`.execute(db);
					}
				}
			};
			await expect(migrateToLatest(open, broken)).rejects.toThrow(/999_broken/);
			const names = await tableNames(open.db as Kysely<unknown>, open.pgSchema);
			expect(names).not.toContain('half_done');
			// SQLite keeps the migrations before the failing one; PostgreSQL rolls the batch back. Either
			// way the next start (with the fixed list) brings the database to the latest version.
			await migrateToLatest(open);
			expect(await tableNames(open.db as Kysely<unknown>, open.pgSchema)).toEqual(
				expect.arrayContaining(expectedTables)
			);
			expect(await migrateToLatest(open)).toEqual([]);
		});

		if (engine.name === 'SQLite file') {
			it('use WAL mode and foreign keys on the SQLite file', async () => {
				const open = await engine.open();
				const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(open.db);
				expect(journal.rows[0]?.journal_mode).toBe('wal');
				const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(open.db);
				expect(fk.rows[0]?.foreign_keys).toBe(1);
				expect(existsSync(open.sqliteFile!)).toBe(true);
			});
		}
	});

describe.skipIf(!PG_URL)(
	`PostgreSQL through DATABASE_URL alone${PG_URL ? '' : ' (NOT RUN: set KALANSO_TEST_PG_URL to run these)'}`,
	() => {
		it('tries again when a table of another schema vanished while the migrator listed the tables', async () => {
			const open = await engines.find((e) => e.name === 'PostgreSQL')!.open({ migrate: false });
			const real = open.db.introspection;
			let listings = 0;
			// What another session dropping its test schema does to kysely's listing of every table.
			const racing = {
				getSchemas: () => real.getSchemas(),
				getMetadata: (o?: Parameters<typeof real.getMetadata>[0]) => real.getMetadata(o),
				getTables: async (o?: Parameters<typeof real.getTables>[0]) => {
					listings++;
					if (listings === 1)
						throw Object.assign(new Error('relation "kalanso_test_x.sync_outbox" does not exist'), {
							code: '42P01'
						});
					return real.getTables(o);
				}
			};
			const db = new Proxy(open.db, {
				get(target, prop) {
					if (prop === 'introspection') return racing;
					const value = Reflect.get(target, prop, target) as unknown;
					return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
				}
			});
			expect(await migrateToLatest({ ...open, db })).toEqual(Object.keys(migrations));
			expect(listings).toBeGreaterThan(1);
			expect(await tableNames(open.db as Kysely<unknown>, open.pgSchema)).toEqual(
				expect.arrayContaining(expectedTables)
			);
		});

		it('migrates its own schema even when another schema already has a kysely_migration table', async () => {
			const url = PG_URL!;
			const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
			const ours = `kalanso_url_${suffix}`;
			const other = `other_app_${suffix}`;
			const admin = await openDatabase({ databaseUrl: url, pgSchema: other });
			await sql`create table ${sql.id(other, 'kysely_migration')} (name text primary key, timestamp text)`.execute(
				admin.db
			);
			await admin.close();
			const setup = await openDatabase({ databaseUrl: url, pgSchema: ours });
			await setup.close();
			try {
				// As in production: only a URL, the schema comes from the connection's search_path.
				const open = await openDatabase({
					databaseUrl: `${url}?options=${encodeURIComponent(`-c search_path=${ours}`)}`
				});
				expect(open.pgSchema).toBe(ours);
				expect(await migrateToLatest(open)).toEqual(Object.keys(migrations));
				expect(await tableNames(open.db as Kysely<unknown>, ours)).toEqual(
					expect.arrayContaining(expectedTables)
				);
				await open.close();
			} finally {
				await dropPgSchema(url, ours);
				await dropPgSchema(url, other);
			}
		});
	}
);
