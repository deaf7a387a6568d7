import type { Kysely, KyselyPlugin } from 'kysely';
import type { Database } from '../../../src/lib/server/db/schema';

/**
 * The database, and how many queries went through it since `reset()`: a kysely plugin on the real
 * database, for tests that a page costs a fixed number of queries whatever the data's size.
 */
export function counted(db: Kysely<Database>) {
	let queries = 0;
	let executed = 0;
	const plugin: KyselyPlugin = {
		transformQuery: (args) => {
			queries++;
			return args.node;
		},
		transformResult: async (args) => {
			executed++;
			return args.result;
		}
	};
	return {
		db: db.withPlugin(plugin),
		/** Queries built (a subquery built from this database counts as one more). */
		get queries() {
			return queries;
		},
		/** Statements sent to the database and answered. */
		get executed() {
			return executed;
		},
		reset() {
			queries = 0;
			executed = 0;
		}
	};
}
