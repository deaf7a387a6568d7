/**
 * What the review services store, and the repository interfaces they store it through. Services take
 * these as arguments (STYLE.md habit 5): in-memory fakes in unit tests, kysely on SQLite/PostgreSQL.
 */
import type { CommentAnchor } from '../../domain/review/anchors';
import type { ReviewAction, VersionState } from '../../domain/review/lifecycle';
import type { RubricCriterion, RubricRating } from '../../domain/review/rubric';
import type { Approval } from '../../domain/signing/signature';

/** Where a version came from. */
/** `translation`: a translator's draft derived from someone's version (issue 17). */
export type VersionSource = 'folder' | 'upload' | 'edit' | 'translation';

export interface VersionRecord {
	versionHash: string;
	comicId: string;
	/** The account that created the version. */
	authorId: string;
	state: VersionState;
	source: VersionSource;
	/** The version it answers (the previous version of the same comic by then), if any. */
	parentHash: string | null;
	/** Created by the demo seeding: the reviewer UI labels it. */
	demo: boolean;
	/** Set when approved: the signature tablets verify. */
	approval: Approval | null;
	approvedBy: string | null;
	approvedAt: string | null;
	/** When it was last submitted for review (null: never). */
	submittedAt: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface CommentRecord {
	id: string;
	versionHash: string;
	comicId: string;
	authorId: string;
	anchor: CommentAnchor;
	body: string;
	createdAt: string;
	/** When someone marked it resolved, and who; null while it is open. */
	resolvedAt: string | null;
	resolvedBy: string | null;
}

export interface RubricRecord {
	versionHash: string;
	criterion: RubricCriterion;
	rating: RubricRating;
	note: string | null;
	reviewerId: string;
	updatedAt: string;
}

/** Audit actions: the lifecycle's actions plus the other things that leave a trace. */
export type AuditAction =
	| ReviewAction
	| 'import'
	| 'comment'
	| 'rate'
	| 'resolve_comment'
	| 'reopen_comment'
	| 'delete_version'
	| 'start_translation';

export interface AuditRecord {
	id: string;
	at: string;
	/** Who did it; null for the server itself (e.g. withdrawing a superseded version). */
	actorId: string | null;
	action: AuditAction;
	comicId: string;
	versionHash: string;
	fromState: VersionState | null;
	toState: VersionState | null;
	/** Small JSON-able detail: the comment id, the rubric line, a reason. */
	detail: Record<string, string>;
}

export interface VersionRepository {
	insert(version: VersionRecord): Promise<void>;
	get(versionHash: string): Promise<VersionRecord | undefined>;
	/**
	 * Moves a version to a new state only if it is still in `expected` (optimistic concurrency: two
	 * reviewers clicking at once cannot both win). Returns whether it moved.
	 */
	updateState(
		versionHash: string,
		expected: VersionState,
		patch: Pick<VersionRecord, 'state' | 'updatedAt'> &
			Partial<Pick<VersionRecord, 'approval' | 'approvedBy' | 'approvedAt' | 'submittedAt'>>
	): Promise<boolean>;
	/** Deletes a version row (its comments and rubric lines must be gone first). */
	delete(versionHash: string): Promise<void>;
	/** Newest first. */
	listByComic(comicId: string): Promise<VersionRecord[]>;
	/** Newest first. */
	listByAuthor(authorId: string): Promise<VersionRecord[]>;
	/** One page of an author's versions, newest first, and how many they have in all. */
	pageByAuthor(
		authorId: string,
		page: { limit: number; offset: number }
	): Promise<{ rows: VersionRecord[]; total: number }>;
	/** Newest first. */
	listByStates(states: readonly VersionState[]): Promise<VersionRecord[]>;
	/**
	 * One page of the versions in `states` and how many there are in all: `waiting` orders the oldest
	 * submission first (a queue), `newest` the newest change first.
	 */
	pageByStates(
		states: readonly VersionState[],
		page: { limit: number; offset: number; order: 'waiting' | 'newest' }
	): Promise<{ rows: VersionRecord[]; total: number }>;
}

export interface CommentRepository {
	add(comment: CommentRecord): Promise<void>;
	/** Oldest first. */
	listByVersion(versionHash: string): Promise<CommentRecord[]>;
	/** Every comment on any version of the comic, oldest first. */
	listByComic(comicId: string): Promise<CommentRecord[]>;
	get(id: string): Promise<CommentRecord | undefined>;
	/** Marks a comment resolved (`by` and `at`) or open again (both null). */
	setResolved(id: string, by: string | null, at: string | null): Promise<void>;
	deleteByVersion(versionHash: string): Promise<void>;
	/** How many comments each version has (versions without any are absent): one query for a page. */
	countByVersions(versionHashes: readonly string[]): Promise<Map<string, number>>;
}

/**
 * What lists show of a version without loading its document: its titles and language tags. A
 * version is content-addressed, so its summary never changes (table `version_summaries`).
 */
export interface VersionSummary {
	title: Record<string, string>;
	languages: string[];
}

export interface VersionSummaryRepository {
	/** The summaries stored for these versions (the others are absent): one query. */
	get(versionHashes: readonly string[]): Promise<Map<string, VersionSummary>>;
	/** Stores a version's summary; a second call for the same version changes nothing. */
	put(versionHash: string, summary: VersionSummary): Promise<void>;
}

export interface RubricRepository {
	/** One rating per version and criterion: a new rating replaces the previous (the audit log keeps both). */
	set(entry: RubricRecord): Promise<void>;
	list(versionHash: string): Promise<RubricRecord[]>;
	deleteByVersion(versionHash: string): Promise<void>;
}

/** Append-only: there is deliberately no update or delete. */
export interface AuditRepository {
	append(entry: AuditRecord): Promise<void>;
	/**
	 * Oldest first. `action`: entries of that action only; `versionState`: entries of versions now in
	 * that state (the withdrawal list asks for the "withdraw" decisions of withdrawn versions in one
	 * query, not one per version).
	 */
	list(filter: {
		comicId?: string;
		versionHash?: string;
		action?: AuditAction;
		versionState?: VersionState;
	}): Promise<AuditRecord[]>;
}

export interface ReviewRepositories {
	versions: VersionRepository;
	comments: CommentRepository;
	rubric: RubricRepository;
	audit: AuditRepository;
	summaries: VersionSummaryRepository;
	/** Display names of accounts (platform's users), for showing who did what. */
	userNames(ids: readonly string[]): Promise<Map<string, string>>;
	/**
	 * Runs `work` in one database transaction, on repositories bound to it: a decision and its audit
	 * entry are stored together or not at all (issue 11, gap 6). Not re-entrant.
	 */
	transaction<T>(work: (repos: ReviewRepositories) => Promise<T>): Promise<T>;
}
