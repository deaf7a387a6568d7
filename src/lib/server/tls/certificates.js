/**
 * The school server's own certificate authority and the server certificate it signs, so tablets
 * reach Kalanso over https on a LAN with no domain name and no internet (browsers allow service
 * workers only in a secure context). Certificates are built with @peculiar/x509 on Node's
 * WebCrypto: no hand-written ASN.1.
 *
 * Plain JavaScript with JSDoc types: src/cli/serve.js runs under plain `node` and imports it.
 */
import 'reflect-metadata';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
	GeneralName,
	GeneralSubtree,
	GeneralSubtrees,
	NameConstraints,
	id_ce_nameConstraints
} from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';

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

/**
 * Where a school's authority may vouch for a server: the private address ranges of a school's
 * network, and names that only resolve on it. Tablets trust this authority for https, so if its
 * key ever leaked it must not be able to impersonate a bank or the Ministry: browsers refuse any
 * certificate it signs for another name or address (RFC 5280 name constraints, critical).
 */
export const PRIVATE_NETWORKS = [
	'10.0.0.0/8',
	'172.16.0.0/12',
	'192.168.0.0/16',
	'127.0.0.0/8',
	'169.254.0.0/16',
	'fc00::/7',
	'fe80::/10',
	'::1/128'
];

/**
 * @typedef {object} Permitted
 * @property {string[]} dns DNS names, each with its subdomains ("local" covers "ecole.local")
 * @property {string[]} ips address ranges in CIDR notation
 */

/**
 * What an authority made for `hosts` permits: `.local` names, localhost, the machine's own names
 * (single labels such as `ecole-kati`, or names given in KALANSO_TLS_NAMES), private ranges, and any
 * other address the server was configured with at that time.
 * @param {Hosts} hosts
 * @returns {Permitted}
 */
export function authorityPermits(hosts) {
	const dns = ['local', 'localhost', ...hosts.dns.map((d) => d.toLowerCase())].filter(
		(d, i, all) => all.indexOf(d) === i && (d === 'local' || !d.endsWith('.local'))
	);
	const ips = [...PRIVATE_NETWORKS];
	for (const ip of hosts.ips) {
		if (!ipInRanges(ip, ips)) ips.push(`${ip}/${isIP(ip) === 6 ? 128 : 32}`);
	}
	return { dns, ips };
}

/** @param {string} ip @returns {number[]} */
function ipBytes(ip) {
	if (isIP(ip) === 4) return ip.split('.').map(Number);
	const [head = '', tail = ''] = ip.split('::');
	const left = head ? head.split(':') : [];
	const right = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
	const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
	return groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]);
}

/**
 * Whether `ip` lies in one of `ranges` (CIDR).
 * @param {string} ip @param {readonly string[]} ranges
 */
export function ipInRanges(ip, ranges) {
	if (!isIP(ip)) return false;
	const bytes = ipBytes(ip);
	return ranges.some((range) => {
		const [base = '', bits = ''] = range.split('/');
		if (isIP(base) !== isIP(ip)) return false;
		const network = ipBytes(base);
		let left = Number(bits);
		for (let i = 0; i < bytes.length && left > 0; i++, left -= 8) {
			const mask = left >= 8 ? 0xff : (0xff << (8 - left)) & 0xff;
			if (((bytes[i] ?? 0) & mask) !== ((network[i] ?? 0) & mask)) return false;
		}
		return true;
	});
}

/**
 * Whether a DNS name is covered by a permitted name (the name itself or a subdomain of it).
 * @param {string} name @param {readonly string[]} permitted
 */
export function dnsPermitted(name, permitted) {
	const n = name.toLowerCase();
	return permitted.some((p) => n === p || n.endsWith(`.${p}`));
}

/** @param {Permitted} permitted */
function nameConstraintsExtension(permitted) {
	const subtrees = [
		...permitted.dns.map((dNSName) => new GeneralSubtree({ base: new GeneralName({ dNSName }) })),
		...permitted.ips.map((iPAddress) => new GeneralSubtree({ base: new GeneralName({ iPAddress }) }))
	];
	const value = AsnConvert.serialize(
		new NameConstraints({ permittedSubtrees: new GeneralSubtrees(subtrees) })
	);
	return new x509.Extension(id_ce_nameConstraints, true, value);
}

/**
 * The names and ranges an authority permits, read back from its certificate; null when it has no
 * name constraints (an authority made before they were added: it permits everything).
 * @param {string} authorityPem
 * @returns {Permitted | null}
 */
export function permittedBy(authorityPem) {
	const ext = new x509.X509Certificate(authorityPem).extensions.find((e) => e.type === id_ce_nameConstraints);
	if (!ext) return null;
	const constraints = AsnConvert.parse(ext.value, NameConstraints);
	const bases = (constraints.permittedSubtrees ?? []).map((t) => t.base);
	return {
		dns: bases.flatMap((b) => (b.dNSName ? [b.dNSName] : [])),
		ips: bases.flatMap((b) => (b.iPAddress ? [b.iPAddress] : []))
	};
}

/**
 * The hosts an authority may vouch for, and those it may not (left out of the server certificate:
 * a browser would refuse the whole certificate for one name outside the constraints).
 * @param {string} authorityPem @param {Hosts} hosts
 * @returns {{ allowed: Hosts, refused: string[] }}
 */
export function hostsWithin(authorityPem, hosts) {
	const permitted = permittedBy(authorityPem);
	if (!permitted) return { allowed: hosts, refused: [] };
	const dns = hosts.dns.filter((d) => dnsPermitted(d, permitted.dns));
	const ips = hosts.ips.filter((ip) => ipInRanges(ip, permitted.ips));
	const refused = [
		...hosts.dns.filter((d) => !dns.includes(d)),
		...hosts.ips.filter((ip) => !ips.includes(ip))
	];
	return { allowed: { dns, ips }, refused };
}

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
 * Creates the school's certificate authority, constrained to the school's own names and networks.
 * @param {{ name: string, now: Date, hosts: Hosts }} options `name` appears in the tablet's list of
 * certificates; `hosts` are the server's names and addresses now (see authorityPermits)
 * @returns {Promise<KeyedCertificate>}
 */
export async function createAuthority({ name, now, hosts }) {
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
			nameConstraintsExtension(authorityPermits(hosts)),
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
	// Names the authority may not vouch for are never in the certificate: they ask for no renewal.
	hosts = hostsWithin(authorityPem, hosts).allowed;
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
