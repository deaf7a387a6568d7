/**
 * The review workflow (issue 6): importing versions, the lifecycle transitions, comments, the
 * rubric, signing on approval, publishing, and the views authors and reviewers read. Decides; the
 * repositories store and the routes parse. Every transition and comment goes to the audit log.
 */
import { randomUUID } from 'node:crypto';
import { anchorProblem, type CommentAnchor } from '../../domain/review/anchors';
import { approvalReadiness, assertApprovable, type ApprovalReadiness } from '../../domain/review/approval';
import { diffVersions, type Change } from '../../domain/review/diff';
import {
	availableActions,
	transition,
	TransitionError,
	type Actor,
	type ReviewAction,
	type Role
} from '../../domain/review/lifecycle';
import { languageMatrix, type LanguageMatrix } from '../../domain/review/matrix';
import {
	isRubricCriterion,
	isRubricRating,
	rubricCriteria,
	type RubricCriterion,
	type RubricRating
} from '../../domain/review/rubric';
import { fillFinding } from '../../domain/manifest/findings';
import { jsonPath } from '../../domain/manifest/issues';
import { manifestSchema, type Manifest } from '../../domain/manifest/schema';
import { zodFinding } from '../../domain/manifest/zod-finding';
import type { TrustedKey } from '../../domain/signing/signature';
import { verifySignedVersion } from '../../domain/signing/verify';
import type { VersionDocument } from '../../domain/signing/version';
import type { PreparedVersion, VersionStore } from '../store/versions';
import type { Signer } from './keys';
import type {
	AuditAction,
	AuditRecord,
	CommentRecord,
	ReviewRepositories,
	RubricRecord,
	VersionRecord,
	VersionSource
} from './repositories';

/** The signed-in person as the review services need them (platform's SessionUser fits). */
export interface ReviewUser {
	id: string;
	role: Role;
}

export type ReviewErrorCode =
	| 'not-found'
	| 'role-not-allowed'
	| 'not-your-version'
	| 'own-version'
	| 'comic-owned'
	| 'duplicate-version'
	| 'illegal-transition'
	| 'not-approvable'
	| 'not-under-review'
	| 'changed-meanwhile'
	| 'signature-invalid'
	| 'invalid-input'
	| 'unknown-language'
	| 'unknown-target'
	| 'no-narration'
	| 'no-clip'
	| 'outside-clip'
	| 'comment-length'
	| 'unknown-criterion'
	| 'bad-rating';

/**
 * A refused request: `status` is the HTTP status (400 bad input, 403 who, 404 what, 409 state),
 * `message` plain English for logs and API clients, `code` + `params` for translated UI messages.
 */
export class ReviewError extends Error {
	constructor(
		readonly status: 400 | 403 | 404 | 409,
		readonly code: ReviewErrorCode,
		message: string,
		readonly params: Record<string, string> = {}
	) {
		super(message);
		this.name = 'ReviewError';
	}

	static from(error: TransitionError): ReviewError {
		return new ReviewError(error.status, error.code, error.message, error.params);
	}
}

export interface ReviewDeps {
	repos: ReviewRepositories;
	store: VersionStore;
	signer: Signer;
	/** Keys whose approvals are accepted (the signer's own included). */
	trusted: readonly TrustedKey[];
	now?: () => Date;
	newId?: () => string;
}

/** Everything a reviewer (or the version's author) sees about one version. */
export interface VersionDetail {
	version: VersionRecord;
	document: VersionDocument;
	matrix: LanguageMatrix;
	readiness: ApprovalReadiness;
	rubricCriteria: RubricCriterion[];
	rubric: RubricRecord[];
	comments: CommentRecord[];
	audit: AuditRecord[];
	/** Display names of everyone mentioned above. */
	names: Record<string, string>;
	/** The version this one is compared with (the last one reviewed), and what changed since. */
	since: { versionHash: string; state: VersionRecord['state']; changes: Change[] } | null;
	actions: ReviewAction[];
}

/** A published version whose signature verified: what students may see. */
export interface PublishedVersion {
	version: VersionRecord & { approval: NonNullable<VersionRecord['approval']> };
	document: VersionDocument;
}

const DECISIONS: readonly AuditAction[] = ['request_changes', 'approve', 'reject'];
const MAX_COMMENT = 2000;

function actorOf(user: ReviewUser): Actor {
	return { id: user.id, roles: [user.role] };
}

