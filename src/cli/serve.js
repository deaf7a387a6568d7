// Starts the production build (adapter-node) with Kalanso's defaults; `npm start` and the e2e
// server both go through here. Every setting can still be given in the environment.
//
// On a school LAN (HOST 0.0.0.0, the default) it serves the app over https with the school's own
// certificate authority (src/lib/server/tls), because browsers allow service workers, and so
// offline start-up, only in a secure context. Plain http on PORT then serves localhost as before,
// and to tablets only the set-up page (/setup, with the authority to install) and a redirect.
// On localhost only (HOST=127.0.0.1), or with KALANSO_HTTPS=0 behind a reverse proxy, it is the
// plain adapter-node server as before.

// Authors upload comic packs of 1–3 MB (art + narration); adapter-node refuses bodies over 512 KB
// by default, which would turn every real upload into an error.
process.env.BODY_SIZE_LIMIT ??= '64M';

import compression from 'compression';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { COMMON_SECURITY_HEADERS, fallbackCsp } from '../lib/server/security-headers.js';
import { spkiSha256 } from '../lib/server/tls/certificates.js';
import {
	certificateHosts,
	httpsUrl,
	isLoopbackHostname,
	reachableAddresses,
	servedOverPlainHttp,
	tlsPlan
} from '../lib/server/tls/lan.js';
import { ensureServerCredentials, tlsDir, TLS_FILES } from '../lib/server/tls/store.js';

/**
 * The build's entry module: `index.js` starts adapter-node's own server, `handler.js` only
 * exports its request handler. KALANSO_BUILD_DIR serves another build than ./build (the update
 * test serves two in turn). A variable specifier keeps svelte-check (checkJs) from type-checking
 * the generated build.
 * @param {string} file
 */
function buildModule(file) {
	return process.env.KALANSO_BUILD_DIR
		? pathToFileURL(path.resolve(process.env.KALANSO_BUILD_DIR, file)).href
		: `../../build/${file}`;
}

/**
 * adapter-node serves the built client files (scripts, styles, fonts, the service worker) before
 * SvelteKit's hooks run, so they would go out without security headers: every server here sets
 * the headers every response needs first. SvelteKit's own responses then set theirs over these
 * (the pages' Content-Security-Policy, src/hooks.server.ts for the rest).
 * @param {http.IncomingMessage} request
 * @param {http.ServerResponse} response
 */
