import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	coveredHosts,
	createAuthority,
	issueServerCertificate,
	needsRenewal,
	spkiSha256
} from './certificates.js';
import { certificateHosts, httpsUrl, isLoopbackHostname, servedOverPlainHttp, tlsPlan } from './lan.js';
import { ensureServerCredentials } from './store.js';

const now = new Date('2026-12-06T08:00:00Z');
const hosts = { dns: ['ecole-kati', 'ecole-kati.local'], ips: ['192.168.1.10'] };

describe('school certificate authority', () => {
	it('signs a server certificate that Node (OpenSSL) accepts for the LAN names and addresses', async () => {
		const authority = await createAuthority({ name: 'Kalanso ecole-kati', now });
		const server = await issueServerCertificate({ authority, hosts, now });
		const ca = new X509Certificate(authority.certPem);
		const cert = new X509Certificate(server.certPem);
		expect(ca.ca).toBe(true);
		expect(cert.ca).toBe(false);
		expect(cert.verify(ca.publicKey)).toBe(true);
		expect(cert.checkIssued(ca)).toBe(true);
		expect(cert.checkIP('192.168.1.10')).toBe('192.168.1.10');
		expect(cert.checkIP('192.168.1.11')).toBeUndefined();
		expect(cert.checkHost('ecole-kati.local')).toBe('ecole-kati.local');
		expect(cert.checkHost('example.org')).toBeUndefined();
		expect(coveredHosts(server.certPem)).toEqual(hosts);
		// Under the 398 days browsers accept for a server certificate.
		const days = (Date.parse(cert.validTo) - now.getTime()) / 86_400_000;
		expect(days).toBeGreaterThan(390);
		expect(days).toBeLessThan(398);
	});

	it('asks for a new certificate when an address changes, on a new authority or near expiry', async () => {
		const authority = await createAuthority({ name: 'A', now });
		const server = await issueServerCertificate({ authority, hosts, now });
		const check = (over: Partial<Parameters<typeof needsRenewal>[0]>) =>
			needsRenewal({ certPem: server.certPem, authorityPem: authority.certPem, hosts, now, ...over });
		expect(await check({})).toBe(false);
		expect(await check({ hosts: { ...hosts, ips: ['192.168.1.42'] } })).toBe(true);
		expect(await check({ hosts: { ...hosts, dns: ['autre-nom'] } })).toBe(true);
		expect(await check({ now: new Date(now.getTime() + 380 * 86_400_000) })).toBe(true);
		const other = await createAuthority({ name: 'B', now });
		expect(await check({ authorityPem: other.certPem })).toBe(true);
	});

	it('gives the SPKI hash Chromium takes, the same as OpenSSL computes', async () => {
		const authority = await createAuthority({ name: 'A', now });
		const spki = new X509Certificate(authority.certPem).publicKey.export({ type: 'spki', format: 'der' });
		const { createHash } = await import('node:crypto');
		expect(await spkiSha256(authority.certPem)).toBe(createHash('sha256').update(spki).digest('base64'));
	});
});

describe('certificates in the data folder', () => {
	it('creates the authority once with private keys readable by the owner only, and renews on a new address', async () => {
		const dataDir = mkdtempSync(path.join(tmpdir(), 'kalanso-tls-'));
		const first = await ensureServerCredentials({ dataDir, hosts, now, authorityName: 'A' });
		expect(first.createdAuthority).toBe(true);
		for (const key of ['ca.key', 'server.key'])
			expect(statSync(path.join(dataDir, 'tls', key)).mode & 0o777).toBe(0o600);

		const again = await ensureServerCredentials({ dataDir, hosts, now, authorityName: 'A' });
		expect(again).toMatchObject({ createdAuthority: false, issued: false, cert: first.cert });

		const moved = { ...hosts, ips: ['10.0.0.5'] };
		const renewed = await ensureServerCredentials({ dataDir, hosts: moved, now, authorityName: 'A' });
		expect(renewed).toMatchObject({
			createdAuthority: false,
			issued: true,
			authorityCert: first.authorityCert
		});
		expect(new X509Certificate(renewed.cert).checkIP('10.0.0.5')).toBe('10.0.0.5');
		expect(readFileSync(path.join(dataDir, 'tls', 'server.crt'), 'utf8')).toBe(renewed.cert);
	});
});

describe('LAN plan', () => {
	it('serves https on the LAN, plain http on localhost, the admin’s files when given', () => {
		expect(tlsPlan({}).mode).toBe('generated');
		expect(tlsPlan({ HOST: '0.0.0.0' }).mode).toBe('generated');
		expect(tlsPlan({ HOST: '127.0.0.1' }).mode).toBe('off');
		expect(tlsPlan({ HOST: 'localhost' }).mode).toBe('off');
		expect(tlsPlan({ HOST: '127.0.0.1', KALANSO_HTTPS: '1' }).mode).toBe('generated');
		expect(tlsPlan({ KALANSO_HTTPS: '0' }).mode).toBe('off');
		expect(tlsPlan({ KALANSO_TLS_CERT: 'c.pem', KALANSO_TLS_KEY: 'k.pem' })).toEqual({
			mode: 'provided',
			certFile: 'c.pem',
			keyFile: 'k.pem'
		});
		expect(() => tlsPlan({ KALANSO_TLS_CERT: 'c.pem' })).toThrow(/KALANSO_TLS_KEY/);
	});

	it('covers the machine name, extra names and every LAN address', () => {
		const interfaces = {
			lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
			wlan0: [
				{ address: '192.168.1.10', family: 'IPv4', internal: false },
				{ address: 'fe80::1', family: 'IPv6', internal: false }
			],
			eth0: [{ address: '10.0.0.2', family: 'IPv4', internal: false }]
		} as unknown as Parameters<typeof certificateHosts>[0]['interfaces'];
		expect(
			certificateHosts({
				hostname: 'Ecole-Kati',
				interfaces,
				listenHost: '0.0.0.0',
				extraNames: 'kalanso.lan'
			})
		).toEqual({
			dns: ['kalanso.lan', 'ecole-kati', 'ecole-kati.local', 'localhost'],
			ips: ['192.168.1.10', '10.0.0.2', '127.0.0.1']
		});
		expect(certificateHosts({ hostname: 'x', interfaces, listenHost: '192.168.1.10' }).ips).toEqual([
			'192.168.1.10'
		]);
	});

	it('keeps plain http for the set-up page only, and builds the https address', () => {
		expect(servedOverPlainHttp('/setup')).toBe(true);
		expect(servedOverPlainHttp('/setup/ca.crt')).toBe(true);
		expect(servedOverPlainHttp('/_app/immutable/entry/start.js')).toBe(true);
		expect(servedOverPlainHttp('/')).toBe(false);
		expect(servedOverPlainHttp('/read/eau')).toBe(false);
		expect(servedOverPlainHttp('/setupx')).toBe(false);
		expect(isLoopbackHostname('localhost')).toBe(true);
		expect(isLoopbackHostname('127.0.0.1')).toBe(true);
		expect(isLoopbackHostname('[::1]')).toBe(true);
		expect(isLoopbackHostname('192.168.1.10')).toBe(false);
		expect(httpsUrl('192.168.1.10', 3443, '/read/eau?p=2')).toBe('https://192.168.1.10:3443/read/eau?p=2');
		expect(httpsUrl('kalanso.lan', 443)).toBe('https://kalanso.lan/');
	});
});
