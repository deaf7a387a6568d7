// Starts the production build (adapter-node) with Kalanso's defaults; `npm start` and the e2e
// server both go through here. Every setting can still be given in the environment.

// Authors upload comic packs of 1–3 MB (art + narration); adapter-node refuses bodies over 512 KB
// by default, which would turn every real upload into an error.
process.env.BODY_SIZE_LIMIT ??= '64M';

import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { COMMON_SECURITY_HEADERS, fallbackCsp } from '../lib/server/security-headers.js';

// KALANSO_BUILD_DIR serves another build than ./build (the update test serves two in turn).
// A variable specifier keeps svelte-check (checkJs) from type-checking the generated build.
const entry = process.env.KALANSO_BUILD_DIR
	? pathToFileURL(path.resolve(process.env.KALANSO_BUILD_DIR, 'index.js')).href
	: '../../build/index.js';

// adapter-node serves the built client files (scripts, styles, fonts, the service worker) before
// SvelteKit's hooks run, so they would go out without security headers. Its server is created by
// http.createServer() while build/index.js loads: put a first 'request' listener on it that sets
// the headers every response needs. SvelteKit's own responses then set theirs over these (the
// pages' Content-Security-Policy, src/hooks.server.ts for the rest).
const createServer = http.createServer;
/** @param {unknown[]} args */
function createServerWithHeaders(...args) {
	/** @type {http.Server} */
	const server = Reflect.apply(createServer, http, args);
	server.prependListener('request', (request, response) => {
		for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) response.setHeader(name, value);
		const pathname = (request.url ?? '/').split(/[?#]/)[0] ?? '/';
		response.setHeader('content-security-policy', fallbackCsp(null, pathname));
	});
	return server;
}
http.createServer = /** @type {typeof http.createServer} */ (
	/** @type {unknown} */ (createServerWithHeaders)
);
try {
	await import(entry);
} finally {
	http.createServer = createServer;
}
