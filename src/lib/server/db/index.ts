/**
 * The query layer: kysely over SQLite (default, a file in the data folder) or PostgreSQL
 * (`DATABASE_URL`). Repositories take a `Kysely<Database>`; server code gets the process-wide one
 * from `database()` in `./server`.
 */
export type { Database, RoleName } from './schema';
export {
	configFromEnv,
	dataDir,
	openDatabase,
	ping,
	type DatabaseConfig,
	type Engine,
	type OpenDatabase
} from './connection';
export { migrateToLatest } from './migrate';
