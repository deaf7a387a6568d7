/**
 * The catalog tables of migration 007, as TypeScript types (added to `Database` in db/schema.ts).
 * The full-text parts (SQLite's `library_fts`, PostgreSQL's `search_vector`) are engine-specific and
 * reached through raw SQL in library/repository.ts.
 */

export interface ComicFoldersTable {
	/** The folder's name in comics/. */
	folder: string;
	/** SHA-256 of the folder's listing: relative paths, sizes and modification times. */
	listing_digest: string;
	/** The version the folder produced when it was last read. */
	version_hash: string;
	checked_at: string;
	/** The listing the digest was made from, as JSON (content/folder-digest.ts; migration 014), or null. */
	listing: string | null;
}

export interface LibraryEntriesTable {
	version_hash: string;
	comic_id: string;
	/** The approval's key id: the library shows only entries whose key is still trusted. */
	key_id: string;
	/** Folded reference-language title: the library's order. */
	sort_title: string;
	/** The ComicSummary as JSON. */
	card: string;
	/** foldText of title, summary and characters in every language. */
	search_text: string;
}

export interface LibraryTagsTable {
	/** grade | theme | objective | language | narration */
	kind: string;
	value: string;
	version_hash: string;
}

export interface LibraryTables {
	comic_folders: ComicFoldersTable;
	library_entries: LibraryEntriesTable;
	library_tags: LibraryTagsTable;
}
