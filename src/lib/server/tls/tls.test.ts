import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	authorityPermits,
	coveredHosts,
	createAuthority,
	dnsPermitted,
	hostsWithin,
	ipInRanges,
	permittedBy,
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
		const authority = await createAuthority({ name: 'Kalanso ecole-kati', now, hosts });
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
		const authority = await createAuthority({ name: 'A', now, hosts });
		const server = await issueServerCertificate({ authority, hosts, now });
		const check = (over: Partial<Parameters<typeof needsRenewal>[0]>) =>
			needsRenewal({ certPem: server.certPem, authorityPem: authority.certPem, hosts, now, ...over });
		expect(await check({})).toBe(false);
		expect(await check({ hosts: { ...hosts, ips: ['192.168.1.42'] } })).toBe(true);
		expect(await check({ hosts: { ...hosts, dns: ['autre-nom.local'] } })).toBe(true);
		expect(await check({ now: new Date(now.getTime() + 380 * 86_400_000) })).toBe(true);
		const other = await createAuthority({ name: 'B', now, hosts });
		expect(await check({ authorityPem: other.certPem })).toBe(true);
	});

	it('constrains the authority to the school network and its own names (RFC 5280 name constraints)', async () => {
		const authority = await createAuthority({ name: 'Kalanso ecole-kati', now, hosts });
		const permitted = permittedBy(authority.certPem);
		expect(permitted).toEqual(authorityPermits(hosts));
		expect(permitted?.dns).toEqual(['local', 'localhost', 'ecole-kati']);
		expect(permitted?.ips).toEqual(expect.arrayContaining(['10.0.0.0/8', '192.168.0.0/16', 'fc00::/7']));
		// The extension is critical: a browser that cannot apply it must refuse the authority.
		const ext = new x509.X509Certificate(authority.certPem).extensions.find((e) => e.type === '2.5.29.30');
		expect(ext?.critical).toBe(true);
		expect(ipInRanges('192.168.1.10', permitted!.ips)).toBe(true);
		expect(ipInRanges('172.31.255.1', permitted!.ips)).toBe(true);
		expect(ipInRanges('172.32.0.1', permitted!.ips)).toBe(false);
		expect(ipInRanges('8.8.8.8', permitted!.ips)).toBe(false);
		expect(ipInRanges('fe80::1', permitted!.ips)).toBe(true);
		expect(ipInRanges('2001:db8::1', permitted!.ips)).toBe(false);
		expect(dnsPermitted('ecole-kati.local', permitted!.dns)).toBe(true);
		expect(dnsPermitted('minister.gouv.ml', permitted!.dns)).toBe(false);
		expect(dnsPermitted('evil-local', permitted!.dns)).toBe(false);
		// A public address the server was configured with when the authority was made is kept, alone.
		expect(authorityPermits({ dns: [], ips: ['41.73.1.2'] }).ips).toContain('41.73.1.2/32');
	});

	it.skipIf(spawnSync('openssl', ['version']).status !== 0)(
		'makes OpenSSL refuse a certificate the authority signs for a name outside the school',
		async () => {
			const authority = await createAuthority({ name: 'A', now, hosts });
			const dir = mkdtempSync(path.join(tmpdir(), 'kalanso-nc-'));
			const verify = async (leafHosts: typeof hosts) => {
				const leaf = await issueServerCertificate({ authority, hosts: leafHosts, now });
				writeFileSync(path.join(dir, 'ca.pem'), authority.certPem);
				writeFileSync(path.join(dir, 'leaf.pem'), leaf.certPem);
				const at = String(Math.floor(now.getTime() / 1000) + 3600);
				return spawnSync('openssl', ['verify', '-attime', at, '-CAfile', 'ca.pem', 'leaf.pem'], {
					cwd: dir,
					encoding: 'utf8'
				});
			};
			expect((await verify(hosts)).status).toBe(0);
			// As if the authority's key had leaked: a certificate for a bank is refused.
			const forged = await verify({ dns: ['bank.example.com'], ips: [] });
			expect(forged.status).not.toBe(0);
			expect(forged.stdout + forged.stderr).toMatch(/permitted subtree violation/);
			const publicIp = await verify({ dns: ['ecole-kati.local'], ips: ['8.8.8.8'] });
			expect(publicIp.stdout + publicIp.stderr).toMatch(/permitted subtree violation/);
		}
	);

	it('leaves a name outside the constraints out of the server certificate, and does not renew for it', async () => {
		const authority = await createAuthority({ name: 'A', now, hosts });
		const later = { dns: [...hosts.dns, 'kalanso.example.org'], ips: [...hosts.ips, '8.8.4.4'] };
		const { allowed, refused } = hostsWithin(authority.certPem, later);
		expect(allowed).toEqual(hosts);
		expect(refused).toEqual(['kalanso.example.org', '8.8.4.4']);
		const server = await issueServerCertificate({ authority, hosts: allowed, now });
		expect(
			await needsRenewal({ certPem: server.certPem, authorityPem: authority.certPem, hosts: later, now })
		).toBe(false);
	});

	it('gives the SPKI hash Chromium takes, the same as OpenSSL computes', async () => {
		const authority = await createAuthority({ name: 'A', now, hosts });
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
