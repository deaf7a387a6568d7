import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { OpenDatabase } from './connection';
import { migrations as allMigrations } from './migrations/index';

/**
 * kysely runs SQLite migrations outside any transaction (its SQLite adapter declares no transactional
 * DDL), so a migration failing halfway would leave half its tables. SQLite does support DDL in
 * transactions: wrap each migration in one.
 */
function atomicOnSqlite(migrations: Record<string, Migration>): Record<string, Migration> {
	return Object.fromEntries(
		Object.entries(migrations).map(([name, m]) => [
			name,
			{
				up: (db: Kysely<unknown>) => db.transaction().execute((trx) => m.up(trx)),
				...(m.down ? { down: (db: Kysely<unknown>) => db.transaction().execute((trx) => m.down!(trx)) } : {})
			}
		])
	);
}

/**
 * kysely's migrator first lists every table of the PostgreSQL database (its introspector calls
 * `pg_get_serial_sequence` on each by name); a table another session drops between the listing's
 * snapshot and that call fails it with "relation (or schema) … does not exist" (SQLSTATE 42P01,
 * 3F000) before any migration has run (seen when test files migrated their schemas while others
 * dropped theirs). Nothing was applied then, so trying again is safe.
 */
function listingRaced(result: MigrationResultSet): boolean {
	return (
		result.error !== undefined &&
		['42P01', '3F000'].includes((result.error as { code?: string }).code ?? '') &&
		!(result.results ?? []).some((r) => r.status !== 'NotExecuted')
	);
}

/**
 * Applies every migration not yet applied, in name order. Throws naming the failing migration and
 * leaves no half-applied migration: on PostgreSQL kysely runs the whole batch in one transaction (so
 * the database stays where it was); on SQLite each migration is its own transaction (so the database
 * stays at the last migration that succeeded).
 */
export async function migrateToLatest(
	open: Pick<OpenDatabase, 'db' | 'pgSchema' | 'engine'>,
	migrations: Record<string, Migration> = allMigrations
): Promise<string[]> {
	const provided = open.engine === 'sqlite' ? atomicOnSqlite(migrations) : migrations;
	const migrator = new Migrator({
		db: open.db as Kysely<unknown>,
		provider: { getMigrations: async () => provided },
		// With a non-default PostgreSQL schema, kysely must look for its bookkeeping tables there and not
		// find another run's tables in `public`.
		...(open.pgSchema ? { migrationTableSchema: open.pgSchema } : {})
	});
	let result: MigrationResultSet = await migrator.migrateToLatest();
	for (let attempt = 1; attempt < 5 && open.engine === 'postgres' && listingRaced(result); attempt++) {
		await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
		result = await migrator.migrateToLatest();
	}
	if (result.error) {
		const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
		throw new Error(`database migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
	}
	return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
