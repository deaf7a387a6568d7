// Security headers of every response, in one place. Plain JavaScript because three different
// loaders read it: svelte.config.js (the pages' policy, applied by SvelteKit's kit.csp),
// src/hooks.server.ts (everything SvelteKit answers) and src/cli/serve.js (the static files
// adapter-node serves without going through SvelteKit).

/**
 * The pages' Content-Security-Policy, as kit.csp directives: SvelteKit adds a nonce to script-src
 * for each rendered page, so no inline script runs without it and no 'unsafe-inline' is needed.
 * - style-src keeps 'unsafe-inline': Svelte writes `style=` attributes and transitions, and style
 *   cannot run code.
 * - img-src, media-src and connect-src allow blob: and data: because the reader and the narration
 *   play art and audio stored in IndexedDB through object URLs.
 * - worker-src blob: for Pixi's image-decoding workers; the service worker is 'self'.
 * - frame-ancestors 'none': no other site may frame Kalanso (clickjacking of /admin).
 * @type {NonNullable<NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']>}
 */
export const PAGE_CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self'],
	'style-src': ['self', 'unsafe-inline'],
	'img-src': ['self', 'data:', 'blob:'],
	'media-src': ['self', 'data:', 'blob:'],
	'font-src': ['self', 'data:'],
	'connect-src': ['self', 'data:', 'blob:'],
	'worker-src': ['self', 'blob:'],
	'manifest-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	'frame-ancestors': ['none']
};

/** For data and files (JSON, art, audio, packs, errors): nothing in them may run or load anything. */
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * For scripts: a script may be started as a worker (the service worker), and a worker obeys the
 * policy its script came with, so it must still reach this site (caching the app and the packs).
 */
export const SCRIPT_CSP =
	"default-src 'self'; connect-src 'self' data: blob:; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Headers every response carries. `same-origin`, not `no-referrer`: under `no-referrer` browsers
 * send `Origin: null` with form posts, which the cross-site check (auth/guard.ts) must refuse.
 */
export const COMMON_SECURITY_HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin'
};

/**
 * The policy for a response that has none of its own (SvelteKit sets the pages' one): by its
 * content type, or by its path when the type is not known yet (static files).
 * @param {string | null} contentType
 * @param {string} pathname
 * @returns {string}
 */
export function fallbackCsp(contentType, pathname) {
	const type = (contentType ?? '').toLowerCase();
	if (type.includes('javascript') || /\.m?js$/.test(pathname)) return SCRIPT_CSP;
	return RESOURCE_CSP;
}
