/**
 * The role matrix through the real request hook (src/hooks.server.ts) on a real SQLite database:
 * every route in src/routes × no session and a real signed-in session of every role (also with a
 * one-time password still to change). The hook must resolve exactly the requests the access table
 * admits and answer every other one itself, before any load, action or endpoint runs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decideAccess, entryFor } from '../../src/lib/server/auth/access';
import { urlFor, walkRoutes } from '../../src/lib/server/auth/route-files';
import { ROLES, type RoleName } from '../../src/lib/server/auth/roles';

const data = mkdtempSync(path.join(tmpdir(), 'kalanso-matrix-'));
const passwordsFile = path.join(data, 'passwords.json');
vi.stubEnv('KALANSO_DATA', data);
vi.stubEnv('DATABASE_URL', '');
vi.stubEnv('KALANSO_QUIET', '1');
vi.stubEnv('KALANSO_DEMO_PASSWORDS_FILE', passwordsFile);

type Hooks = typeof import('../../src/hooks.server');
let hooks: Hooks;
/** Session cookie per principal name. */
const tokens = new Map<string, string>();

function fakeCookies(token: string | undefined): Cookies {
	const jar = new Map<string, string>(token ? [['kalanso-session', token]] : []);
	return {
		get: (name: string) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string) => void jar.set(name, value),
		delete: (name: string) => void jar.delete(name),
		serialize: () => ''
	} as unknown as Cookies;
}

function event(routeId: string, kind: 'page' | 'endpoint', method: string, token?: string): RequestEvent {
	const url = new URL(urlFor(routeId));
	const accept = kind === 'page' && method === 'GET' ? 'text/html' : 'application/json';
	const headers: Record<string, string> = { accept, host: url.host };
	if (method !== 'GET') Object.assign(headers, { origin: url.origin, 'content-type': 'application/json' });
	return {
		url,
		route: { id: routeId },
		params: {},
		request: new Request(url, { method, headers }),
		cookies: fakeCookies(token),
		locals: {} as App.Locals,
		isDataRequest: false,
		isSubRequest: false,
		getClientAddress: () => '10.1.1.1',
		platform: undefined,
		fetch,
		setHeaders: () => {},
		tracing: undefined
	} as unknown as RequestEvent;
}

beforeAll(async () => {
	hooks = await import('../../src/hooks.server');
	await hooks.init!();
	const { authServices } = await import('../../src/lib/server/auth/server');
	const { auth, accounts, repos } = await authServices();
	const seeded = JSON.parse(readFileSync(passwordsFile, 'utf8')) as Record<
		RoleName,
		{ username: string; password: string }
	>;
	const adminRecord = (await repos.users.findByUsername('admin'))!;
	const admin = { ...adminRecord, mustChangePassword: false };
	for (const role of ROLES) {
		// A fresh account per role with a one-time password, and one whose password was changed.
		const { password } = await accounts.create(admin, {
			username: `fresh-${role}`,
			displayName: `Fresh ${role}`,
			role
		});
		const fresh = await auth.login(`fresh-${role}`, password, '10.9.9.9');
		if (!fresh.ok) throw new Error('sign-in failed');
		tokens.set(`${role} with a one-time password`, fresh.token);
		const { username, password: seededPassword } = seeded[role];
		const signedIn = await auth.login(username, seededPassword, '10.9.9.9');
		if (!signedIn.ok) throw new Error('sign-in failed');
		if (signedIn.user.mustChangePassword) {
			await auth.changePassword(signedIn.user.id, seededPassword, `${seededPassword}-own`, signedIn.token);
		}
		tokens.set(role, signedIn.token);
	}
}, 60_000);

afterAll(async () => {
	const { database } = await import('../../src/lib/server/db/server');
	await (await database()).close();
	vi.unstubAllEnvs();
	rmSync(data, { recursive: true, force: true });
});

const principals = [
	{ name: 'no session', role: null as RoleName | null, mustChange: false },
	...ROLES.flatMap((role) => [
		{ name: role, role, mustChange: false },
		{ name: `${role} with a one-time password`, role, mustChange: true }
	])
];

describe.each(walkRoutes())('hooks.server.ts on $id', (route) => {
	describe.each(route.methods)('%s', (method) => {
		it.each(principals)('$name', async ({ name, role, mustChange }) => {
			const e = event(route.id, route.kind, method, tokens.get(name));
			const resolve = vi.fn(async () => new Response('resolved'));
			const response = await hooks.handle({ event: e, resolve });
			expect(e.locals.user?.role ?? null).toBe(role);
			const expected = decideAccess(route.id, method, role ? { role, mustChangePassword: mustChange } : null);
			expect(resolve.mock.calls.length, `${name} ${method} ${route.id}`).toBe(expected.allowed ? 1 : 0);
			if (!expected.allowed) expect([303, 401, 403]).toContain(response.status);
		});
	});
});