function setSecurityHeaders(request, response) {
	for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) response.setHeader(name, value);
	const pathname = (request.url ?? '/').split(/[?#]/)[0] ?? '/';
	response.setHeader('content-security-policy', fallbackCsp(null, pathname));
}

/**
 * Pages and JSON go out compressed (gzip, or brotli when asked): with 2,000 comics a class of 40
 * tablets shares the school's Wi-Fi (issue 19). The `compression` middleware (expressjs, the usual
 * choice for a plain node server) negotiates Accept-Encoding, sets Vary, and compresses only types
 * that gain (not WebP, Opus, MP3). Never a Range request (audio seeks answer 206 with exact byte
 * ranges) nor a live event stream (compressed output would wait in zlib's buffer). Files adapter-node
 * serves precompressed (.br/.gz of the build) already carry Content-Encoding and pass unchanged.
 */
const compress = compression({
	filter: (request, response) =>
		!request.headers.range &&
		!String(response.getHeader('content-type') ?? '').startsWith('text/event-stream') &&
		compression.filter(request, response)
});

/**
 * Every response of every server here: the security headers, then compression (which only wraps
 * the response's write and end, synchronously, before any handler writes).
 * @param {http.IncomingMessage} request
 * @param {http.ServerResponse} response
 */
function prepareResponse(request, response) {
	setSecurityHeaders(request, response);
	// The middleware's types are Express's; a plain node request and response are what it handles.
	compress(/** @type {never} */ (request), /** @type {never} */ (response), () => {});
}

/**
 * Starts adapter-node's own server (index.js). It is created by http.createServer() while
 * build/index.js loads: put a first 'request' listener on it that sets the security headers and compression.
 */
async function serveAdapterNode() {
	const createServer = http.createServer;
	/** @param {unknown[]} args */
	function createServerWithHeaders(...args) {
		/** @type {http.Server} */
		const server = Reflect.apply(createServer, http, args);
		server.prependListener('request', prepareResponse);
		return server;
	}
	http.createServer = /** @type {typeof http.createServer} */ (
		/** @type {unknown} */ (createServerWithHeaders)
	);
	try {
		await import(buildModule('index.js'));
	} finally {
		http.createServer = createServer;
	}
}

const plan = tlsPlan(process.env);

if (plan.mode === 'off') {
	// The set-up page's address for the admin's QR code: behind a reverse proxy it is ORIGIN's;
	// otherwise this plain http server's own (adapter-node would call every request https).
	if (!process.env.ORIGIN) {
		const address = reachableAddresses(process.env.HOST ?? '0.0.0.0', os.networkInterfaces())[0];
		if (address) process.env.KALANSO_SETUP_URL ??= `http://${address}:${process.env.PORT ?? 3000}/setup`;
	}
	await serveAdapterNode();
} else {
	await serveWithTls(plan);
}

/**
 * Serves https on HTTPS_PORT (default 3443) and the set-up page plus a redirect on PORT.
 * @param {import('../lib/server/tls/lan.js').TlsPlan} plan
 */
async function serveWithTls(plan) {
	const env = process.env;
	const host = env.HOST ?? '0.0.0.0';
	const port = Number(env.PORT ?? 3000);
	const httpsPort = Number(env.HTTPS_PORT ?? 3443);
	// Same default as dataDir() in src/lib/server/db/connection.ts, which this plain-node entry cannot import.
	const dataDir = path.resolve(env.KALANSO_DATA || './data');
	const hostsNow = () =>
		certificateHosts({
			hostname: os.hostname(),
			interfaces: os.networkInterfaces(),
			listenHost: host,
			extraNames: env.KALANSO_TLS_NAMES
		});

	/** @returns {Promise<{ cert: string, key: string, authorityCert?: string }>} */
	const credentials = async () =>
		plan.mode === 'provided'
			? {
					cert: readFileSync(/** @type {string} */ (plan.certFile), 'utf8'),
					key: readFileSync(/** @type {string} */ (plan.keyFile), 'utf8')
				}
			: ensureServerCredentials({
					dataDir,
					hosts: hostsNow(),
					now: new Date(),
					authorityName: `Kalanso ${os.hostname()}`
				});
	const first = await credentials();
	const refused = 'refused' in first && Array.isArray(first.refused) ? first.refused : [];
	if (refused.length) {
		console.warn(
			`[tls] the school's authority may only vouch for its own network and names; left out of the certificate: ${refused.join(', ')} (use a private address or a .local name)`
		);
	}

	// The app learns how it is reached from these (the set-up page and the admin's QR code).
	const lan = reachableAddresses(host, os.networkInterfaces());
	env.KALANSO_HTTPS_PORT = String(httpsPort);
	if (plan.mode === 'generated')
		env.KALANSO_TLS_AUTHORITY = path.join(tlsDir(dataDir), TLS_FILES.authorityCert);
	if (lan[0]) env.KALANSO_SETUP_URL ??= `http://${lan[0]}:${port}/setup`;
	// adapter-node takes the request's protocol from this header; this process sets it on every
	// request (overwriting whatever a client sent), so pages know whether they came over https.
	const protocolHeader = (env.PROTOCOL_HEADER ||= 'x-kalanso-protocol').toLowerCase();

	/** @type {{ handler: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void }} */
	const { handler } = await import(buildModule('handler.js'));
	/** @param {http.ServerResponse} res */
	const notFound = (res) => () => {
		res.statusCode = 404;
		res.end();
	};

	const secure = https.createServer({ cert: first.cert, key: first.key }, (req, res) => {
		prepareResponse(req, res);
		req.headers[protocolHeader] = 'https';
		handler(req, res, notFound(res));
	});

	const plain = http.createServer((req, res) => {
		prepareResponse(req, res);
		req.headers[protocolHeader] = 'http';
		let url;
		try {
			url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
		} catch {
			res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad Host header');
			return;
		}
		if (isLoopbackHostname(url.hostname) || servedOverPlainHttp(url.pathname)) {
			handler(req, res, notFound(res));
			return;
		}
		// 307, not 301: a browser would remember a permanent redirect even after https is turned off.
		res.writeHead(307, { location: httpsUrl(url.hostname, httpsPort, url.pathname + url.search) }).end();
	});

	await Promise.all([
		new Promise((resolve) => secure.listen({ host, port: httpsPort }, () => resolve(undefined))),
		new Promise((resolve) => plain.listen({ host, port }, () => resolve(undefined)))
	]);

	const lines = [
		`Kalanso is listening:`,
		`  on this machine:          http://localhost:${port}`,
		...lan.map((ip) => `  tablets (https):          ${httpsUrl(ip, httpsPort)}`),
		...lan.map((ip) => `  tablet set-up page:       http://${ip}:${port}/setup`)
	];
	if (first.authorityCert)
		lines.push(
			`  school certificate (CA):  ${env.KALANSO_TLS_AUTHORITY}`,
			`  its key's SHA-256 (SPKI): ${await spkiSha256(first.authorityCert)}`
		);
	console.log(lines.join('\n'));

	// The school's router may hand the server a new address while it runs: check every minute and
	// issue a certificate that covers it, without a restart.
	if (plan.mode === 'generated') {
		let covered = JSON.stringify(hostsNow());
		setInterval(async () => {
			const hosts = JSON.stringify(hostsNow());
			if (hosts === covered) return;
			try {
				const next = await credentials();
				secure.setSecureContext({ cert: next.cert, key: next.key });
				covered = hosts;
				console.log(`[tls] new addresses, certificate issued again for ${hosts}`);
			} catch (error) {
				console.error('[tls] could not issue the certificate for the new addresses', error);
			}
		}, 60_000).unref();
	}

	const shutdown = () => {
		for (const server of [secure, plain]) {
			server.closeIdleConnections();
			server.close();
		}
		setTimeout(() => process.exit(0), Number(env.SHUTDOWN_TIMEOUT ?? 30) * 1000).unref();
	};
	process.on('SIGTERM', shutdown);
	process.on('SIGINT', shutdown);
}
