import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

/** Which engine a connection talks to. */
export type Engine = 'sqlite' | 'postgres';

/** Where the database lives. */
export interface DatabaseConfig {
	/** PostgreSQL connection string; when set, PostgreSQL is used instead of SQLite. */
	databaseUrl?: string;
	/** SQLite file (ignored for PostgreSQL). `:memory:` is allowed for tests. */
	sqliteFile?: string;
	/** PostgreSQL schema to use (created if missing); tests use a fresh one per run. */
	pgSchema?: string;
}

/** An open database: the typed query builder and how to close it. */
export interface OpenDatabase {
	db: Kysely<Database>;
	engine: Engine;
	/** The SQLite file, when the engine is SQLite (the backup CLI needs it). */
	sqliteFile?: string;
	/** Set for PostgreSQL when a schema other than the default is used. */
	pgSchema?: string;
	close(): Promise<void>;
}

/** The data folder: `KALANSO_DATA`, default `./data`. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(env.KALANSO_DATA || './data');
}

/** Reads the database location from the environment (DESIGN.md §2). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
	if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
	return { sqliteFile: path.join(dataDir(env), 'kalanso.db') };
}

/** Opens (but does not migrate) the database. */
export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
	if (config.databaseUrl) return openPostgres(config.databaseUrl, config.pgSchema);
	const file = config.sqliteFile ?? ':memory:';
	if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
	const sqlite = new SqliteDatabase(file);
	// WAL lets readers (and `db:backup`) work while the server writes; NORMAL is durable in WAL mode
	// except for the last transactions on power loss, which is the usual trade-off for WAL.
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	// SQLite leaves foreign keys off unless asked, per connection.
	sqlite.pragma('foreign_keys = ON');
	// A concurrent writer (the backup CLI, a second process) waits instead of failing at once.
	sqlite.pragma('busy_timeout = 5000');
	// The page cache is the server's one memory that fills with the catalog (issue 19): bounded here
	// at 16 MB (better-sqlite3's build default, stated so it is not left to the build), reached with
	// 2,000 comics after a few searches and /packs pages. SQLite's stock 2 MB doubled the library's
	// search queries at that size (measured interleaved in one process); the file's other pages stay
	// in the OS page cache, which the kernel reclaims.
	sqlite.pragma('cache_size = -16000');
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
	return { db, engine: 'sqlite', sqliteFile: file, close: () => db.destroy() };
}

async function openPostgres(connectionString: string, schema?: string): Promise<OpenDatabase> {
	if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema))
		throw new Error(`invalid PostgreSQL schema name: ${schema}`);
	if (schema) {
		const admin = new pg.Client({ connectionString });
		await admin.connect();
		try {
			await admin.query(`create schema if not exists ${schema}`);
		} finally {
			await admin.end();
		}
	}
	const pool = new pg.Pool({
		connectionString,
		max: 10,
		// Every pooled connection gets the schema first in its search path.
		...(schema ? { options: `-c search_path=${schema}` } : {})
	});
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	// Name the schema even when it is the default: kysely's migrator otherwise takes a `kysely_migration`
	// table in ANY schema of the database (another application's) as ours and would skip our migrations.
	let current = schema;
	if (!current) {
		try {
			const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
			current = result.rows[0]?.schema;
		} catch (error) {
			await db.destroy();
			throw error;
		}
	}
	return { db, engine: 'postgres', pgSchema: current, close: () => db.destroy() };
}

/**
 * Drops a PostgreSQL schema and everything in it (tests clean up their fresh schema). Table by table
 * first: one `drop schema … cascade` locks every object of the schema in one transaction, and several
 * test files dropping full schemas at once ran out of PostgreSQL's shared lock table ("out of shared
 * memory", SQLSTATE 53200, max_locks_per_transaction); that error is also retried after a pause.
 */
export async function dropPgSchema(connectionString: string, schema: string): Promise<void> {
	if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
	const client = new pg.Client({ connectionString });
	await client.connect();
	const retried = async (statement: string) => {
		for (let attempt = 1; ; attempt++) {
			try {
				await client.query(statement);
				return;
			} catch (error) {
				if ((error as { code?: string }).code !== '53200' || attempt >= 6) throw error;
				await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
			}
		}
	};
	try {
		const tables = await client.query<{ name: string }>(
			'select tablename as name from pg_tables where schemaname = $1',
			[schema]
		);
		for (const { name } of tables.rows) {
			await retried(`drop table if exists ${schema}."${name.replace(/"/g, '""')}" cascade`);
		}
		await retried(`drop schema if exists ${schema} cascade`);
	} finally {
		await client.end();
	}
}

/** A cheap round trip, for health checks. */
export async function ping(db: Kysely<Database>): Promise<void> {
	await sql`select 1`.execute(db);
}
