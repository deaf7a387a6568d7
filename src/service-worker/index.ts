/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Kalanso's service worker: after one visit the app starts with the network cut.
 *
 * - The built app (`build`, `files`) is cached per version and served cache-first. A new version
 *   installs beside the old one and waits until the page accepts the update (sw-register.ts), and
 *   the previous version's files are kept one version longer, so an open page never mixes files.
 * - Pages: network first; offline, the copy kept from the last visit, or else a redirect to the
 *   `/storage/offline` page. A redirect, not that page's HTML under the asked URL: SvelteKit would
 *   start the asked route's code (and load its message folders) on another route's HTML, which
 *   showed raw message keys.
 * - `/comics/<slug>/...` files of a downloaded comic come from IndexedDB, with HTTP Range → 206.
 */
import { build, files, version } from '$service-worker';
import { getPacksDb } from '$lib/offline';
import { storedFileResponse } from '$lib/offline/device-source';
import { blobResponse } from '$lib/offline/range';
import { CACHE_PAGES, SKIP_WAITING } from '$lib/offline/sw-messages';

const sw = self as unknown as ServiceWorkerGlobalScope;

const APP_PREFIX = 'kalanso-app-';
const PAGES_PREFIX = 'kalanso-pages-';
const APP_CACHE = APP_PREFIX + version;
const PAGES_CACHE = PAGES_PREFIX + version;
const ASSETS = new Set([...build, ...files]);
/**
 * Pages kept at install, so the app opens offline whatever page was visited first: those that do
 * not depend on a comic ("who is reading?" and "my results" included), and the language chooser,
 * where a child who cannot read French finds their language (issue 17).
 */
const SHELL_PAGES = ['/', '/storage', '/storage/offline', '/profiles', '/profiles/results', '/languages'];
const FALLBACK_PAGE = '/storage/offline';
/** The language chooser: the recorded names it lists are kept with it (cacheRecordingsOf). */
const LANGUAGES_PAGE = '/languages';

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			await (await caches.open(APP_CACHE)).addAll([...ASSETS]);
			await cachePages(SHELL_PAGES);
			await cacheRecordingsOf(LANGUAGES_PAGE);
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			const names = await caches.keys();
			// Pages kept by the previous version move over (fetched again when possible).
			const kept = new Set<string>();
			for (const name of names.filter((n) => n.startsWith(PAGES_PREFIX) && n !== PAGES_CACHE)) {
				for (const request of await (await caches.open(name)).keys()) kept.add(request.url);
				await caches.delete(name);
			}
			await cachePages([...kept]);
			// Keep the newest previous app version for pages still open on it; drop older ones.
			const previous = names
				.filter((n) => n.startsWith(APP_PREFIX) && n !== APP_CACHE)
				.sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
			for (const name of previous.slice(1)) await caches.delete(name);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	const data = event.data as { type?: string; urls?: unknown } | null;
	if (data?.type === SKIP_WAITING) void sw.skipWaiting();
	if (data?.type === CACHE_PAGES && Array.isArray(data.urls)) {
		const urls = data.urls.filter((u): u is string => typeof u === 'string' && u.startsWith('/'));
		// The page waits for this answer before it calls the comic ready for offline use.
		const reply = event.ports[0];
		event.waitUntil(
			cachePages(urls.flatMap((u) => [u, `${u}/__data.json?x-sveltekit-invalidated=11`])).finally(() =>
				reply?.postMessage({ type: CACHE_PAGES, kept: true })
			)
		);
	}
});

