/**
 * The school server on a LAN (issue 15): a tablet reaches Kalanso by a LAN name, here `kalanso.lan`
 * mapped to 127.0.0.1 by Chromium's `--host-resolver-rules`. The server makes its own certificate
 * authority and certificate; the test browser trusts that certificate by its SPKI hash
 * (`--ignore-certificate-errors-spki-list`), as a tablet trusts the installed authority — it does
 * not ignore certificate errors in general. Also: the honest offline status over plain http, and
 * the page shown to browsers older than the floor.
 */
import { expect, test, chromium, type Browser, type Page } from '@playwright/test';
import { X509Certificate } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import config from '../../playwright.config';
import {
	createAuthority,
	issueServerCertificate,
	spkiSha256
} from '../../src/lib/server/tls/certificates.js';
import { chromiumExecutable } from './browser.js';
import { signInAs } from './support/accounts';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';

const LAN_NAME = 'kalanso.lan';
const defaultPort = Number(process.env.E2E_PORT ?? 4173);
const port = defaultPort + 72;
const httpsPort = defaultPort + 73;
let server: FixtureServer | undefined;
/** The LAN server's data folder, where it keeps its certificate authority (`tls/`). */
const dataDir = () => server!.dataDir;
const browsers: Browser[] = [];

test.beforeAll(async () => {
	const comics = mkdtempSync(path.join(tmpdir(), 'kalanso-lan-comics-'));
	cpSync('tests/fixtures/comics', comics, { recursive: true });
	server = await startFixtureServer({
		port,
		comics,
		env: {
			HTTPS_PORT: String(httpsPort),
			// A loopback server serves plain http unless asked: this one plays the LAN server.
			KALANSO_HTTPS: '1',
			KALANSO_TLS_NAMES: LAN_NAME
		}
	});
});

test.afterAll(async () => {
	for (const b of browsers) await b.close();
	await server?.kill();
});

/** A tablet's browser: the LAN name resolves to this machine; `trust` adds the server certificate. */
async function tablet(trust: boolean): Promise<Browser> {
	const args = [
		...(config.use?.launchOptions?.args ?? []),
		`--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`
	];
	if (trust) {
		const spki = await spkiSha256(readFileSync(path.join(dataDir(), 'tls', 'server.crt'), 'utf8'));
		args.push(`--ignore-certificate-errors-spki-list=${spki}`);
	}
	const browser = await chromium.launch({ executablePath: chromiumExecutable(), args });
	browsers.push(browser);
	return browser;
}

function card(page: Page, slug: string) {
	return page.locator(`[data-testid="comic-card"][data-slug="${slug}"]`);
}

async function downloadFrench(page: Page, slug: string): Promise<void> {
	const c = card(page, slug);
	await c.getByTestId('download-button').click();
	await expect(c.locator('input[name="language"]').first()).toBeVisible();
	for (const box of await c.locator('input[name="language"]').all())
		await box.setChecked((await box.getAttribute('value')) === 'fr');
	await c.getByTestId('download-start').click();
	await expect(c.getByTestId('download-ready')).toBeVisible();
}

