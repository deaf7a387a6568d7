import {
	AUTHOR_DESK_ROLES,
	REVIEW_DESK_ROLES,
	STUDIO_TEXT_ROLES,
	VERSION_VIEW_ROLES
} from '../../domain/review/lifecycle';
import type { RoleName } from './roles';

/**
 * THE route-access table: every route of the app and who may use it. Deny by default — a route that
 * is not here is refused to everyone, admins included, and the role-matrix test
 * (`access.test.ts`) fails naming it.
 *
 * Keys are SvelteKit route ids as in `src/routes` (groups included, e.g. `/(auth)/login`), or a
 * prefix ending in `/**` that covers that folder and everything under it. The most specific key
 * wins: an exact id, then the longest prefix.
 *
 * Values:
 * - `'public'`: anyone, signed in or not. Students have no accounts, so everything a student uses
 *   (library, reader, quiz, offline storage, comic assets, packs) is public.
 * - a list of roles: only signed-in staff with one of those roles.
 * - per HTTP method, e.g. `{ GET: 'public', POST: ['author'] }`: methods not listed are refused
 *   (HEAD follows GET).
 *
 * Adding a route: add one line here, next to its neighbours, with the fewest roles that need it.
 */
export const ROUTE_ACCESS: Readonly<Record<string, Access>> = {
	// Student-facing, public.
	'/': 'public',
	'/healthz': 'public',
	'/api/library': { GET: 'public' },
	'/api/comics/[slug]': 'public',
	'/api/comics/[slug]/quiz': 'public',
	// The signed version (document + approval) tablets verify offline.
	'/api/comics/[slug]/version': 'public',
	'/comics/[slug]/[...file]': 'public',
	// The printout (comic, worksheet; the answer key inside is for signed-in staff only: server/print/request.ts).
	'/comics/[slug]/print': 'public',
	'/comics/[slug]/print.pdf': 'public',
	'/read/**': 'public',
	'/quiz/**': 'public',
	// "Who is reading?" on a shared tablet: profiles live on the tablet only.
	'/profiles': 'public',
	// A student's own results, read from the tablet only.
	'/profiles/results': 'public',
	'/storage/**': 'public',
	'/packs/**': 'public',
	// Preparing a tablet (also over plain http, before it trusts the school's certificate).
	'/setup/**': 'public',
	// Joining a class on a tablet and its outbox uploading results: the class code admits.
	'/join/**': 'public',
	'/api/classroom/join': { GET: 'public' },
	'/api/classroom/results': { POST: 'public' },
	// The live class quiz on a tablet: the session's code admits; answers are idempotent POSTs.
	'/live': 'public',
	'/api/live/join': { GET: 'public', POST: 'public' },
	'/api/live/[sessionId]/events': { GET: 'public' },
	'/api/live/[sessionId]/state': { GET: 'public' },
	'/api/live/[sessionId]/answers': { POST: 'public' },

	// Signing in and out (public: the login page must be reachable without a session).
	'/(auth)/login': 'public',
	'/(auth)/logout': 'public',
	// A person's own password: every staff role.
	'/(auth)/password': ['admin', 'author', 'reviewer', 'teacher', 'translator'],

	// The teacher's classes, rosters, reports and guides: teachers only (the service also keeps each
	// class to its own teacher). Admins manage teacher accounts, not student results.
	'/teacher': ['teacher'],
	'/teacher/**': ['teacher'],

	// Administration.
	'/admin': ['admin'],
	'/admin/**': ['admin'],
	// The audit log (content decisions and account events): admins only.
	'/admin/audit': ['admin'],
	'/api/admin/**': ['admin'],

	// Review workflow. Authors work on their own comics; reviewers decide; admins may publish and
	// withdraw (the services check ownership and the lifecycle rules behind these doors).
	// The roles come from the review lifecycle, the one place that decides review rights.
	'/author/**': AUTHOR_DESK_ROLES,
	// The studio's texts page: also translators, on the translations they started (issue 17).
	'/author/[hash]/texts': STUDIO_TEXT_ROLES,
	'/review/**': REVIEW_DESK_ROLES,
	// Any version's manifest and assets (the reader's `?version=` view): its author and reviewers.
	'/api/versions/**': VERSION_VIEW_ROLES,
	// Public keys that sign approvals: tablets verify packs with them, offline.
	'/api/keys': 'public',
	// The signed list of withdrawn versions and keys: tablets delete what it names.
	'/api/withdrawals': 'public',
	// School-server sync (src/lib/server/sync): no session; each request carries the school's
	// credential, which the endpoints check (401/403 with the reason otherwise).
	'/api/sync/**': { GET: 'public', POST: 'public' },

	// The national report (issue 19): quiz results schools pushed up, totalled per school, comic,
	// objective and week, no names. For the ministry's reviewers, who judge whether comics teach
	// their objectives; not admins (they run servers and accounts, not results), not teachers (their
	// own classes' reports are under /teacher).
	'/national': ['reviewer'],

	// Interface translations (issue 17): translators write them, and reviewers too may mark another
	// person's translation reviewed (the service refuses one's own); every page may load them.
	'/translate': ['translator', 'reviewer'],
	'/translate/**': ['translator', 'reviewer'],
	'/api/translations/[lang]': { GET: 'public' },
	// The whole-page language chooser: a child picks their language there.
	'/languages': 'public',
	// A language's name as a speaker recorded it (on /translate): the chooser plays it to everyone.
	'/languages/recordings/[file]': { GET: 'public' }
};

