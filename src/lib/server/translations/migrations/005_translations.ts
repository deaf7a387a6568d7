import type { Kysely, Migration } from 'kysely';

/**
 * Interface strings translated in the app by translators (issue 17), served at run time on top of
 * the bundled catalogs. The `translator` role needs no table: it is a value of `users.role`.
 * Shipped: never edit; add a later-numbered migration instead.
 */
export const translations: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('ui_translations')
			.addColumn('lang', 'text', (c) => c.notNull())
			.addColumn('key', 'text', (c) => c.notNull())
			.addColumn('text', 'text', (c) => c.notNull())
			.addColumn('status', 'text', (c) => c.notNull())
			.addColumn('source', 'text', (c) => c.notNull())
			.addColumn('updated_at', 'text', (c) => c.notNull())
			.addColumn('updated_by', 'text', (c) => c.references('users.id'))
			.addPrimaryKeyConstraint('ui_translations_pk', ['lang', 'key'])
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropTable('ui_translations').execute();
	}
};
