/**
 * The review lifecycle of one comic version (DESIGN.md §4, issue 6):
 *
 *   draft ─submit→ in_review ─request_changes→ changes_requested
 *                          ├─approve→ approved ─publish→ published ─withdraw→ withdrawn
 *                          └─reject→ rejected            approved ─withdraw→ withdrawn
 *
 * An author answers "changes requested" by submitting a NEW version (a new hash); a version never
 * goes back to draft, because the approval and every comment belong to exactly one version.
 * Pure: who may do what, and which moves are illegal, as typed errors the server maps to 403/409.
 * THE place where review rights are decided: the transitions below, the other review acts (adding
 * a version, commenting, rating, viewing: REVIEW_ACTS), and the roles the route-access table admits
 * to the author and reviewer pages (derived from both).
 */
import type { RoleName } from '../roles';

export const VERSION_STATES = [
	'draft',
	'in_review',
	'changes_requested',
	'approved',
	'published',
	'withdrawn',
	'rejected'
] as const;
export type VersionState = (typeof VERSION_STATES)[number];

export const REVIEW_ACTIONS = [
	'submit',
	'request_changes',
	'approve',
	'reject',
	'publish',
	'withdraw'
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** Who is acting, as far as the lifecycle cares. */
export interface Actor {
	id: string;
	roles: readonly RoleName[];
}

/** The facts about a version the lifecycle needs. */
export interface VersionFacts {
	state: VersionState;
	/** The account that created (uploaded or imported) the version. */
	authorId: string;
}

/** Who may do something to a version. */
interface Right {
	roles: readonly RoleName[];
	/** Only the version's own author may do it. */
	ownerOnly?: boolean;
	/** The version's own author may NOT do it (no one reviews their own work). */
	notOwner?: boolean;
	/** Of these roles, only the version's own author may do it (authors see their own versions only). */
	ownerOnlyFor?: readonly RoleName[];
	/** On a draft (never submitted), only its author may do it: reviewers see submitted versions only. */
	draftOwnerOnly?: boolean;
}

interface Rule extends Right {
	from: readonly VersionState[];
	to: VersionState;
}

/** The transition table: the single source for the service, the UI buttons and the tests. */
export const TRANSITIONS: Readonly<Record<ReviewAction, Rule>> = {
	// Translators submit the drafts they derived to translate a comic (issue 17), like authors.
	submit: { from: ['draft'], to: 'in_review', roles: ['author', 'translator'], ownerOnly: true },
	request_changes: { from: ['in_review'], to: 'changes_requested', roles: ['reviewer'], notOwner: true },
	approve: { from: ['in_review'], to: 'approved', roles: ['reviewer'], notOwner: true },
	reject: { from: ['in_review'], to: 'rejected', roles: ['reviewer'], notOwner: true },
	publish: { from: ['approved'], to: 'published', roles: ['reviewer', 'admin'] },
	withdraw: { from: ['approved', 'published'], to: 'withdrawn', roles: ['reviewer', 'admin'] }
};

/** Review acts that change no state, with rights of the same kind (the service adds when, e.g. "under review"). */
export const REVIEW_ACTS = {
	/** Adding a version (upload, comics/ folder). */
	import: { roles: ['author'] },
	/**
	 * An in-app text fix: a new version made from one of one's own. A translator's own versions are
	 * the translations they started; the service keeps their changes to non-reference texts.
	 */
	edit: { roles: ['author', 'translator'], ownerOnly: true },
	/**
	 * Starting a translation: a new draft of the translator's own, derived from a submitted or
	 * published version of anyone's (the service checks the state).
	 */
	translate: { roles: ['translator'] },
	comment: { roles: ['reviewer'] },
	/** Rating the rubric is a review act: the same people as approving. */
	rate: { roles: TRANSITIONS.approve.roles, notOwner: TRANSITIONS.approve.notOwner },
	/**
	 * Reading a version (its detail page, manifest and assets). Drafts are their author's alone;
	 * authors and translators read their own versions only.
	 */
	view: {
		roles: ['author', 'reviewer', 'admin', 'translator'],
		ownerOnlyFor: ['author', 'translator'],
		draftOwnerOnly: true
	},
	/** Deleting a version: its author, and only a draft never submitted (the service checks the history). */
	delete: { roles: ['author'], ownerOnly: true },
	/** Marking a comment resolved or open again: reviewers, and the author of the version it is on. */
	resolve: { roles: ['author', 'reviewer'], ownerOnlyFor: ['author'] }
} as const satisfies Record<string, Right>;
export type ReviewAct = keyof typeof REVIEW_ACTS;

const union = (rights: readonly Right[]): RoleName[] => [...new Set(rights.flatMap((r) => r.roles))];

/** Roles admitted to the author pages (`/author/**`): those who add versions. */
export const AUTHOR_DESK_ROLES: readonly RoleName[] = union([REVIEW_ACTS.import]);
/** Roles admitted to the reviewer pages (`/review/**`): those who decide, publish or withdraw. */
export const REVIEW_DESK_ROLES: readonly RoleName[] = union([
	TRANSITIONS.request_changes,
	TRANSITIONS.approve,
	TRANSITIONS.reject,
	TRANSITIONS.publish,
	TRANSITIONS.withdraw
]);
/** Roles admitted to the studio's texts page (`/author/[hash]/texts`): those who edit their own versions. */
export const STUDIO_TEXT_ROLES: readonly RoleName[] = union([REVIEW_ACTS.edit]);
/** Roles that may read versions (`/api/versions/**`). */
export const VERSION_VIEW_ROLES: readonly RoleName[] = union([REVIEW_ACTS.view]);

export type TransitionErrorCode =
	| 'role-not-allowed'
	| 'not-your-version'
	| 'own-version'
	| 'not-submitted'
	| 'illegal-transition'
	| 'not-approvable';

/**
 * A refused transition. `kind` decides the HTTP status: `forbidden` (403) is about who acts,
 * `conflict` (409) about the version's state or content. `message` is plain English for logs and
 * API clients; UIs translate `code` with `params`.
 */
export class TransitionError extends Error {
	constructor(
		readonly kind: 'forbidden' | 'conflict',
		readonly code: TransitionErrorCode,
		message: string,
		readonly params: Record<string, string> = {}
	) {
		super(message);
		this.name = 'TransitionError';
	}

	get status(): 403 | 409 {
		return this.kind === 'forbidden' ? 403 : 409;
	}
}

/** Throws a 403 TransitionError when `actor` lacks `right` on `version` (null: no version yet). */
function checkRight(right: Right, what: string, version: VersionFacts | null, actor: Actor): void {
	const label = what.replace('_', ' ');
	if (!right.roles.some((r) => actor.roles.includes(r))) {
		throw new TransitionError(
			'forbidden',
			'role-not-allowed',
			`only ${right.roles.join(' or ')} accounts may ${label}${version ? ' a version' : ''}`,
			{ action: what, roles: right.roles.join(', ') }
		);
	}
	if (!version) return;
	const ownerOnly = right.ownerOnly || (right.ownerOnlyFor?.some((r) => actor.roles.includes(r)) ?? false);
	if (ownerOnly && version.authorId !== actor.id) {
		throw new TransitionError(
			'forbidden',
			'not-your-version',
			`only the author of this version may ${label} it`,
			{
				action: what
			}
		);
	}
	if (right.draftOwnerOnly && version.state === 'draft' && version.authorId !== actor.id) {
		throw new TransitionError(
			'forbidden',
			'not-submitted',
			`this version has not been submitted for review: only its author may ${label} it`,
			{ action: what }
		);
	}
	if (right.notOwner && version.authorId === actor.id) {
		throw new TransitionError(
			'forbidden',
			'own-version',
			`you authored this version, so another reviewer must ${label} it`,
			{ action: what }
		);
	}
}

/** Throws a 403 TransitionError unless `actor` may do `act` (to `version`, when there is one). */
export function assertMay(act: ReviewAct, version: VersionFacts | null, actor: Actor): void {
	checkRight(REVIEW_ACTS[act], act, version, actor);
}

/** The state after `action`, or a TransitionError saying why not. Does not check content (see approval.ts). */
export function transition(version: VersionFacts, action: ReviewAction, actor: Actor): VersionState {
	const rule = TRANSITIONS[action];
	checkRight(rule, action, version, actor);
	if (!rule.from.includes(version.state)) {
		throw new TransitionError(
			'conflict',
			'illegal-transition',
			`cannot ${action.replace('_', ' ')} a version that is ${version.state.replace('_', ' ')} (allowed from: ${rule.from.join(', ')})`,
			{ action, state: version.state }
		);
	}
	return rule.to;
}

/** The actions `actor` may take on `version` right now (for buttons). */
export function availableActions(version: VersionFacts, actor: Actor): ReviewAction[] {
	return REVIEW_ACTIONS.filter((action) => {
		try {
			transition(version, action, actor);
			return true;
		} catch (error) {
			if (error instanceof TransitionError) return false;
			throw error;
		}
	});
}

/** States in which a version is open for reviewer comments and rubric. */
export function isUnderReview(state: VersionState): boolean {
	return state === 'in_review';
}