/** Who may use a route: everyone, or signed-in staff with one of the roles. */
export type AccessRule = 'public' | readonly RoleName[];
/** HTTP methods a per-method rule can name. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Access = AccessRule | Readonly<Partial<Record<HttpMethod, AccessRule>>>;

/** The table entry that governs `routeId` (exact id first, then the longest `/**` prefix). */
export function entryFor(
	routeId: string,
	table: Readonly<Record<string, Access>> = ROUTE_ACCESS
): { key: string; access: Access } | undefined {
	const exact = table[routeId];
	if (exact !== undefined) return { key: routeId, access: exact };
	let best: { key: string; access: Access } | undefined;
	for (const [key, access] of Object.entries(table)) {
		if (!key.endsWith('/**')) continue;
		const prefix = key.slice(0, -3);
		const covers = routeId === prefix || routeId.startsWith(prefix + '/') || prefix === '';
		if (covers && (!best || key.length > best.key.length)) best = { key, access };
	}
	return best;
}

/** The rule for one request method, or undefined when the method is not admitted at all. */
export function ruleFor(access: Access, method: string): AccessRule | undefined {
	if (access === 'public' || Array.isArray(access)) return access as AccessRule;
	const perMethod = access as Partial<Record<HttpMethod, AccessRule>>;
	const m = (method === 'HEAD' ? 'GET' : method.toUpperCase()) as HttpMethod;
	return perMethod[m];
}

/** Why a request is refused. */
export type Refusal =
	/** Route missing from the table: refused to everyone. */
	| 'unlisted'
	/** No session, and the route needs one. */
	| 'sign-in'
	/** Signed in with a role the route does not admit. */
	| 'forbidden'
	/** Signed in with a one-time password that must be replaced first. */
	| 'password-change';

/** The person making a request, as the access check needs it. */
export interface Principal {
	role: RoleName;
	mustChangePassword: boolean;
}

/** Routes a person with a one-time password may still use (to replace it or leave). */
const PASSWORD_CHANGE_ROUTES = new Set(['/(auth)/password', '/(auth)/logout', '/(auth)/login']);

/**
 * Decides whether `principal` (null: no session) may use `method` on route `routeId`. Pure: the
 * request guard in hooks.server.ts and the role-matrix test both call it.
 */
export function decideAccess(
	routeId: string,
	method: string,
	principal: Principal | null,
	table: Readonly<Record<string, Access>> = ROUTE_ACCESS
): { allowed: true; rule: AccessRule } | { allowed: false; refusal: Refusal } {
	const entry = entryFor(routeId, table);
	if (!entry) return { allowed: false, refusal: 'unlisted' };
	const rule = ruleFor(entry.access, method);
	if (rule === undefined) return { allowed: false, refusal: principal ? 'forbidden' : 'sign-in' };
	if (rule === 'public') return { allowed: true, rule };
	if (!principal) return { allowed: false, refusal: 'sign-in' };
	if (!rule.includes(principal.role)) return { allowed: false, refusal: 'forbidden' };
	if (principal.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(routeId)) {
		return { allowed: false, refusal: 'password-change' };
	}
	return { allowed: true, rule };
}
