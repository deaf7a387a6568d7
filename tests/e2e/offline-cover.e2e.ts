/**
 * A comic stored on the tablet keeps its cover in the library with the network cut, also where no
 * service worker answers `/comics/...` (a plain-http school server): the card shows the cover
 * stored with the comic (IndexedDB), not the server's URL, which would only give a broken image.
 */
import { expect, test } from '@playwright/test';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';

const port = Number(process.env.E2E_PORT ?? 4173) + 43;
const baseURL = `http://127.0.0.1:${port}`;
let server: FixtureServer | undefined;

test.use({ baseURL });

test.beforeAll(async () => {
	const root = mkdtempSync(path.join(tmpdir(), 'kalanso-cover-comics-'));
	cpSync('tests/fixtures/comics/languages.json', path.join(root, 'languages.json'));
	cpSync('tests/fixtures/comics/tiny', path.join(root, 'tiny'), { recursive: true });
	server = await startFixtureServer({ port, comics: root });
});

test.afterAll(async () => {
	await server?.kill();
});

test('offline, a stored comic’s library card shows its stored cover, decoded', async ({ browser }) => {
	// No service worker: nothing but the card itself can find the stored cover.
	const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
	await context.addCookies([{ name: 'kalanso-lang', value: 'fr', url: baseURL }]);
	// The server's cover never reaches this browser (so no HTTP or image cache can hide the bug);
	// the download fetches the stored copy through /packs/, which stays open.
	await context.route('**/comics/tiny/**', (route) => route.abort());
	const page = await context.newPage();
	await page.goto('/');
	const card = page.locator('[data-testid="comic-card"][data-slug="tiny"]');
	await card.getByTestId('download-button').click();
	await expect(card.locator('input[name="language"]').first()).toBeVisible();
	await card.getByTestId('download-start').click();
	await expect(card.getByTestId('download-ready')).toBeVisible();

	await context.setOffline(true);
	await expect(page.getByTestId('library-offline')).toBeVisible();
	const cover = page
		.getByTestId('library-on-tablet')
		.locator('[data-testid="comic-card"][data-slug="tiny"] img');
	await expect(cover).toHaveAttribute('src', /^blob:/);
	// The picture itself decoded: as wide as the stored cover file (400 px), not a broken image.
	await expect
		.poll(() => cover.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : -1)))
		.toBe(400);
	await context.close();
});

test('before the page’s scripts run, the Download button is disabled, not a button that does nothing', async ({
	browser
}) => {
	// A slow tablet shows the server's page before its scripts run: a tap on Download then did
	// nothing at all (and the comic may already be on the tablet). Without scripts it stays so.
	const noScripts = await browser.newContext({ baseURL, javaScriptEnabled: false });
	const page = await noScripts.newPage();
	await page.goto('/');
	const button = page.locator('[data-testid="comic-card"][data-slug="tiny"]').getByTestId('download-button');
	await expect(button).toBeVisible();
	await expect(button).toBeDisabled();
	await noScripts.close();

	// With its scripts, once they have read what the tablet holds, it can be tapped.
	const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
	const live = await context.newPage();
	await live.goto('/');
	await expect(
		live.locator('[data-testid="comic-card"][data-slug="tiny"]').getByTestId('download-button')
	).toBeEnabled();
	await context.close();
});
