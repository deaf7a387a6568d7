import type { Kysely, Migration } from 'kysely';

/**
 * A restart with 2,000 unchanged comic folders (issue 19). Shipped: never edit; add a later-numbered
 * migration instead.
 *
 * - `comic_folders.listing`: the folder's listing as last walked (content/folder-digest.ts
 *   `FolderListing` as JSON: each directory with its mtime and ctime, each file with its size and
 *   mtime), so the next start checks it with one `stat` per entry instead of a `readdir` of every
 *   directory. Null until the folder is next walked (existing rows), or when a directory had changed
 *   too recently to trust: the start then walks the folder as before.
 */
export const folderListings: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema.alterTable('comic_folders').addColumn('listing', 'text').execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.alterTable('comic_folders').dropColumn('listing').execute();
	}
};
