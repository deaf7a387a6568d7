import { configFromEnv, openDatabase, type OpenDatabase } from './connection';
import { migrateToLatest } from './migrate';

let opening: Promise<OpenDatabase> | undefined;

/**
 * The server's database, opened and migrated once per process (lazy: the first caller pays).
 * Repositories used by routes get their `Kysely<Database>` from here:
 *
 *     const { db } = await database();
 *
 * A failed open is not cached, so the next request retries (e.g. PostgreSQL was still starting).
 */
export function database(): Promise<OpenDatabase> {
	opening ??= (async () => {
		const open = await openDatabase(configFromEnv());
		try {
			await migrateToLatest(open);
		} catch (error) {
			await open.close();
			throw error;
		}
		return open;
	})().catch((error: unknown) => {
		opening = undefined;
		throw error;
	});
	return opening;
}
