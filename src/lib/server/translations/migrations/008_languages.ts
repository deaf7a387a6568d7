import type { Kysely, Migration } from 'kysely';

/**
 * Who reviewed each interface string (issue 17): a translator cannot mark their own translation
 * reviewed, so the row keeps who wrote the text (`updated_by`, unchanged when only the status
 * changes) apart from who reviewed it. Rows already marked reviewed keep a null reviewer: nobody
 * recorded one then. Shipped: never edit; add a later-numbered migration instead.
 */
export const translationReviews: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.alterTable('ui_translations')
			.addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.alterTable('ui_translations').dropColumn('reviewed_by').execute();
	}
};
