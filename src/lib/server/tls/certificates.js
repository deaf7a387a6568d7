/**
 * The school server's own certificate authority and the server certificate it signs, so tablets
 * reach Kalanso over https on a LAN with no domain name and no internet (browsers allow service
 * workers only in a secure context). Certificates are built with @peculiar/x509 on Node's
 * WebCrypto: no hand-written ASN.1.
 *
 * Plain JavaScript with JSDoc types: src/cli/serve.js runs under plain `node` and imports it.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(/** @type {Crypto} */ (/** @type {unknown} */ (webcrypto)));

/** ECDSA P-256: every browser since Android 5 verifies it, and keys are made in milliseconds. */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY_MS = 24 * 60 * 60 * 1000;
/** The authority lives as long as a tablet fleet; a teacher installs it once per tablet. */
export const AUTHORITY_DAYS = 10 * 365;
/** 397 days: the longest server certificate browsers accept, even from a CA a user installed. */
export const SERVER_DAYS = 397;

/**
 * @typedef {object} KeyedCertificate
 * @property {string} certPem certificate, PEM
 * @property {string} keyPem its private key, PKCS#8 PEM
 */

/**
 * @typedef {object} Hosts
 * @property {string[]} dns host names (e.g. the machine's name and `<name>.local`)
 * @property {string[]} ips IPv4 / IPv6 addresses
 */

/** @param {CryptoKey} key */
async function keyPem(key) {
	const der = await webcrypto.subtle.exportKey('pkcs8', key);
	return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

/** @param {string} pem */
async function importKey(pem) {
	const [der] = x509.PemConverter.decode(pem);
	if (!der) throw new Error('The private key file holds no PEM key.');
	return webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, false, ['sign']);
}

/** A positive serial number of 16 random bytes (RFC 5280 §4.1.2.2). */
function serialNumber() {
	const bytes = webcrypto.getRandomValues(new Uint8Array(16));
	bytes[0] = (bytes[0] ?? 0) & 0x7f;
	return Buffer.from(bytes).toString('hex');
}

/**
 * Creates the school's certificate authority.
 * @param {{ name: string, now: Date }} options `name` appears in the tablet's list of certificates
 * @returns {Promise<KeyedCertificate>}
 */
export async function createAuthority({ name, now }) {
	const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
	const cert = await x509.X509CertificateGenerator.createSelfSigned({
		serialNumber: serialNumber(),
		name: [{ CN: [name] }, { O: ['Kalanso'] }],
		notBefore: new Date(now.getTime() - DAY_MS),
		notAfter: new Date(now.getTime() + AUTHORITY_DAYS * DAY_MS),
		keys,
		signingAlgorithm: ALGORITHM,
		extensions: [
			// pathLen 0: it signs server certificates only, never another authority.
			new x509.BasicConstraintsExtension(true, 0, true),
			new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
			await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)
		]
	});
	return { certPem: cert.toString('pem'), keyPem: await keyPem(keys.privateKey) };
}

/**
 * Issues a server certificate for `hosts`, signed by `authority`.
 * @param {{ authority: KeyedCertificate, hosts: Hosts, now: Date }} options
 * @returns {Promise<KeyedCertificate>}
 */
export async function issueServerCertificate({ authority, hosts, now }) {
	const caCert = new x509.X509Certificate(authority.certPem);
	const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
	const names = [
		...hosts.dns.map((value) => ({ type: /** @type {const} */ ('dns'), value })),
		...hosts.ips.map((value) => ({ type: /** @type {const} */ ('ip'), value }))
	];
	const cert = await x509.X509CertificateGenerator.create({
		serialNumber: serialNumber(),
		subject: [{ CN: [hosts.dns[0] ?? hosts.ips[0] ?? 'kalanso'] }, { O: ['Kalanso'] }],
		issuer: caCert.subject,
		notBefore: new Date(now.getTime() - DAY_MS),
		notAfter: new Date(now.getTime() + SERVER_DAYS * DAY_MS),
		publicKey: keys.publicKey,
		signingKey: await importKey(authority.keyPem),
		signingAlgorithm: ALGORITHM,
		extensions: [
			new x509.BasicConstraintsExtension(false, undefined, true),
			new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
			new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
			new x509.SubjectAlternativeNameExtension(names),
			await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
			await x509.AuthorityKeyIdentifierExtension.create(caCert)
		]
	});
	return { certPem: cert.toString('pem'), keyPem: await keyPem(keys.privateKey) };
}

/**
 * The names and addresses a certificate covers (its subject alternative names).
 * @param {string} certPem
 * @returns {Hosts}
 */
export function coveredHosts(certPem) {
	const cert = new x509.X509Certificate(certPem);
	const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
	const items = san?.names.items ?? [];
	return {
		dns: items.filter((n) => n.type === 'dns').map((n) => n.value),
		ips: items.filter((n) => n.type === 'ip').map((n) => n.value)
	};
}

/**
 * True when the server certificate must be issued again: it no longer covers every name and
 * address the server answers on (the school's router gave it a new address), it expires within
 * 30 days, or it was not signed by this authority.
 * @param {{ certPem: string, authorityPem: string, hosts: Hosts, now: Date }} options
 */
export async function needsRenewal({ certPem, authorityPem, hosts, now }) {
	const cert = new x509.X509Certificate(certPem);
	const authority = new x509.X509Certificate(authorityPem);
	if (cert.notAfter.getTime() - now.getTime() < 30 * DAY_MS) return true;
	if (!(await cert.verify({ publicKey: authority.publicKey, signatureOnly: true }))) return true;
	const covered = coveredHosts(certPem);
	const lower = (/** @type {string[]} */ list) => new Set(list.map((s) => s.toLowerCase()));
	const dns = lower(covered.dns);
	const ips = lower(covered.ips);
	return (
		hosts.dns.some((d) => !dns.has(d.toLowerCase())) || hosts.ips.some((ip) => !ips.has(ip.toLowerCase()))
	);
}

/**
 * The base64 SHA-256 of a certificate's public key (SPKI): what a teacher can compare, and what
 * Chromium's `--ignore-certificate-errors-spki-list` takes.
 * @param {string} certPem
 */
export async function spkiSha256(certPem) {
	const cert = new x509.X509Certificate(certPem);
	const digest = await webcrypto.subtle.digest('SHA-256', cert.publicKey.rawData);
	return Buffer.from(digest).toString('base64');
}

/**
 * A certificate in DER (binary), the form Android's certificate installer takes.
 * @param {string} certPem
 */
export function certificateDer(certPem) {
	return Buffer.from(new x509.X509Certificate(certPem).rawData);
}
