import { describe, expect, it } from 'vitest';
import type { RoleName } from '../roles';
import {
	assertMay,
	AUTHOR_DESK_ROLES,
	availableActions,
	REVIEW_ACTIONS,
	REVIEW_DESK_ROLES,
	STUDIO_TEXT_ROLES,
	VERSION_VIEW_ROLES,
	transition,
	TransitionError,
	VERSION_STATES,
	type Actor,
	type ReviewAction,
	type VersionState
} from './lifecycle';

const author: Actor = { id: 'u-author', roles: ['author'] };
const otherAuthor: Actor = { id: 'u-author-2', roles: ['author'] };
const reviewer: Actor = { id: 'u-reviewer', roles: ['reviewer'] };
const admin: Actor = { id: 'u-admin', roles: ['admin'] };
const teacher: Actor = { id: 'u-teacher', roles: ['teacher'] };
const authorReviewer: Actor = { id: 'u-author', roles: ['author', 'reviewer'] };

/** Every legal move: (state, action, actor) → next state. Anything not listed must be refused. */
const legal: Array<[VersionState, ReviewAction, Actor, VersionState]> = [
	['draft', 'submit', author, 'in_review'],
	['in_review', 'request_changes', reviewer, 'changes_requested'],
	['in_review', 'approve', reviewer, 'approved'],
	['in_review', 'reject', reviewer, 'rejected'],
	['approved', 'publish', reviewer, 'published'],
	['approved', 'publish', admin, 'published'],
	['approved', 'withdraw', reviewer, 'withdrawn'],
	['approved', 'withdraw', admin, 'withdrawn'],
	['published', 'withdraw', reviewer, 'withdrawn'],
	['published', 'withdraw', admin, 'withdrawn']
];

describe('legal transitions', () => {
	it.each(legal)('%s --%s by %o--> %s', (state, action, actor, next) => {
		expect(transition({ state, authorId: author.id }, action, actor)).toBe(next);
	});
});

