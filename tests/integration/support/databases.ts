/**
 * Real databases for integration tests: a fresh SQLite file, and a fresh PostgreSQL schema when
 * `KALANSO_TEST_PG_URL` is set (.ci/run sets it when a server runs on 127.0.0.1:5432). Each `open()`
 * gets its own file or schema, so tests and parallel runs never see each other's rows; `close()`
 * removes it. Other features' repository tests can use these too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, inject } from 'vitest';
import type { Database } from '../../../src/lib/server/db/schema';
import type { RoleName } from '../../../src/lib/domain/roles';
import { dropPgSchema, openDatabase, type OpenDatabase } from '../../../src/lib/server/db/connection';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import { adminQuery, databaseUrl } from './pg-template';

export const PG_URL = process.env.KALANSO_TEST_PG_URL;

export interface TestDatabase extends OpenDatabase {
	/** PostgreSQL: the URL of the database it is in (a second instance connects there, with `pgSchema`). */
	url?: string;
	/** Closes and deletes the file, schema or database. */
	dispose(): Promise<void>;
}

export interface Engine {
	name: 'SQLite file' | 'PostgreSQL';
	/** False for PostgreSQL when `KALANSO_TEST_PG_URL` is unset. */
	available: boolean;
	/** The name to put in a describe: says visibly when the engine's tests were not run. */
	title: string;
	/** Opens a fresh, empty database; `migrate: false` leaves it without tables. */
	open(options?: { migrate?: boolean }): Promise<TestDatabase>;
}

const opened: TestDatabase[] = [];
afterAll(async () => {
	await Promise.all(opened.splice(0).map((d) => d.dispose()));
});

/** `open` as a test database, closed then `remove`d when disposed (at the latest after the file's tests). */
function tracked(open: OpenDatabase, remove: () => Promise<void> | void, url?: string): TestDatabase {
	const db: TestDatabase = {
		...open,
		...(url === undefined ? {} : { url }),
		async dispose() {
			await open.close();
			await remove();
		}
	};
	opened.push(db);
	return db;
}

const sqlite: Engine = {
	name: 'SQLite file',
	available: true,
	title: 'SQLite file',
	async open({ migrate = true } = {}) {
		const dir = mkdtempSync(path.join(tmpdir(), 'kalanso-it-'));
		const open = await openDatabase({ sqliteFile: path.join(dir, 'kalanso.db') });
		if (migrate) await migrateToLatest(open);
		return tracked(open, () => rmSync(dir, { recursive: true, force: true }));
	}
};

const postgres: Engine = {
	name: 'PostgreSQL',
	available: PG_URL !== undefined && PG_URL !== '',
	title: PG_URL ? 'PostgreSQL' : 'PostgreSQL (NOT RUN: set KALANSO_TEST_PG_URL to run these)',
	async open({ migrate = true } = {}) {
		const url = PG_URL!;
		const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
		// Migrated: a database of its own, copied from the run's migrated template (./pg-template.ts).
		const template = migrate ? inject('kalansoPgTemplate') : null;
		if (template) {
			const database = `kalanso_test_${suffix}`;
			await adminQuery(url, `create database ${database} template ${template.database}`);
			const own = databaseUrl(url, database);
			const open = await openDatabase({ databaseUrl: own, pgSchema: template.schema });
			return tracked(open, () => adminQuery(url, `drop database if exists ${database} with (force)`), own);
		}
		// Empty (or run without the global setup): a schema of its own in the test database.
		const schema = `kalanso_test_${suffix}`;
		const open = await openDatabase({ databaseUrl: url, pgSchema: schema });
		if (migrate) await migrateToLatest(open);
		return tracked(open, () => dropPgSchema(url, schema), url);
	}
};

/**
 * The engines to run against: SQLite always, PostgreSQL when configured. Use
 * `describe.skipIf(!engine.available)(engine.title, …)` so that an unconfigured PostgreSQL shows up in
 * the report as skipped with the reason, never silently.
 */
export const engines: Engine[] = [sqlite, postgres];

if (!PG_URL) {
	console.warn(
		'[integration] PostgreSQL tests were NOT run: set KALANSO_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them.'
	);
}

/** An account row for tests: who it is; everything else (password, flags, dates) is filler. */
export interface TestUser {
	id: string;
	role: RoleName;
	username?: string;
	name?: string;
}

/** Inserts accounts the services refer to (foreign keys on author, reviewer, teacher ids). */
export async function insertUsers(
	db: Kysely<Database>,
	users: readonly TestUser[],
	at = '2026-03-01T00:00:00.000Z'
): Promise<void> {
	for (const u of users) {
		await db
			.insertInto('users')
			.values({
				id: u.id,
				username: u.username ?? u.id,
				display_name: u.name ?? u.id,
				role: u.role,
				password_hash: 'x',
				must_change_password: 0,
				disabled: 0,
				demo: 0,
				created_at: at,
				updated_at: at
			})
			.execute();
	}
}
