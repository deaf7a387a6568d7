/**
 * Keeps the school's authority and server certificate in `<data>/tls/`: made on first start,
 * the server certificate issued again when the server's addresses change or it nears expiry.
 * Private keys are written with mode 0600 (only the server's user reads them).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createAuthority, hostsWithin, issueServerCertificate, needsRenewal } from './certificates.js';

/** File names inside `<data>/tls/`. */
export const TLS_FILES = {
	authorityCert: 'ca.crt',
	authorityKey: 'ca.key',
	serverCert: 'server.crt',
	serverKey: 'server.key'
};

/**
 * @typedef {object} ServerCredentials
 * @property {string} cert server certificate, PEM
 * @property {string} key its private key, PEM
 * @property {string} authorityCert the school's authority, PEM (what tablets install)
 * @property {boolean} createdAuthority true on the start that made a new authority
 * @property {boolean} issued true when the server certificate was (re)issued on this start
 * @property {string[]} [refused] names and addresses the authority may not vouch for, left out
 */

/** @param {string} file @param {string} text @param {boolean} secret */
function write(file, text, secret) {
	writeFileSync(file, text, { mode: secret ? 0o600 : 0o644 });
	// writeFileSync's mode applies only to a new file; an older, wider file is narrowed too.
	if (secret) chmodSync(file, 0o600);
}

/** The folder holding the certificates. @param {string} dataDir */
export function tlsDir(dataDir) {
	return path.join(dataDir, 'tls');
}

/**
 * Loads the certificates from `<dataDir>/tls/`, making what is missing or stale.
 * @param {{ dataDir: string, hosts: import('./certificates.js').Hosts, now: Date, authorityName: string }} options
 * @returns {Promise<ServerCredentials>}
 */
export async function ensureServerCredentials({ dataDir, hosts, now, authorityName }) {
	const dir = tlsDir(dataDir);
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	const file = (/** @type {keyof typeof TLS_FILES} */ name) => path.join(dir, TLS_FILES[name]);

	let createdAuthority = false;
	if (!existsSync(file('authorityCert')) || !existsSync(file('authorityKey'))) {
		const authority = await createAuthority({ name: authorityName, now, hosts });
		write(file('authorityKey'), authority.keyPem, true);
		write(file('authorityCert'), authority.certPem, false);
		createdAuthority = true;
	}
	const authority = {
		certPem: readFileSync(file('authorityCert'), 'utf8'),
		keyPem: readFileSync(file('authorityKey'), 'utf8')
	};

	let issued = false;
	const stale =
		createdAuthority ||
		!existsSync(file('serverCert')) ||
		!existsSync(file('serverKey')) ||
		(await needsRenewal({
			certPem: readFileSync(file('serverCert'), 'utf8'),
			authorityPem: authority.certPem,
			hosts,
			now
		}));
	// A name or address outside the authority's constraints (the machine was renamed, or given a
	// public address) is left out: browsers would refuse the whole certificate for it.
	const { allowed, refused } = hostsWithin(authority.certPem, hosts);
	if (stale) {
		const server = await issueServerCertificate({ authority, hosts: allowed, now });
		write(file('serverKey'), server.keyPem, true);
		write(file('serverCert'), server.certPem, false);
		issued = true;
	}
	return {
		cert: readFileSync(file('serverCert'), 'utf8'),
		key: readFileSync(file('serverKey'), 'utf8'),
		authorityCert: authority.certPem,
		createdAuthority,
		issued,
		refused
	};
}