export class ReviewService {
	readonly #repos: ReviewRepositories;
	readonly #store: VersionStore;
	readonly #signer: Signer;
	readonly #trusted: readonly TrustedKey[];
	readonly #now: () => Date;
	readonly #newId: () => string;
	/** Verified published documents by `hash|signature`: both are immutable, so a check holds forever. */
	readonly #verified = new Map<string, VersionDocument>();
	#lastAuditMs = 0;

	constructor(deps: ReviewDeps) {
		this.#repos = deps.repos;
		this.#store = deps.store;
		this.#signer = deps.signer;
		this.#trusted = deps.trusted;
		this.#now = deps.now ?? (() => new Date());
		this.#newId = deps.newId ?? randomUUID;
	}

	get trustedKeys(): readonly TrustedKey[] {
		return this.#trusted;
	}

	/**
	 * Stores a validated version as a draft of `user`. Importing the same bytes again by the same
	 * author returns the existing version (idempotent: demo seeding runs at every start).
	 */
	async importVersion(
		user: ReviewUser,
		prepared: PreparedVersion,
		options: { source: VersionSource; demo?: boolean }
	): Promise<{ version: VersionRecord; created: boolean }> {
		if (user.role !== 'author') {
			throw new ReviewError(403, 'role-not-allowed', 'only author accounts may add comic versions');
		}
		const comicId = prepared.document.comicId;
		const existing = await this.#repos.versions.get(prepared.versionHash);
		if (existing) {
			if (existing.authorId === user.id) return { version: existing, created: false };
			throw new ReviewError(
				409,
				'duplicate-version',
				`this exact version of "${comicId}" was already added by another author`,
				{
					comicId
				}
			);
		}
		const previous = await this.#repos.versions.listByComic(comicId);
		if (previous.some((v) => v.authorId !== user.id)) {
			throw new ReviewError(403, 'comic-owned', `comic "${comicId}" belongs to another author`, { comicId });
		}
		await this.#store.save(prepared);
		const at = this.#now().toISOString();
		const version: VersionRecord = {
			versionHash: prepared.versionHash,
			comicId,
			authorId: user.id,
			state: 'draft',
			source: options.source,
			parentHash: previous[0]?.versionHash ?? null,
			demo: options.demo ?? false,
			approval: null,
			approvedBy: null,
			approvedAt: null,
			createdAt: at,
			updatedAt: at
		};
		await this.#repos.versions.insert(version);
		await this.#audit(user.id, 'import', version, null, 'draft', { source: options.source });
		return { version, created: true };
	}

	/**
	 * A new draft from an existing version with some texts changed (the author's in-app fix).
	 * Assets are shared; narration recorded from an edited text becomes stale, as it should.
	 */
	async editTexts(
		user: ReviewUser,
		versionHash: string,
		edits: ReadonlyArray<{ target: string; language: string; text: string }>
	): Promise<VersionRecord> {
		const version = await this.#get(versionHash);
		if (version.authorId !== user.id) {
			throw new ReviewError(403, 'not-your-version', 'only the author of this version may edit it');
		}
		const document = await this.#document(version);
		const manifest: Manifest = structuredClone(document.manifest);
		const declared = new Set(manifest.languages.map((l) => l.tag));
		for (const edit of edits) {
			const text = edit.text.normalize('NFC').trim();
			if (!declared.has(edit.language)) {
				throw new ReviewError(400, 'unknown-language', `this comic has no language "${edit.language}"`, {
					language: edit.language
				});
			}
			const record = findTextRecord(manifest, edit.target);
			if (!record)
				throw new ReviewError(400, 'unknown-target', `this comic has no bubble or panel "${edit.target}"`, {
					target: edit.target
				});
			if (text) record[edit.language] = text;
			else delete record[edit.language];
		}
		const parsed = manifestSchema.safeParse(manifest, { reportInput: true });
		if (!parsed.success) {
			throw new ReviewError(
				400,
				'invalid-input',
				`the edited comic is not valid: ${parsed.error.issues
					.slice(0, 1)
					.map((issue) => `${jsonPath(issue.path)}: ${fillFinding(zodFinding(issue))}`)
					.join('')}`
			);
		}
		const prepared = await this.#store.derive(document, parsed.data);
		const { version: created } = await this.importVersion(user, prepared, { source: 'edit' });
		return created;
	}

