import type { Handle, ServerInit } from '@sveltejs/kit';
import {
	DEFAULT_LANGUAGE,
	LANGUAGE_COOKIE,
	isUiLanguage,
	offeredLanguage,
	setOfferedLanguages
} from '$lib/i18n';
import { clearSessionCookie, SESSION_COOKIE } from '$lib/server/auth/cookies';
import { crossSiteRefusal, guard } from '$lib/server/auth/guard';
import { authServices } from '$lib/server/auth/server';
import { startPlatform } from '$lib/server/auth/startup';
import { startLive } from '$lib/server/live/server';
import { startReview } from '$lib/server/review/startup';
import { serverOfferedLanguages } from '$lib/server/translations/server';
import { startSchoolSync } from '$lib/server/sync/server';
import { COMMON_SECURITY_HEADERS, fallbackCsp } from '$lib/server/security-headers.js';

/**
 * Runs once when the server starts, before the first request: database open and migrated, first-start
 * accounts created. Features that need start-up work add it here, after the platform.
 */
export const init: ServerInit = async () => {
	await startPlatform();
	// After the platform: it needs the demo accounts to publish the sample comics as demo data.
	await startReview();
	// Question timers left open by the previous run close at their stored deadline, projector or not.
	await startLive();
	// A school server configured with the national server's address syncs on a schedule (never blocks start).
	startSchoolSync();
};

/**
 * Every request: the cross-site check (guard.ts says why it replaces SvelteKit's); the interface
 * language from the device's cookie (French by default, never from the network); the signed-in
 * person from the session cookie; then the route-access table (src/lib/server/auth/access.ts), deny
 * by default, before any load, action or endpoint runs.
 */
export const handle: Handle = async (input) => withSecurityHeaders(await handleRequest(input));

/** A page load (the browser's address bar, a link, a form), or a client that says nothing. */
function isNavigation(request: Request): boolean {
	const mode = request.headers.get('sec-fetch-mode');
	return mode === null || mode === 'navigate';
}

async function handleRequest({ event, resolve }: Parameters<Handle>[0]): Promise<Response> {
	const crossSite = crossSiteRefusal(event);
	if (crossSite) return crossSite;

	const cookie = event.cookies.get(LANGUAGE_COOKIE);
	// The interface languages are data (comics/languages.json); unreadable, the bundled ones remain.
	setOfferedLanguages(await serverOfferedLanguages().catch(() => []));
	event.locals.lang = isUiLanguage(cookie) ? cookie : DEFAULT_LANGUAGE;

	event.locals.user = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const { auth } = await authServices();
		const session = await auth.authenticate(token);
		if (session) event.locals.user = session.user;
		// Cleared by a page load only. A request the page or its service worker sent in the background
		// may carry a session that was replaced while it was on its way (a changed password starts a
		// new one): clearing then would delete the new cookie and sign the person out.
		else if (isNavigation(event.request)) clearSessionCookie(event.cookies);
	}

	const refused = guard(event, event.locals.user, event.locals.lang);
	if (refused) return refused;

	const response = await resolve(event, {
		transformPageChunk: ({ html }) =>
			html
				.replace('%lang%', event.locals.lang)
				.replace('%dir%', offeredLanguage(event.locals.lang)?.direction ?? 'ltr')
	});
	if (event.locals.user) keepPrivate(response);
	return response;
}

/**
 * nosniff, the referrer policy and, for responses that are not pages (whose policy SvelteKit sets
 * from kit.csp), a Content-Security-Policy by content type: refusals, JSON, files and packs too.
 * A response with immutable headers (a passed-on fetch()) is copied so that it gets them as well.
 */
function withSecurityHeaders(response: Response): Response {
	const wanted: [string, string][] = Object.entries(COMMON_SECURITY_HEADERS);
	if (!response.headers.has('content-security-policy')) {
		const type = response.headers.get('content-type');
		wanted.push(['content-security-policy', fallbackCsp(type, '')]);
	}
	try {
		for (const [name, value] of wanted) response.headers.set(name, value);
		return response;
	} catch (error) {
		if (!(error instanceof TypeError)) throw error;
		const copy = new Response(response.body, response);
		for (const [name, value] of wanted) copy.headers.set(name, value);
		return copy;
	}
}

/**
 * What a signed-in person sees (accounts, reviews, classes) must not stay in a shared laptop's cache
 * or be stored by a proxy after they sign out. Routes that chose their own caching keep it.
 */
function keepPrivate(response: Response): void {
	if (response.headers.has('cache-control')) return;
	try {
		response.headers.set('cache-control', 'private, no-store');
	} catch (error) {
		// An endpoint may pass on a fetch() response, whose headers are immutable: leave it as it is.
		if (!(error instanceof TypeError)) throw error;
	}
}
