import type { Kysely, KyselyPlugin } from 'kysely';
import type { Database } from '../../../src/lib/server/db/schema';

/**
 * The database, and how many queries went through it since `reset()`: a kysely plugin on the real
 * database, for tests that a page costs a fixed number of queries whatever the data's size.
 */
export function counted(db: Kysely<Database>) {
	let queries = 0;
	const plugin: KyselyPlugin = {
		transformQuery: (args) => {
			queries++;
			return args.node;
		},
		transformResult: async (args) => args.result
	};
	return {
		db: db.withPlugin(plugin),
		get queries() {
			return queries;
		},
		reset() {
			queries = 0;
		}
	};
}
