/** The tables of migration 009 (scale-paging), as TypeScript types (added to `Database` in db/schema.ts). */

export interface VersionSummariesTable {
	version_hash: string;
	/** The manifest's title per language, as JSON. */
	title: string;
	/** The manifest's language tags, as a JSON array. */
	languages: string;
}

export interface VersionPacksTable {
	version_hash: string;
	/** The pack's version (SHA-256 of its listing). */
	pack_version: string;
	/** Bytes of the files every reader needs (no narration language). */
	core_bytes: number;
	/** `packLanguages` of the pack, as JSON: `[{ tag, bytes }]`. */
	languages: string;
}

export interface ScalePagingTables {
	version_summaries: VersionSummariesTable;
	version_packs: VersionPacksTable;
}