/** Fetches same-origin pages (or their data) into the pages cache; ones that fail are skipped. */
async function cachePages(urls: string[]): Promise<void> {
	const cache = await caches.open(PAGES_CACHE);
	await Promise.all(
		urls.map(async (url) => {
			try {
				const response = await fetch(url, { credentials: 'same-origin' });
				if (keepable(response)) await cache.put(url, response);
			} catch (error) {
				console.warn(`Not kept for offline use: ${url}`, error);
			}
		})
	);
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	// The library's results as a student types go straight to the server: nothing to keep (the page
	// filters what the tablet holds itself when the server cannot answer), and no detour per keystroke.
	if (
		url.pathname === '/_app/version.json' ||
		url.pathname.startsWith('/packs/') ||
		url.pathname === '/api/library'
	)
		return;

	if (ASSETS.has(url.pathname)) {
		event.respondWith(fromCacheFirst(request));
		return;
	}
	const comicFile = /^\/comics\/([^/]+)\/(.+)$/.exec(url.pathname);
	// The printout (/comics/<slug>/print, its data, print.pdf) is made by the server, not a stored file.
	const printout = /^\/comics\/[^/]+\/print(\.pdf|\/__data\.json)?$/.test(url.pathname);
	if (comicFile && !printout) {
		event.respondWith(
			fromDevice(request, decodeURIComponent(comicFile[1]!), decodeURIComponent(comicFile[2]!))
		);
		return;
	}
	if (url.pathname.startsWith('/languages/recordings/')) {
		event.respondWith(recording(request));
		return;
	}
	if (request.mode === 'navigate') {
		const answered = page(request);
		event.respondWith(answered);
		// After page() has kept the fresh copy, whose recordings are the ones to keep.
		if (url.pathname === LANGUAGES_PAGE)
			event.waitUntil(answered.then(() => cacheRecordingsOf(request.url)).catch(() => undefined));
		return;
	}
	if (url.pathname.endsWith('/__data.json')) {
		event.respondWith(networkFirst(request, { keep: true, ignoreSearch: true }));
		return;
	}
	event.respondWith(networkFirst(request, { keep: false, ignoreSearch: false }));
});

/**
 * Whether a response may be kept for offline use: a success the server did not mark `no-store`
 * (signed-in staff pages are, so nothing personal stays on a shared tablet or laptop).
 */
function keepable(response: Response): boolean {
	return response.ok && !(response.headers.get('cache-control') ?? '').includes('no-store');
}

/** A cached body, honouring Range (audio seeks) with 206. */
async function cached(request: Request, options?: CacheQueryOptions): Promise<Response | undefined> {
	const response = await caches.match(request.url, options);
	if (!response || !request.headers.has('range') || response.status !== 200) return response;
	return blobResponse(await response.blob(), request);
}

async function fromCacheFirst(request: Request): Promise<Response> {
	return (await cached(request)) ?? fetch(request);
}

/**
 * A language's recorded name (issue 17): content-addressed, so the kept copy is served first, with
 * Range → 206 for the audio element. The whole file is fetched and kept the first time (a Range
 * answer, 206, cannot be cached), so /languages plays it offline from then on.
 */
async function recording(request: Request): Promise<Response> {
	const kept = await cached(request);
	if (kept) return kept;
	const response = await fetch(request.url, { credentials: 'same-origin' });
	if (!keepable(response)) return response;
	await (await caches.open(PAGES_CACHE)).put(request.url, response.clone());
	return request.headers.has('range') ? blobResponse(await response.blob(), request) : response;
}

/**
 * Keeps the recorded language names (issue 17) that the kept copy of /languages lists, so a child
 * with no network still hears them: at install, and each time the page is visited online.
 */
async function cacheRecordingsOf(pageUrl: string): Promise<void> {
	const cache = await caches.open(PAGES_CACHE);
	const kept = await cache.match(pageUrl);
	if (!kept) return;
	const urls = new Set(
		(await kept.text()).match(/\/languages\/recordings\/[0-9a-f]{64}\.(?:ogg|mp3)/g) ?? []
	);
	const missing = [];
	for (const url of urls) if (!(await cache.match(url))) missing.push(url);
	await cachePages(missing);
}

async function fromDevice(request: Request, slug: string, path: string): Promise<Response> {
	try {
		const response = await storedFileResponse(await getPacksDb(), slug, path, request);
		if (response) return response;
	} catch (error) {
		console.warn('Offline store unavailable in the service worker', error);
	}
	return fetch(request);
}

async function networkFirst(
	request: Request,
	{ keep, ignoreSearch }: { keep: boolean; ignoreSearch: boolean }
): Promise<Response> {
	try {
		const response = await fetch(request);
		if (keep && keepable(response)) await (await caches.open(PAGES_CACHE)).put(request, response.clone());
		return response;
	} catch (error) {
		const response = await cached(request, { ignoreSearch });
		if (response) return response;
		throw error;
	}
}

async function page(request: Request): Promise<Response> {
	try {
		const response = await fetch(request);
		const type = response.headers.get('content-type') ?? '';
		if (keepable(response) && type.includes('text/html'))
			await (await caches.open(PAGES_CACHE)).put(request.url, response.clone());
		return response;
	} catch (error) {
		const kept = await caches.match(request.url, { ignoreSearch: false });
		if (kept) return kept;
		const url = new URL(request.url);
		if (url.pathname !== FALLBACK_PAGE && (await caches.match(FALLBACK_PAGE)))
			return Response.redirect(new URL(FALLBACK_PAGE, url.origin).href, 302);
		throw error;
	}
}
