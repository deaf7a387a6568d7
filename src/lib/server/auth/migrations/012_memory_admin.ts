import type { Kysely, Migration } from 'kysely';
import { accountSearchKey } from '../search-key';

/**
 * The admin's account list at a national scale (issue 19). Shipped: never edit; add a later-numbered
 * migration instead.
 *
 * - `users.search_key`: the login and display name folded by the library's folding rule (`foldText`),
 *   so a search by name or login ignores accents and capitals; existing accounts get theirs here.
 * - An index on `(role, username)`: the list is sorted by login, a page at a time, optionally of
 *   one role.
 */
export const memoryAdmin: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.alterTable('users')
			.addColumn('search_key', 'text', (c) => c.notNull().defaultTo(''))
			.execute();
		const users = db as unknown as Kysely<{
			users: { id: string; username: string; display_name: string; search_key: string };
		}>;
		const rows = await users.selectFrom('users').select(['id', 'username', 'display_name']).execute();
		for (const row of rows) {
			await users
				.updateTable('users')
				.set({ search_key: accountSearchKey(row.username, row.display_name) })
				.where('id', '=', row.id)
				.execute();
		}
		await db.schema.createIndex('users_role_username').on('users').columns(['role', 'username']).execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropIndex('users_role_username').execute();
		await db.schema.alterTable('users').dropColumn('search_key').execute();
	}
};