test('plain http to the LAN name gives the set-up page and the school certificate, and redirects the rest', async () => {
	const page = await (await tablet(false)).newPage();
	await page.goto(`http://${LAN_NAME}:${port}/setup`);
	await expect(page).toHaveURL(`http://${LAN_NAME}:${port}/setup`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Préparer une tablette');
	// Not a secure context yet: the page says so and gives the https address.
	await expect(page.getByTestId('check-secure')).toHaveAttribute('data-state', 'missing');
	await expect(page.getByTestId('check-worker')).toHaveAttribute('data-state', 'missing');
	await expect(page.getByTestId('secure-url')).toHaveAttribute('href', `https://${LAN_NAME}:${httpsPort}/`);

	// The certificate to install: DER, with the MIME type Android's installer takes; it is the
	// authority that signed the certificate the https server presents.
	const ca = await page.evaluate(async () => {
		const response = await fetch('/setup/ca.crt');
		return {
			type: response.headers.get('content-type'),
			bytes: [...new Uint8Array(await response.arrayBuffer())]
		};
	});
	expect(ca.type).toBe('application/x-x509-ca-cert');
	const authority = new X509Certificate(Buffer.from(ca.bytes));
	const served = new X509Certificate(readFileSync(path.join(dataDir(), 'tls', 'server.crt')));
	expect(authority.ca).toBe(true);
	expect(served.checkIssued(authority) && served.verify(authority.publicKey)).toBe(true);
	expect(served.checkHost(LAN_NAME)).toBe(LAN_NAME);
	// The authority's private key is readable by the server's user only.
	const { statSync } = await import('node:fs');
	expect(statSync(path.join(dataDir(), 'tls', 'ca.key')).mode & 0o777).toBe(0o600);

	// Anything else goes to https (this browser does not trust the certificate, so it stops there).
	const response = await page.request.get(`http://127.0.0.1:${port}/read/tiny`, {
		headers: { host: `${LAN_NAME}:${port}` },
		maxRedirects: 0
	});
	expect(response.status()).toBe(307);
	expect(response.headers().location).toBe(`https://${LAN_NAME}:${httpsPort}/read/tiny`);
});

test('a tablet on https installs Kalanso, downloads a comic and reads it with the network cut', async () => {
	const context = await (await tablet(true)).newContext();
	const page = await context.newPage();
	await page.goto(`http://${LAN_NAME}:${port}/`);
	await expect(page).toHaveURL(`https://${LAN_NAME}:${httpsPort}/`);
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });

	await downloadFrench(page, 'tiny');
	// Honest: with a service worker in control, the button may say it.
	await expect(card(page, 'tiny').getByTestId('download-ready')).toContainText('Lisible sans connexion');
	await expect(card(page, 'tiny').getByTestId('offline-shell')).toHaveCount(0);

	await page.goto(`https://${LAN_NAME}:${httpsPort}/setup`);
	await expect(page.getByTestId('check-secure')).toHaveAttribute('data-state', 'ok');
	await expect(page.getByTestId('secure-here')).toBeVisible();
	await expect(page.getByTestId('check-worker')).toHaveAttribute('data-state', 'ok');
	await expect(page.getByTestId('check-keys')).toHaveAttribute('data-state', 'ok');
	// Headless Chromium never grants persistence: the page says what to do.
	await expect(page.getByTestId('check-persisted')).toHaveAttribute('data-state', 'missing');
	await expect(page.getByTestId('setup-summary')).toHaveText(
		'Il reste des points à régler sur cette tablette.'
	);

	await context.setOffline(true);
	await page.goto(`https://${LAN_NAME}:${httpsPort}/`);
	await page.reload();
	await expect(page.getByTestId('offline-indicator')).toBeVisible();
	await card(page, 'tiny').getByTestId('read-link').click();
	await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
	await context.close();
});

test('over plain http on a LAN address the tablet never claims a comic is readable offline', async () => {
	// The default e2e server serves plain http (HOST 127.0.0.1): reached by a LAN name it is the
	// http school server of before, where browsers allow no service worker.
	const page = await (await tablet(false)).newPage();
	await page.goto(`http://${LAN_NAME}:${defaultPort}/`);
	const first = page.locator('[data-testid="comic-card"]').first();
	const slug = (await first.getAttribute('data-slug'))!;
	await downloadFrench(page, slug);
	const ready = card(page, slug).getByTestId('download-ready');
	await expect(ready).toContainText('Sur la tablette');
	await expect(ready).not.toContainText('Lisible sans connexion');
	const notice = card(page, slug).getByTestId('offline-shell');
	await expect(notice).toHaveAttribute('data-state', 'insecure');
	await expect(notice).toContainText('adresse non sécurisée (http)');
	await notice.getByRole('link', { name: 'Préparer la tablette' }).click();
	await expect(page).toHaveURL(`http://${LAN_NAME}:${defaultPort}/setup`);

	await page.goto(`http://${LAN_NAME}:${defaultPort}/storage`);
	await expect(page.getByTestId('offline-shell')).toHaveAttribute('data-state', 'insecure');
});

