/**
 * The role matrix: every route in src/routes × every role (with and without a one-time password) and
 * no session, through the same guard hooks.server.ts runs. Fails when a route is missing from
 * ROUTE_ACCESS (src/lib/server/auth/access.ts): add it there with the roles it admits.
 */
import { describe, expect, it } from 'vitest';
import { decideAccess, entryFor, ROUTE_ACCESS, type Principal } from './access';
import { guard, type GuardEvent } from './guard';
import { ROLES, type RoleName } from './roles';
import { urlFor, walkRoutes, type RouteInfo } from './route-files';

function fakeEvent(route: RouteInfo | { id: string; kind: 'page' | 'endpoint' }, method: string): GuardEvent {
	const url = new URL(urlFor(route.id));
	const accept = route.kind === 'page' && method === 'GET' ? 'text/html,*/*' : 'application/json';
	return {
		url,
		route: { id: route.id },
		isDataRequest: false,
		request: new Request(url, { method, headers: { accept } })
	};
}

const principals: { name: string; principal: Principal | null }[] = [
	{ name: 'no session (student, visitor)', principal: null },
	...ROLES.flatMap((role) => [
		{ name: role, principal: { role, mustChangePassword: false } },
		{ name: `${role} with a one-time password`, principal: { role, mustChangePassword: true } }
	])
];

/**
 * The only routes a student may reach (students have no session): the library, reader, quiz, profiles
 * and their results, offline storage, comic manifests and assets, packs, health check, tablet set-up,
 * and signing in/out. A route
 * outside these that is made public fails here on purpose.
 */
const STUDENT_FACING = [
	/^\/$/,
	/^\/healthz$/,
	/^\/api\/comics(\/|$)/,
	/^\/api\/keys$/,
	// One page of the library's results as a student types (issue 19).
	/^\/api\/library$/,
	// The signed withdrawal list: tablets fetch it like the keys.
	/^\/api\/withdrawals$/,
	/^\/comics(\/|$)/,
	/^\/read(\/|$)/,
	/^\/quiz(\/|$)/,
	/^\/profiles(\/results)?$/,
	/^\/storage(\/|$)/,
	/^\/packs(\/|$)/,
	/^\/setup(\/|$)/,
	/^\/join(\/|$)/,
	/^\/api\/classroom\/(join|results)$/,
	// The live class quiz on a tablet (issue 14): the session code admits.
	/^\/live$/,
	/^\/api\/live\/(join|\[sessionId\]\/(events|state|answers))$/,
	// The interface strings translators gave for a language (issue 17): every page shows them.
	/^\/api\/translations\/\[lang\]$/,
	// The whole-page language chooser (issue 17).
	/^\/languages$/,
	// A language's name as a speaker recorded it (issue 17): the chooser plays it.
	/^\/languages\/recordings\/\[file\]$/,
	/^\/\(auth\)\/(login|logout)$/,
	// School-server sync (issue 19): no session; the school's credential admits, checked by the
	// endpoints themselves (tests/e2e/school-sync.e2e.ts: refused with 401 without it).
	/^\/api\/sync\/(versions|versions\/\[hash\]\/files\/\[file\]|withdrawals|results)$/
];

/** Route prefixes reserved to one set of roles whatever the table says. */
const RESERVED: { pattern: RegExp; roles: RoleName[] }[] = [
	{ pattern: /^\/(api\/)?admin(\/|$)/, roles: ['admin'] },
	{ pattern: /^\/(api\/)?review(\/|$)/, roles: ['reviewer', 'admin'] },
	{ pattern: /^\/(api\/)?author(?!\/\[hash\]\/texts$)(\/|$)/, roles: ['author', 'admin'] },
	// The studio's texts page: also translators, who write comic texts there (issue 17) on their own
	// versions only (the review service checks whose version it is).
	{ pattern: /^\/author\/\[hash\]\/texts$/, roles: ['author', 'admin', 'translator'] },
	// Student results: the class's teacher only, never an admin.
	{ pattern: /^\/teacher(\/|$)/, roles: ['teacher'] }
];

const routes = walkRoutes();

describe('route-access table', () => {
	it('finds the routes (sanity check of the walk)', () => {
		const ids = routes.map((r) => r.id);
		expect(ids).toEqual(expect.arrayContaining(['/', '/healthz', '/(auth)/login', '/admin']));
	});

	it.each(routes.map((r) => [r.id, r] as const))('lists %s', (id) => {
		expect(
			entryFor(id),
			`route ${id} is not in ROUTE_ACCESS (src/lib/server/auth/access.ts): add it with the roles it admits`
		).toBeDefined();
	});

	it('has no exact entry for a route that does not exist', () => {
		const ids = new Set(routes.map((r) => r.id));
		const stale = Object.keys(ROUTE_ACCESS).filter((k) => !k.endsWith('/**') && !ids.has(k));
		expect(stale).toEqual([]);
	});
});