	/** Applies a lifecycle action. Approving signs; publishing withdraws the comic's older published version. */
	async act(
		user: ReviewUser,
		versionHash: string,
		action: ReviewAction,
		reason?: string
	): Promise<VersionRecord> {
		const version = await this.#get(versionHash);
		let next;
		try {
			next = transition(version, action, actorOf(user));
		} catch (error) {
			if (error instanceof TransitionError) throw ReviewError.from(error);
			throw error;
		}
		const at = this.#now().toISOString();
		const patch: Parameters<ReviewRepositories['versions']['updateState']>[2] = {
			state: next,
			updatedAt: at
		};
		if (action === 'approve') {
			const document = await this.#document(version);
			const rubric = await this.#repos.rubric.list(versionHash);
			try {
				assertApprovable(document.manifest, rubric);
			} catch (error) {
				if (error instanceof TransitionError) throw ReviewError.from(error);
				throw error;
			}
			patch.approval = this.#signer.sign({ comicId: version.comicId, versionHash });
			patch.approvedBy = user.id;
			patch.approvedAt = at;
		}
		if (action === 'publish') {
			const document = await this.#document(version);
			const verdict = verifySignedVersion({ document, approval: version.approval }, this.#trusted);
			if (!verdict.ok) {
				throw new ReviewError(409, 'signature-invalid', `cannot publish: ${verdict.message}`, {
					problem: verdict.problem
				});
			}
		}
		if (!(await this.#repos.versions.updateState(versionHash, version.state, patch))) {
			throw new ReviewError(
				409,
				'changed-meanwhile',
				'someone else changed this version meanwhile: reload and try again'
			);
		}
		const detail: Record<string, string> = reason ? { reason } : {};
		if (patch.approval) detail.keyId = patch.approval.keyId;
		await this.#audit(user.id, action, version, version.state, next, detail);
		if (action === 'publish') {
			for (const other of await this.#repos.versions.listByComic(version.comicId)) {
				if (other.versionHash === versionHash || other.state !== 'published') continue;
				if (
					await this.#repos.versions.updateState(other.versionHash, 'published', {
						state: 'withdrawn',
						updatedAt: at
					})
				) {
					await this.#audit(null, 'withdraw', other, 'published', 'withdrawn', {
						reason: 'superseded',
						by: versionHash
					});
				}
			}
		}
		return { ...version, ...patch };
	}

	/** Pins a reviewer's comment to the comic, a panel, a bubble or a narration moment. */
	async comment(
		user: ReviewUser,
		versionHash: string,
		anchor: CommentAnchor,
		body: string
	): Promise<CommentRecord> {
		if (user.role !== 'reviewer')
			throw new ReviewError(403, 'role-not-allowed', 'only reviewer accounts may comment');
		const version = await this.#get(versionHash);
		if (version.state !== 'in_review') {
			throw new ReviewError(
				409,
				'not-under-review',
				`comments are closed: this version is ${version.state.replace('_', ' ')}`
			);
		}
		const text = body.normalize('NFC').trim();
		if (!text || text.length > MAX_COMMENT) {
			throw new ReviewError(400, 'comment-length', `a comment needs 1 to ${MAX_COMMENT} characters`, {
				max: String(MAX_COMMENT)
			});
		}
		const document = await this.#document(version);
		const problem = anchorProblem(document.manifest, anchor);
		if (problem) throw new ReviewError(400, problem.code, problem.message, problem.params);
		const comment: CommentRecord = {
			id: this.#newId(),
			versionHash,
			comicId: version.comicId,
			authorId: user.id,
			anchor,
			body: text,
			createdAt: this.#now().toISOString()
		};
		await this.#repos.comments.add(comment);
		await this.#audit(user.id, 'comment', version, null, null, {
			commentId: comment.id,
			anchor: anchor.kind
		});
		return comment;
	}

	/** Rates one rubric line of a version under review. */
	async rate(
		user: ReviewUser,
		versionHash: string,
		criterion: string,
		rating: unknown,
		note?: string
	): Promise<RubricRecord> {
		const version = await this.#get(versionHash);
		// Rating is a review act: same rules as approving (reviewer, not the author).
		const actions = availableActions(version, actorOf(user));
		if (user.role !== 'reviewer')
			throw new ReviewError(403, 'role-not-allowed', 'only reviewer accounts may fill the rubric');
		if (version.authorId === user.id) {
			throw new ReviewError(
				403,
				'own-version',
				'you authored this version, so another reviewer must rate it'
			);
		}
		if (!actions.includes('approve')) {
			throw new ReviewError(
				409,
				'not-under-review',
				`the rubric is closed: this version is ${version.state.replace('_', ' ')}`
			);
		}
		const document = await this.#document(version);
		const languages = document.manifest.languages.map((l) => l.tag);
		if (!isRubricCriterion(criterion, languages)) {
			throw new ReviewError(400, 'unknown-criterion', `"${criterion}" is not a rubric line of this comic`, {
				criterion
			});
		}
		if (!isRubricRating(rating))
			throw new ReviewError(400, 'bad-rating', 'a rating is meets, needs_work or fails');
		const entry: RubricRecord = {
			versionHash,
			criterion,
			rating: rating as RubricRating,
			note: note?.trim() ? note.trim().slice(0, MAX_COMMENT) : null,
			reviewerId: user.id,
			updatedAt: this.#now().toISOString()
		};
		await this.#repos.rubric.set(entry);
		await this.#audit(user.id, 'rate', version, null, null, { criterion, rating: entry.rating });
		return entry;
	}

	/** One version with everything needed to review it or to read its comments. */
	async detail(user: ReviewUser, versionHash: string): Promise<VersionDetail> {
		const version = await this.#get(versionHash);
		if (user.role === 'author' && version.authorId !== user.id) {
			throw new ReviewError(403, 'not-your-version', 'this version belongs to another author');
		}
		const document = await this.#document(version);
		const rubric = await this.#repos.rubric.list(versionHash);
		const comments = await this.#repos.comments.listByVersion(versionHash);
		const audit = await this.#repos.audit.list({ versionHash });
		const since = await this.#since(version, document, user);
		const ids = new Set<string>([
			version.authorId,
			...comments.map((c) => c.authorId),
			...rubric.map((r) => r.reviewerId)
		]);
		for (const a of audit) if (a.actorId) ids.add(a.actorId);
		if (version.approvedBy) ids.add(version.approvedBy);
		return {
			version,
			document,
			matrix: languageMatrix(document.manifest),
			readiness: approvalReadiness(document.manifest, rubric),
			rubricCriteria: rubricCriteria(document.manifest.languages.map((l) => l.tag)),
			rubric,
			comments,
			audit,
			names: Object.fromEntries(await this.#repos.userNames([...ids])),
			since,
			actions: availableActions(version, actorOf(user))
		};
	}

	/** The reviewer's queue: versions waiting for a decision, approved ones waiting to be published, and published ones. */
	async queue(): Promise<{ versions: VersionRecord[]; names: Record<string, string> }> {
		const versions = await this.#repos.versions.listByStates(['in_review', 'approved', 'published']);
		const names = await this.#repos.userNames([...new Set(versions.map((v) => v.authorId))]);
		return { versions, names: Object.fromEntries(names) };
	}

	/** An author's own versions, newest first, with the number of reviewer comments on each. */
	async authorVersions(
		user: ReviewUser
	): Promise<Array<VersionRecord & { comments: number; title: Record<string, string> }>> {
		const versions = await this.#repos.versions.listByAuthor(user.id);
		const out = [];
		for (const v of versions) {
			const doc = await this.#store.load(v.versionHash);
			out.push({
				...v,
				comments: (await this.#repos.comments.listByVersion(v.versionHash)).length,
				title: doc?.manifest.title ?? {}
			});
		}
		return out;
	}

	/** Published versions whose approval verifies with a trusted key: the only ones students see. */
	async published(): Promise<PublishedVersion[]> {
		const out: PublishedVersion[] = [];
		for (const version of await this.#repos.versions.listByStates(['published'])) {
			const document = await this.publishedDocument(version);
			if (document) out.push({ version: version as PublishedVersion['version'], document });
		}
		return out.sort((a, b) => (a.version.comicId < b.version.comicId ? -1 : 1));
	}

	/** The comic's published, verified version, or null. */
	async publishedComic(comicId: string): Promise<PublishedVersion | null> {
		for (const version of await this.#repos.versions.listByComic(comicId)) {
			if (version.state !== 'published') continue;
			const document = await this.publishedDocument(version);
			if (document) return { version: version as PublishedVersion['version'], document };
		}
		return null;
	}

	/** An asset file of any version, for staff: authors their own versions, reviewers and admins all. */
	async versionAsset(user: ReviewUser, versionHash: string, assetPath: string): Promise<string | null> {
		const version = await this.#get(versionHash);
		if (user.role === 'teacher' || (user.role === 'author' && version.authorId !== user.id)) {
			throw new ReviewError(403, 'not-your-version', 'this version belongs to another author');
		}
		return this.#store.assetFile(await this.#document(version), assetPath);
	}

	/** Path of an asset file of a version in the content store. */
	assetFile(document: VersionDocument, assetPath: string): string | null {
		return this.#store.assetFile(document, assetPath);
	}

	/** The document of a published version if its signature verifies; logs and returns null otherwise. */
	async publishedDocument(version: VersionRecord): Promise<VersionDocument | null> {
		if (!version.approval) return null;
		const key = `${version.versionHash}|${version.approval.signature}`;
		const cached = this.#verified.get(key);
		if (cached) return cached;
		const document = await this.#store.load(version.versionHash);
		if (!document) {
			console.error(
				`[review] published version of "${version.comicId}" left out: missing or altered in the content store`
			);
			return null;
		}
		const verdict = verifySignedVersion({ document, approval: version.approval }, this.#trusted);
		if (!verdict.ok) {
			console.error(`[review] published version of "${version.comicId}" left out: ${verdict.message}`);
			return null;
		}
		this.#verified.set(key, verdict.document);
		return verdict.document;
	}

	/** Every version of a comic, newest first. */
	versionsOf(comicId: string): Promise<VersionRecord[]> {
		return this.#repos.versions.listByComic(comicId);
	}

	async #since(
		version: VersionRecord,
		document: VersionDocument,
		user: ReviewUser
	): Promise<VersionDetail['since']> {
		// The version last decided on (by this reviewer if they decided one, else by anyone), older than this one.
		const audit = await this.#repos.audit.list({ comicId: version.comicId });
		const decided = audit.filter(
			(a) => DECISIONS.includes(a.action) && a.versionHash !== version.versionHash
		);
		const mine = decided.filter((a) => a.actorId === user.id);
		const pick = (mine.length ? mine : decided).at(-1);
		if (!pick) return null;
		const other = await this.#repos.versions.get(pick.versionHash);
		const otherDoc = other && (await this.#store.load(other.versionHash));
		if (!other || !otherDoc || other.createdAt > version.createdAt) return null;
		return {
			versionHash: other.versionHash,
			state: other.state,
			changes: diffVersions(otherDoc, document)
		};
	}

	async #get(versionHash: string): Promise<VersionRecord> {
		const version = /^[0-9a-f]{64}$/.test(versionHash)
			? await this.#repos.versions.get(versionHash)
			: undefined;
		if (!version) throw new ReviewError(404, 'not-found', `no comic version ${versionHash.slice(0, 12)}`);
		return version;
	}

	async #document(version: VersionRecord): Promise<VersionDocument> {
		const document = await this.#store.load(version.versionHash);
		if (!document)
			throw new Error(`content store lost version ${version.versionHash} of "${version.comicId}"`);
		return document;
	}

	async #audit(
		actorId: string | null,
		action: AuditAction,
		version: VersionRecord,
		fromState: AuditRecord['fromState'],
		toState: AuditRecord['toState'],
		detail: Record<string, string>
	): Promise<void> {
		// Strictly increasing times within a process, so the log reads in the order things happened
		// even when a publish and the withdrawal it causes fall in the same millisecond.
		const ms = Math.max(this.#now().getTime(), this.#lastAuditMs + 1);
		this.#lastAuditMs = ms;
		await this.#repos.audit.append({
			id: this.#newId(),
			at: new Date(ms).toISOString(),
			actorId,
			action,
			comicId: version.comicId,
			versionHash: version.versionHash,
			fromState,
			toState,
			detail
		});
	}
}

/** The localized-text record of a bubble (by bubble id) or a panel description (by panel id). */
function findTextRecord(manifest: Manifest, target: string): Record<string, string> | null {
	for (const page of manifest.pages) {
		for (const panel of page.panels) {
			if (panel.id === target) return panel.description;
			for (const bubble of panel.bubbles) if (bubble.id === target) return bubble.text;
		}
	}
	return null;
}
