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
 */

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

/** Account roles (platform owns accounts; the names are shared). */
export type Role = 'admin' | 'author' | 'reviewer' | 'teacher';

/** Who is acting, as far as the lifecycle cares. */
export interface Actor {
	id: string;
	roles: readonly Role[];
}

/** The facts about a version the lifecycle needs. */
export interface VersionFacts {
	state: VersionState;
	/** The account that created (uploaded or imported) the version. */
	authorId: string;
}

interface Rule {
	from: readonly VersionState[];
	to: VersionState;
	roles: readonly Role[];
	/** Only the version's own author may do it. */
	ownerOnly?: boolean;
	/** The version's own author may NOT do it (no one reviews their own work). */
	notOwner?: boolean;
}

/** The transition table: the single source for the service, the UI buttons and the tests. */
export const TRANSITIONS: Readonly<Record<ReviewAction, Rule>> = {
	submit: { from: ['draft'], to: 'in_review', roles: ['author'], ownerOnly: true },
	request_changes: { from: ['in_review'], to: 'changes_requested', roles: ['reviewer'], notOwner: true },
	approve: { from: ['in_review'], to: 'approved', roles: ['reviewer'], notOwner: true },
	reject: { from: ['in_review'], to: 'rejected', roles: ['reviewer'], notOwner: true },
	publish: { from: ['approved'], to: 'published', roles: ['reviewer', 'admin'] },
	withdraw: { from: ['approved', 'published'], to: 'withdrawn', roles: ['reviewer', 'admin'] }
};

export type TransitionErrorCode =
	'role-not-allowed' | 'not-your-version' | 'own-version' | 'illegal-transition' | 'not-approvable';

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

/** The state after `action`, or a TransitionError saying why not. Does not check content (see approval.ts). */
export function transition(version: VersionFacts, action: ReviewAction, actor: Actor): VersionState {
	const rule = TRANSITIONS[action];
	if (!rule.roles.some((r) => actor.roles.includes(r))) {
		throw new TransitionError(
			'forbidden',
			'role-not-allowed',
			`only ${rule.roles.join(' or ')} accounts may ${action.replace('_', ' ')} a version`,
			{ action, roles: rule.roles.join(', ') }
		);
	}
	if (rule.ownerOnly && version.authorId !== actor.id) {
		throw new TransitionError(
			'forbidden',
			'not-your-version',
			`only the author of this version may ${action} it`,
			{
				action
			}
		);
	}
	if (rule.notOwner && version.authorId === actor.id) {
		throw new TransitionError(
			'forbidden',
			'own-version',
			`you authored this version, so another reviewer must ${action.replace('_', ' ')} it`,
			{ action }
		);
	}
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