describe.each(routes)('role matrix: $id', (route) => {
	describe.each(route.methods)('%s', (method) => {
		it.each(principals)('$name', ({ principal }) => {
			const decision = decideAccess(route.id, method, principal);
			const response = guard(fakeEvent(route, method), principal, 'en');
			expect(response === null, 'the guard lets through exactly what the table allows').toBe(
				decision.allowed
			);

			if (decision.allowed) {
				if (!principal || decision.rule === 'public') {
					expect(
						decision.rule === 'public' && STUDENT_FACING.some((p) => p.test(route.id)),
						`${route.id} is public but not a student-facing route`
					).toBe(true);
				}
				for (const reserved of RESERVED) {
					if (reserved.pattern.test(route.id)) {
						expect(principal && reserved.roles.includes(principal.role), `${route.id} reserved`).toBe(true);
					}
				}
				if (principal?.mustChangePassword) {
					expect(
						decision.rule === 'public' || ['/(auth)/password', '/(auth)/logout'].includes(route.id)
					).toBe(true);
				}
				return;
			}

			// Refused: a clear answer, never a page rendered with data.
			expect(response).not.toBeNull();
			const res = response!;
			if (route.kind === 'page' && method === 'GET' && decision.refusal !== 'unlisted') {
				expect(res.status).toBe(303);
				const location = res.headers.get('location')!;
				if (decision.refusal === 'password-change') expect(location).toMatch(/^\/password\?next=/);
				else expect(location).toMatch(new RegExp(`^/login\\?reason=${decision.refusal}&next=`));
			} else {
				expect(res.status).toBe(decision.refusal === 'sign-in' ? 401 : 403);
			}
		});
	});
});

describe('guard answers', () => {
	const page = { id: '/admin', kind: 'page' as const };
	const api = { id: '/api/admin/users', kind: 'endpoint' as const };
	const teacher: Principal = { role: 'teacher', mustChangePassword: false };

	it.each([
		['fr', 'Connectez-vous'],
		['en', 'Sign in with a staff account']
	] as const)('gives an endpoint a translated 401 JSON message (%s)', async (lang, text) => {
		const res = guard(fakeEvent(api, 'GET'), null, lang)!;
		expect(res.status).toBe(401);
		const body = await res.json();
		expect(body.code).toBe('sign-in');
		expect(body.message).toContain(text);
	});

	it('gives a signed-in person without the role a 403 on an endpoint', async () => {
		const res = guard(fakeEvent(api, 'POST'), teacher, 'en')!;
		expect(res.status).toBe(403);
		expect(await res.json()).toMatchObject({ code: 'forbidden', message: expect.stringContaining('role') });
	});

	it('sends a page visitor to the login page with the way back', () => {
		const event = fakeEvent(page, 'GET');
		event.url.search = '?tab=users';
		const res = guard(event, teacher, 'en')!;
		expect(res.headers.get('location')).toBe('/login?reason=forbidden&next=%2Fadmin%3Ftab%3Dusers');
	});

	it('redirects client-side navigations (__data.json) too', () => {
		const event = { ...fakeEvent(page, 'GET'), isDataRequest: true };
		event.request = new Request(event.url, { headers: { accept: '*/*' } });
		expect(guard(event, null, 'en')?.status).toBe(303);
	});

	it('refuses a route missing from the table to everyone, admins included', async () => {
		const unlisted = { id: '/secret-new-feature', kind: 'endpoint' as const };
		const admin: Principal = { role: 'admin', mustChangePassword: false };
		for (const who of [null, admin]) {
			const res = guard(fakeEvent(unlisted, 'GET'), who, 'en')!;
			expect(res.status).toBe(403);
			expect((await res.json()).code).toBe('unlisted');
		}
	});

	it('lets unmatched URLs (404s) through to SvelteKit', () => {
		const event = { ...fakeEvent(page, 'GET'), route: { id: null } };
		expect(guard(event, null, 'en')).toBeNull();
	});
});

describe('table lookup', () => {
	const table = {
		'/a': 'public',
		'/a/**': ['admin'],
		'/a/b/**': ['teacher'],
		'/m': { GET: 'public', POST: ['author'] }
	} as const;
	it.each([
		['/a', '/a'],
		['/a/x', '/a/**'],
		['/a/b', '/a/b/**'],
		['/a/b/c/[id]', '/a/b/**'],
		['/ab', undefined],
		['/m', '/m']
	])('%s is governed by %s', (id, key) => {
		expect(entryFor(id, table)?.key).toBe(key);
	});

	it('applies per-method rules; HEAD follows GET; unlisted methods are refused', () => {
		const author: Principal = { role: 'author', mustChangePassword: false };
		expect(decideAccess('/m', 'GET', null, table).allowed).toBe(true);
		expect(decideAccess('/m', 'HEAD', null, table).allowed).toBe(true);
		expect(decideAccess('/m', 'POST', null, table)).toEqual({ allowed: false, refusal: 'sign-in' });
		expect(decideAccess('/m', 'POST', author, table).allowed).toBe(true);
		expect(decideAccess('/m', 'DELETE', author, table)).toEqual({ allowed: false, refusal: 'forbidden' });
	});
});