describe('every other (state, action, actor) is refused with a typed error', () => {
	const actors = { author, otherAuthor, reviewer, admin, teacher };
	const cases: Array<[VersionState, ReviewAction, string, number]> = [];
	for (const state of VERSION_STATES) {
		for (const action of REVIEW_ACTIONS) {
			for (const [name, actor] of Object.entries(actors)) {
				if (legal.some(([s, a, who]) => s === state && a === action && who === actor)) continue;
				const roleOk =
					(action === 'submit' && actor.roles.includes('author')) ||
					(['request_changes', 'approve', 'reject'].includes(action) && actor.roles.includes('reviewer')) ||
					(['publish', 'withdraw'].includes(action) &&
						(actor.roles.includes('reviewer') || actor.roles.includes('admin')));
				const ownerOk = action !== 'submit' || actor.id === author.id;
				cases.push([state, action, name, roleOk && ownerOk ? 409 : 403]);
			}
		}
	}

	it.each(cases)('%s --%s by %s--> %i', (state, action, name, status) => {
		const actor = actors[name as keyof typeof actors];
		let caught: unknown;
		try {
			transition({ state, authorId: author.id }, action, actor);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(TransitionError);
		const error = caught as TransitionError;
		expect(error.status).toBe(status);
		expect(error.message).toMatch(/cannot|only|another/);
	});

	it('covers all 7 × 6 × 5 combinations', () => {
		expect(cases.length + legal.length).toBe(VERSION_STATES.length * REVIEW_ACTIONS.length * 5);
	});
});

describe('nobody reviews their own version', () => {
	it.each(['approve', 'reject', 'request_changes'] as const)(
		'%s by its author who is also a reviewer → 403',
		(action) => {
			expect(() =>
				transition({ state: 'in_review', authorId: authorReviewer.id }, action, authorReviewer)
			).toThrow(expect.objectContaining({ code: 'own-version', status: 403 }));
		}
	);
});

describe('availableActions', () => {
	it.each([
		['draft', author, ['submit']],
		['draft', otherAuthor, []],
		['in_review', reviewer, ['request_changes', 'approve', 'reject']],
		['in_review', author, []],
		['approved', reviewer, ['publish', 'withdraw']],
		['published', admin, ['withdraw']],
		['withdrawn', admin, []],
		['rejected', reviewer, []],
		['changes_requested', author, []]
	] as Array<[VersionState, Actor, ReviewAction[]]>)('%s for %o', (state, actor, actions) => {
		expect(availableActions({ state, authorId: author.id }, actor)).toEqual(actions);
	});
});

describe('review rights, decided in one place', () => {
	const version = { state: 'in_review' as const, authorId: 'awa' };
	const who = (id: string, role: RoleName) => ({ id, roles: [role] });
	const refusal = (fn: () => void) => {
		try {
			fn();
			return null;
		} catch (error) {
			return (error as TransitionError).code;
		}
	};

	it('admits to the desks the roles the transitions and acts name', () => {
		expect([...AUTHOR_DESK_ROLES]).toEqual(['author']);
		expect([...REVIEW_DESK_ROLES].sort()).toEqual(['admin', 'reviewer']);
		// Translators read the versions they started translating (issue 17), their own only.
		expect([...VERSION_VIEW_ROLES].sort()).toEqual(['admin', 'author', 'reviewer', 'translator']);
		expect([...STUDIO_TEXT_ROLES].sort()).toEqual(['author', 'translator']);
	});

	it('lets a translator read, edit and submit their own version only, and never approve it', () => {
		const own = { state: 'draft' as const, authorId: 'kadi' };
		const kadi = who('kadi', 'translator');
		expect(refusal(() => assertMay('view', own, kadi))).toBeNull();
		expect(refusal(() => assertMay('edit', own, kadi))).toBeNull();
		expect(refusal(() => transition(own, 'submit', kadi))).toBeNull();
		expect(refusal(() => assertMay('view', version, kadi))).toBe('not-your-version');
		expect(refusal(() => assertMay('edit', version, kadi))).toBe('not-your-version');
		expect(refusal(() => assertMay('translate', version, kadi))).toBeNull();
		expect(refusal(() => assertMay('translate', version, who('awa', 'author')))).toBe('role-not-allowed');
		const submitted = { state: 'in_review' as const, authorId: 'kadi' };
		expect(refusal(() => transition(submitted, 'approve', kadi))).toBe('role-not-allowed');
		// A reviewer who wrote the version (an account changed role) still cannot approve it.
		expect(refusal(() => transition(submitted, 'approve', who('kadi', 'reviewer')))).toBe('own-version');
	});

	it('lets the same people rate as approve, never the author', () => {
		expect(refusal(() => assertMay('rate', version, who('fatou', 'reviewer')))).toBeNull();
		expect(refusal(() => assertMay('rate', version, who('awa', 'reviewer')))).toBe('own-version');
		expect(refusal(() => assertMay('rate', version, who('admin', 'admin')))).toBe('role-not-allowed');
	});

	it('lets authors add versions and edit only their own, and read only their own', () => {
		expect(refusal(() => assertMay('import', null, who('awa', 'author')))).toBeNull();
		expect(refusal(() => assertMay('import', null, who('fatou', 'reviewer')))).toBe('role-not-allowed');
		expect(refusal(() => assertMay('edit', version, who('bakary', 'author')))).toBe('not-your-version');
		expect(refusal(() => assertMay('view', version, who('bakary', 'author')))).toBe('not-your-version');
		expect(refusal(() => assertMay('view', version, who('awa', 'author')))).toBeNull();
		expect(refusal(() => assertMay('view', version, who('fatou', 'reviewer')))).toBeNull();
		expect(refusal(() => assertMay('view', version, who('t', 'teacher')))).toBe('role-not-allowed');
	});
});