describe('hooks.server.ts sessions', () => {
	it('marks what a signed-in person gets as private and not to be stored, unless the route chose', async () => {
		const signedIn = event('/admin', 'page', 'GET', tokens.get('admin'));
		const page = await hooks.handle({ event: signedIn, resolve: async () => new Response('admin page') });
		expect(page.headers.get('cache-control')).toBe('private, no-store');

		const asset = event('/comics/[slug]/[...file]', 'endpoint', 'GET', tokens.get('teacher'));
		const immutable = new Response('art', {
			headers: { 'cache-control': 'public, max-age=31536000, immutable' }
		});
		const kept = await hooks.handle({ event: asset, resolve: async () => immutable });
		expect(kept.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

		const student = event('/', 'page', 'GET');
		const library = await hooks.handle({ event: student, resolve: async () => new Response('library') });
		expect(library.headers.get('cache-control')).toBeNull();
	});

	it('treats an unknown or forged session cookie as no session, and clears it', async () => {
		const e = event('/admin', 'page', 'GET', 'forged-token');
		const resolve = vi.fn(async () => new Response('resolved'));
		const response = await hooks.handle({ event: e, resolve });
		expect(e.locals.user).toBeNull();
		expect(e.cookies.get('kalanso-session')).toBeUndefined();
		expect(response.status).toBe(303);
		expect(resolve).not.toHaveBeenCalled();
	});

	it('a background request with a session the server no longer knows does not clear the cookie', async () => {
		// A page's fetch (or its service worker's) sent with the session a password change has just
		// replaced: answered as no session, but the browser's newer cookie is left alone.
		for (const mode of ['cors', 'same-origin', 'no-cors']) {
			const e = event('/api/keys', 'endpoint', 'GET', 'replaced-token');
			const headers = new Headers(e.request.headers);
			headers.set('sec-fetch-mode', mode);
			(e as { request: Request }).request = new Request(e.url, { headers });
			await hooks.handle({ event: e, resolve: async () => new Response('{}') });
			expect(e.locals.user).toBeNull();
			expect(e.cookies.get('kalanso-session'), mode).toBe('replaced-token');
		}
		// A page load with it clears it, as above.
		const page = event('/', 'page', 'GET', 'replaced-token');
		const headers = new Headers(page.request.headers);
		headers.set('sec-fetch-mode', 'navigate');
		(page as { request: Request }).request = new Request(page.url, { headers });
		await hooks.handle({ event: page, resolve: async () => new Response('library') });
		expect(page.cookies.get('kalanso-session')).toBeUndefined();
	});

	it('refuses a cross-site form post before anything else', async () => {
		const url = new URL(urlFor('/(auth)/login'));
		const e = event('/(auth)/login', 'page', 'POST');
		(e as { request: Request }).request = new Request(url, {
			method: 'POST',
			headers: {
				origin: 'http://evil.example',
				host: url.host,
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: 'username=a&password=b'
		});
		const resolve = vi.fn(async () => new Response('resolved'));
		expect((await hooks.handle({ event: e, resolve })).status).toBe(403);
		expect(resolve).not.toHaveBeenCalled();
	});
});

describe('the audit log page', () => {
	it('is listed in the route table by itself and admits signed-in admins only', () => {
		expect(walkRoutes().map((r) => r.id)).toContain('/admin/audit');
		expect(entryFor('/admin/audit')?.key).toBe('/admin/audit');
		expect(decideAccess('/admin/audit', 'GET', null).allowed).toBe(false);
		for (const role of ROLES) {
			const decision = decideAccess('/admin/audit', 'GET', { role, mustChangePassword: false });
			expect(decision.allowed, role).toBe(role === 'admin');
		}
	});
});

describe('the national report and the audit suggestions', () => {
	it('admit reviewers only to /national and admins only to the audit filter suggestions', () => {
		const routes = walkRoutes().map((r) => r.id);
		expect(routes).toContain('/national');
		expect(routes).toContain('/api/admin/audit/choices');
		expect(entryFor('/national')?.key).toBe('/national');
		for (const [route, method] of [
			['/national', 'GET'],
			['/api/admin/audit/choices', 'GET']
		] as const) {
			expect(decideAccess(route, method, null).allowed, route).toBe(false);
			for (const role of ROLES) {
				const decision = decideAccess(route, method, { role, mustChangePassword: false });
				expect(decision.allowed, `${role} ${route}`).toBe(
					role === (route === '/national' ? 'reviewer' : 'admin')
				);
			}
		}
	});
});

describe('review rights in the route table', () => {
	it('admits to the author and reviewer pages exactly the roles the review lifecycle names', async () => {
		const { AUTHOR_DESK_ROLES, REVIEW_DESK_ROLES } = await import('../../src/lib/domain/review/lifecycle');
		for (const role of ROLES) {
			const principal = { role, mustChangePassword: false };
			expect(decideAccess('/review', 'GET', principal).allowed, role).toBe(REVIEW_DESK_ROLES.includes(role));
			expect(decideAccess('/author', 'GET', principal).allowed, role).toBe(AUTHOR_DESK_ROLES.includes(role));
		}
	});
});
