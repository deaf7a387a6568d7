/**
 * The translation workflow's table as a TypeScript type (added to `Database` in db/schema.ts).
 * Platform conventions: ISO-8601 UTC text timestamps, text ids.
 */

/** One interface string translated into one language by a translator (issue 17). */
export interface UiTranslationsTable {
	/** BCP-47 tag of a language of comics/languages.json, never `fr` (the source). */
	lang: string;
	/** Dotted path of the message, feature folder first: `common.nav.library`. */
	key: string;
	text: string;
	/** draft (awaiting a native speaker's review) | reviewed */
	status: string;
	/** The French source the translation was made from: a changed source shows the string again. */
	source: string;
	/** When and by whom the text was written (a change of status alone leaves them). */
	updated_at: string;
	updated_by: string | null;
	/** Who marked it reviewed: never its writer (migration 008). Null while a draft. */
	reviewed_by: string | null;
}

/** The name of an interface language spoken by a native speaker (issue 17, migration 011). */
export interface NameRecordingsTable {
	lang: string;
	/** The files in the content store (BlobStore), by SHA-256. */
	ogg_sha256: string;
	mp3_sha256: string;
	duration_ms: number;
	/** draft (awaiting another speaker's review) | reviewed */
	status: string;
	recorded_at: string;
	recorded_by: string;
	/** Who marked it reviewed: never who recorded it. Null while a draft. */
	reviewed_at: string | null;
	reviewed_by: string | null;
}

export interface TranslationTables {
	ui_translations: UiTranslationsTable;
	name_recordings: NameRecordingsTable;
}
