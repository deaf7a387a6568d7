/**
 * What the set-up page and the QR codes that lead to it need to know about how this server is
 * reached. src/cli/serve.js puts it in the environment when it serves https (KALANSO_HTTPS_PORT,
 * KALANSO_SETUP_URL, KALANSO_TLS_AUTHORITY); without them (plain http on localhost, a reverse
 * proxy, `vite dev`) the request's own address is used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { qrPath } from '../../components/classroom/qr';
import { certificateDer } from './certificates.js';
import { httpsUrl } from './lan.js';

/**
 * How this server does https: `generated` with the school's own authority (tablets install it),
 * `provided` with the admin's certificate, `none` when it serves plain http (localhost, or behind a
 * reverse proxy that does https).
 */
export function tlsMode(env: NodeJS.ProcessEnv = process.env): 'generated' | 'provided' | 'none' {
	if (env.KALANSO_TLS_AUTHORITY) return 'generated';
	return env.KALANSO_HTTPS_PORT ? 'provided' : 'none';
}

/**
 * The https address tablets open: this same host on the https port when this server serves https,
 * else ORIGIN when it is an https address (reverse proxy), else null (unknown).
 */
export function secureAddress(url: URL, env: NodeJS.ProcessEnv = process.env): string | null {
	const port = Number(env.KALANSO_HTTPS_PORT);
	if (port) return httpsUrl(url.hostname, port);
	return env.ORIGIN?.startsWith('https:') ? new URL('/', env.ORIGIN).href : null;
}

/** The school authority's certificate in DER, the form Android installs; null when there is none. */
export function authorityDer(env: NodeJS.ProcessEnv = process.env): Buffer | null {
	const file = env.KALANSO_TLS_AUTHORITY;
	if (!file || !existsSync(file)) return null;
	return certificateDer(readFileSync(file, 'utf8'));
}

/** A QR code as one SVG path, drawn in a square of `size` modules (quiet zone included). */
export interface QrCode {
	url: string;
	size: number;
	path: string;
}

/**
 * The QR code of the set-up page's address a tablet can open: the server's LAN address over
 * plain http (the tablet does not trust the school's certificate yet), not `localhost`; behind a
 * reverse proxy, ORIGIN's.
 */
export function setupQr(url: URL, env: NodeJS.ProcessEnv = process.env): QrCode {
	const target = env.KALANSO_SETUP_URL || new URL('/setup', env.ORIGIN || url).href;
	// The same QR encoder as the class join codes (one library for every QR code Kalanso draws).
	const { size, d } = qrPath(target, 2);
	return { url: target, size, path: d };
}
