import { json, type RequestEvent } from '@sveltejs/kit';
import type { UiLanguage } from '$lib/i18n';
import { decideAccess, ROUTE_ACCESS, type Access, type Principal, type Refusal } from './access';
import { serverMessage } from './messages';

/** Where the login page lives (route `/(auth)/login`). */
export const LOGIN_PATH = '/login';
export const PASSWORD_PATH = '/password';

/** What the guard needs from a request (a subset of SvelteKit's RequestEvent, easy to fake in tests). */
export type GuardEvent = Pick<RequestEvent, 'url' | 'request' | 'isDataRequest'> & {
	route: { id: string | null };
};

/** Pages are asked for HTML (or by the client router as `__data.json`); everything else gets JSON. */
function wantsPage(event: GuardEvent): boolean {
	if (event.isDataRequest) return true;
	const accept = event.request.headers.get('accept') ?? '';
	return event.request.method === 'GET' && accept.includes('text/html');
}

const STATUS: Record<Refusal, 401 | 403> = {
	'sign-in': 401,
	forbidden: 403,
	'password-change': 403,
	unlisted: 403
};

const MESSAGE_KEY: Record<Refusal, string> = {
	'sign-in': 'auth.refused.signIn',
	forbidden: 'auth.refused.forbidden',
	'password-change': 'auth.refused.passwordChange',
	unlisted: 'auth.refused.unlisted'
};

/**
 * Enforces the route-access table for one request. Returns null when the request may go on, or the
 * refusal to send: pages are redirected to the login page (with the reason and the way back) or to
 * the password page; endpoints get 401/403 JSON `{ code, message }` with a translated message.
 * Requests that match no route (404s) go on: SvelteKit answers them and there is nothing to protect.
 */
export function guard(
	event: GuardEvent,
	principal: Principal | null,
	lang: UiLanguage,
	table: Readonly<Record<string, Access>> = ROUTE_ACCESS
): Response | null {
	const routeId = event.route.id;
	if (routeId === null) return null;
	const decision = decideAccess(routeId, event.request.method, principal, table);
	if (decision.allowed) return null;
	const { refusal } = decision;
	if (refusal === 'unlisted') {
		console.warn(`[access] refused ${routeId}: not in src/lib/server/auth/access.ts (deny by default)`);
	}
	if (wantsPage(event) && refusal !== 'unlisted') {
		const back = event.url.pathname + event.url.search;
		const location =
			refusal === 'password-change'
				? `${PASSWORD_PATH}?next=${encodeURIComponent(back)}`
				: `${LOGIN_PATH}?reason=${refusal}&next=${encodeURIComponent(back)}`;
		return new Response(null, { status: 303, headers: { location } });
	}
	const message = serverMessage(lang, MESSAGE_KEY[refusal]);
	if (wantsPage(event)) {
		return new Response(message, {
			status: STATUS[refusal],
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	return json({ code: refusal, message }, { status: STATUS[refusal] });
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request check, replacing SvelteKit's built-in one (turned off in svelte.config.js).
 * Kit compares the browser's `Origin` with the URL adapter-node builds, and without an `ORIGIN`
 * setting adapter-node assumes https: every form on a school server reached over plain http at
 * whatever LAN or hotspot address would be refused. Here the `Origin`'s host must equal the `Host`
 * the browser sent, whatever the scheme, so any address of the server works and other sites do not.
 * Like Kit: form-type bodies need an `Origin`; other bodies (JSON needs a CORS preflight cross-site)
 * are refused only when their `Origin` is another site. Returns the refusal, or null.
 */
export function crossSiteRefusal(
	event: Pick<RequestEvent, 'request' | 'url'>,
	trustedOrigin: string | undefined = process.env.ORIGIN
): Response | null {
	const { request } = event;
	if (!UNSAFE_METHODS.has(request.method)) return null;
	const origin = request.headers.get('origin');
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	const isForm = FORM_TYPES.includes(type);
	if (!origin) return isForm ? forbiddenCrossSite(request.method) : null;
	let originHost: string;
	try {
		originHost = new URL(origin).host;
	} catch {
		return forbiddenCrossSite(request.method);
	}
	const host = request.headers.get('host') ?? event.url.host;
	if (originHost === host || origin === trustedOrigin) return null;
	return forbiddenCrossSite(request.method);
}

function forbiddenCrossSite(method: string): Response {
	return new Response(`Cross-site ${method} form submissions are forbidden`, {
		status: 403,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
}

/**
 * Whether the browser is talking to us over https, to mark the session cookie Secure. adapter-node's
 * `event.url` says https whenever `ORIGIN` is unset, so trust it only when configured (`ORIGIN`, or
 * `PROTOCOL_HEADER` behind a proxy); otherwise read the scheme from the sign-in form's `Origin`.
 */
export function isHttps(
	event: Pick<RequestEvent, 'request' | 'url'>,
	env: NodeJS.ProcessEnv = process.env
): boolean {
	if (env.ORIGIN) return env.ORIGIN.startsWith('https:');
	if (env.PROTOCOL_HEADER) return event.url.protocol === 'https:';
	const origin = event.request.headers.get('origin');
	if (origin) return origin.startsWith('https:');
	// Unknown: not Secure, since a school server is usually plain http and a Secure cookie would
	// never come back.
	return false;
}