test('a browser older than the floor gets a page that says so, not a blank screen', async () => {
	const context = await (await tablet(false)).newContext();
	// Chrome before 85 has no Promise.any, and this one plays neither Opus nor MP3.
	await context.addInitScript(() => {
		delete (Promise as { any?: unknown }).any;
		HTMLMediaElement.prototype.canPlayType = () => '';
	});
	const page = await context.newPage();
	await page.goto(`http://127.0.0.1:${defaultPort}/`);
	await expect(page).toHaveURL(/\/setup\/browser\?missing=javascript,audio$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Ce navigateur est trop ancien pour Kalanso'
	);
	await expect(page.locator('[data-feature]')).toHaveText([
		'un JavaScript récent',
		'la lecture du son (Opus ou MP3)'
	]);
	await context.close();
});

test('the admin page shows a QR code that a tablet scans to reach the set-up page', async () => {
	// The default e2e server (plain http on 127.0.0.1): its set-up page is its own http address.
	const context = await (await tablet(false)).newContext({ baseURL: `http://127.0.0.1:${defaultPort}` });
	const page = await context.newPage();
	await signInAs(page, 'admin');
	await page.goto('/admin');
	const qr = page.getByTestId('setup-qr');
	await expect(qr).toBeVisible();
	// Read the code from the pixels on screen, as a tablet's camera would.
	const png = await qr.locator('svg').screenshot();
	const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	const decoded = jsQR(new Uint8ClampedArray(data), info.width, info.height);
	expect(decoded?.data).toBe(`http://127.0.0.1:${defaultPort}/setup`);
	await expect(qr.getByRole('link')).toHaveText(`http://127.0.0.1:${defaultPort}/setup`);
	await context.close();
});

test("an admin's own certificate is served when KALANSO_TLS_CERT and KALANSO_TLS_KEY are set", async () => {
	const now = new Date();
	const hosts = { dns: ['kalanso.ecole.ml'], ips: ['127.0.0.1'] };
	const authority = await createAuthority({ name: 'Académie test', now, hosts });
	const own = await issueServerCertificate({ authority, hosts, now });
	const files = mkdtempSync(path.join(tmpdir(), 'kalanso-own-cert-'));
	writeFileSync(path.join(files, 'cert.pem'), own.certPem);
	writeFileSync(path.join(files, 'key.pem'), own.keyPem, { mode: 0o600 });
	const comics = mkdtempSync(path.join(tmpdir(), 'kalanso-own-cert-comics-'));
	cpSync('tests/fixtures/comics/languages.json', path.join(comics, 'languages.json'));
	cpSync('tests/fixtures/comics/tiny', path.join(comics, 'tiny'), { recursive: true });
	const [plainPort, securePort] = [defaultPort + 74, defaultPort + 75];
	const byo = await startFixtureServer({
		port: plainPort,
		comics,
		env: {
			HTTPS_PORT: String(securePort),
			KALANSO_TLS_CERT: path.join(files, 'cert.pem'),
			KALANSO_TLS_KEY: path.join(files, 'key.pem')
		}
	});
	try {
		// A client that trusts only the admin's authority gets the admin's certificate.
		const served = await new Promise<X509Certificate>((resolve, reject) => {
			const request = https.get(
				{
					host: '127.0.0.1',
					port: securePort,
					path: '/healthz',
					ca: authority.certPem,
					servername: 'kalanso.ecole.ml'
				},
				(response) => {
					resolve((response.socket as TLSSocket).getPeerX509Certificate()!);
					response.resume();
				}
			);
			request.on('error', reject);
		});
		expect(served.fingerprint256).toBe(new X509Certificate(own.certPem).fingerprint256);
		// No school authority of its own was made.
		expect(existsSync(path.join(byo.dataDir, 'tls'))).toBe(false);
	} finally {
		await byo.kill();
	}
});
