/**
 * The review workflow's tables, as TypeScript types (added to `Database` in db/schema.ts). Platform
 * conventions: text ids, ISO-8601 UTC text timestamps, 0/1 integers for booleans; JSON as text.
 */

export interface ReviewVersionsTable {
	/** SHA-256 of the canonical version document (its blob in the content store). */
	version_hash: string;
	comic_id: string;
	author_id: string;
	/** A VersionState. */
	state: string;
	/** folder | upload | edit */
	source: string;
	parent_hash: string | null;
	demo: number;
	/** The signed approval as JSON, once approved. */
	approval: string | null;
	approved_by: string | null;
	approved_at: string | null;
	/** Added by 007_review_loop. */
	submitted_at: string | null;
	created_at: string;
	updated_at: string;
}

export interface ReviewCommentsTable {
	id: string;
	version_hash: string;
	comic_id: string;
	author_id: string;
	/** CommentAnchor as JSON. */
	anchor: string;
	body: string;
	created_at: string;
	/** Added by 007_review_loop. */
	resolved_at: string | null;
	resolved_by: string | null;
}

export interface ReviewRubricTable {
	version_hash: string;
	criterion: string;
	rating: string;
	note: string | null;
	reviewer_id: string;
	updated_at: string;
}

/** Append-only (triggers refuse UPDATE and DELETE). */
export interface ReviewAuditTable {
	id: string;
	at: string;
	actor_id: string | null;
	action: string;
	comic_id: string;
	version_hash: string;
	from_state: string | null;
	to_state: string | null;
	/** Detail as JSON. */
	detail: string;
}

export interface ReviewTables {
	review_versions: ReviewVersionsTable;
	review_comments: ReviewCommentsTable;
	review_rubric: ReviewRubricTable;
	review_audit: ReviewAuditTable;
}
