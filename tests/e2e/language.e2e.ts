/**
 * The interface language on the production build: each page loads the messages of its language
 * only, and only the feature folders it uses (src/lib/i18n); the other language arrives when the
 * user switches, also with the network cut (the service worker keeps every chunk). A message a
 * page lacks would show as its key and as the i18n layer's "was not found" warning: both fail here.
 */
import { expect, test, type Page } from '@playwright/test';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';

const comicsRoot = process.env.KALANSO_COMICS ?? 'comics';
const slug = readdirSync(comicsRoot).find((d) => existsSync(path.join(comicsRoot, d, 'comic.json')))!;

/** A French and an English text the library page shows (src/lib/i18n/messages/library). */
const LIBRARY = {
	fr: 'Choisis une bande dessinée et lis-la case par case.',
	en: 'Pick a comic and read it panel by panel.'
};

/** Fails the test on any message the i18n layer could not find; returns the ones seen so far. */
function watchMissingMessages(page: Page): string[] {
	const missing: string[] = [];
	page.on('console', (message) => {
		if (message.text().includes('was not found')) missing.push(message.text());
	});
	return missing;
}

/** Bodies of the scripts the page loaded, to see which language's messages came. */
function watchScripts(page: Page): string[] {
	const bodies: string[] = [];
	page.on('response', async (response) => {
		if (response.request().resourceType() !== 'script') return;
		bodies.push(await response.text().catch(() => ''));
	});
	return bodies;
}

/** No text of the page looks like a message key ("reader.next", "offline.download.button"). */
async function expectNoRawKeys(page: Page) {
	const text = await page.locator('body').innerText();
	expect(text).not.toMatch(
		/\b(common|library|offline|auth|reader|narration|quiz|profiles|review|admin)\.[a-z]\w*/
	);
}

test('the library and the reader show every message, in French then in English', async ({ page }) => {
	const missing = watchMissingMessages(page);
	const scripts = watchScripts(page);
	await page.goto('/');
	await expect(page.getByText(LIBRARY.fr)).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await expectNoRawKeys(page);
	// Only French was loaded: no script carries the English library text.
	await page.waitForLoadState('networkidle');
	expect(scripts.some((body) => body.includes(LIBRARY.en))).toBe(false);

	await page.getByTestId('ui-language').selectOption('en');
	await expect(page.getByText(LIBRARY.en)).toBeVisible();
	await expect(page.getByRole('navigation').getByRole('link', { name: 'Who is reading?' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expectNoRawKeys(page);

	// The reader (its own folders, loaded on navigation) in English, then French again.
	await page.locator(`[data-slug="${slug}"]`).getByTestId('read-link').click();
	await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('next')).toContainText('Next');
	await expectNoRawKeys(page);
	await page.getByTestId('ui-language').selectOption('fr');
	await expect(page.getByTestId('next')).toContainText('Suivant');
	await expectNoRawKeys(page);

	// The choice is kept for the server's first render.
	await page.getByTestId('ui-language').selectOption('en');
	await expect(page.getByTestId('next')).toContainText('Next');
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByText(LIBRARY.en)).toBeVisible();
	// A route that loads every folder.
	await page.goto('/profiles');
	await expect(page.getByRole('heading', { level: 1, name: 'Who is reading?' })).toBeVisible();
	await expectNoRawKeys(page);
	expect(missing).toEqual([]);
});

test('switching the language works with the network cut', async ({ page, context }) => {
	const missing = watchMissingMessages(page);
	await page.goto('/');
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
	await context.setOffline(true);
	await page.getByTestId('ui-language').selectOption('en');
	await expect(page.getByText(LIBRARY.en)).toBeVisible();
	await expect(page.getByTestId('offline-indicator')).toBeVisible();
	await expectNoRawKeys(page);
	await page.getByTestId('ui-language').selectOption('fr');
	await expect(page.getByText(LIBRARY.fr)).toBeVisible();
	expect(missing).toEqual([]);
});
