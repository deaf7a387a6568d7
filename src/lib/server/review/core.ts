/**
 * What the review workflow (workflow.ts) and its read views (views.ts) share: who is asking, the
 * refusals they raise, their dependencies, and loading a version and its document.
 */
import { randomUUID } from 'node:crypto';
import { assertMay, TransitionError, type Actor, type ReviewAct } from '../../domain/review/lifecycle';
import type { RoleName } from '../../domain/roles';
import type { TrustedKey } from '../../domain/signing/signature';
import type { VersionDocument } from '../../domain/signing/version';
import type { ContentIssue } from '../../domain/manifest/issues';
import type { ValidationSetup } from '../content/validate-version';
import type { VersionStore } from '../store/versions';
import type { Signer } from './keys';
import type { ReviewRepositories, VersionRecord } from './repositories';

/** The signed-in person as the review services need them (platform's SessionUser fits). */
export interface ReviewUser {
	id: string;
	role: RoleName;
}

export type ReviewErrorCode =
	| 'not-found'
	| 'role-not-allowed'
	| 'not-your-version'
	| 'own-version'
	| 'not-submitted'
	| 'not-deletable'
	| 'comment-not-found'
	| 'comic-owned'
	| 'duplicate-version'
	| 'illegal-transition'
	| 'not-approvable'
	| 'not-under-review'
	| 'changed-meanwhile'
	| 'signature-invalid'
	| 'invalid-input'
	| 'content-refused'
	| 'unknown-language'
	| 'unknown-target'
	| 'no-narration'
	| 'no-clip'
	| 'outside-clip'
	| 'comment-length'
	| 'unknown-criterion'
	| 'bad-rating'
	| 'not-translatable'
	| 'reference-language'
	| 'translator-reference'
	| 'translator-layout'
	| 'own-text-reviewed';

/**
 * A refused request: `status` is the HTTP status (400 bad input, 403 who, 404 what, 409 state),
 * `message` plain English for logs and API clients, `code` + `params` for translated UI messages.
 */
export class ReviewError extends Error {
	constructor(
		readonly status: 400 | 403 | 404 | 409,
		readonly code: ReviewErrorCode,
		message: string,
		readonly params: Record<string, string> = {},
		/** What the content validation found, when that is why (an in-app edit comics:check refuses). */
		readonly issues: ContentIssue[] = []
	) {
		super(message);
		this.name = 'ReviewError';
	}

	static from(error: TransitionError): ReviewError {
		return new ReviewError(error.status, error.code, error.message, error.params);
	}
}

/** The person as the lifecycle sees them. */
export function actorOf(user: ReviewUser): Actor {
	return { id: user.id, roles: [user.role] };
}

export interface ReviewDeps {
	repos: ReviewRepositories;
	store: VersionStore;
	signer: Signer;
	/** Keys whose approvals are accepted (the signer's own included). */
	trusted: readonly TrustedKey[];
	/** Languages and checks of the one content validation (content/validate-version.ts). */
	validation: () => Promise<ValidationSetup>;
	now?: () => Date;
	newId?: () => string;
}

/** The dependencies and the version loading both halves of the review service use. */
export abstract class ReviewCore {
	protected readonly repos: ReviewRepositories;
	protected readonly store: VersionStore;
	protected readonly signer: Signer;
	/** Not readonly: a key withdrawn while the server runs is removed (ReviewViews.distrustKeys). */
	protected trusted: readonly TrustedKey[];
	protected readonly validation: () => Promise<ValidationSetup>;
	protected readonly now: () => Date;
	protected readonly newId: () => string;

	constructor(deps: ReviewDeps) {
		this.repos = deps.repos;
		this.store = deps.store;
		this.signer = deps.signer;
		this.trusted = deps.trusted;
		this.validation = deps.validation;
		this.now = deps.now ?? (() => new Date());
		this.newId = deps.newId ?? randomUUID;
	}

	/** Refuses (403) unless `user` may do `act` to `version` (lifecycle.ts decides). */
	protected may(act: ReviewAct, version: VersionRecord | null, user: ReviewUser): void {
		try {
			assertMay(act, version, actorOf(user));
		} catch (error) {
			if (error instanceof TransitionError) throw ReviewError.from(error);
			throw error;
		}
	}

	/** The version with this hash, or a 404 ReviewError (also for anything that is not a hash). */
	protected async getVersion(versionHash: string): Promise<VersionRecord> {
		const version = /^[0-9a-f]{64}$/.test(versionHash)
			? await this.repos.versions.get(versionHash)
			: undefined;
		if (!version) throw new ReviewError(404, 'not-found', `no comic version ${versionHash.slice(0, 12)}`);
		return version;
	}

	/** The stored document of a version; a missing one is a broken store, not a user error. */
	protected async documentOf(version: VersionRecord): Promise<VersionDocument> {
		const document = await this.store.load(version.versionHash);
		if (!document)
			throw new Error(`content store lost version ${version.versionHash} of "${version.comicId}"`);
		return document;
	}
}
