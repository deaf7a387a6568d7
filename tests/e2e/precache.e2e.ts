/**
 * Issue 21 (JS budgets): the library and the reader load much of their code on demand (the Pixi
 * renderer chosen at run time, howler after the first panel, the messages of a language, the
 * download manager). A chunk loaded on demand that the service worker did not keep breaks the app
 * offline, at the moment it is needed. So: every JavaScript file of the build is in the service
 * worker's app cache once it controls the page, and so is every script the library and the reader
 * (both renderers) really loaded. Runs against the production build (`npm run build`).
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const comicsRoot = path.resolve(process.env.KALANSO_COMICS ?? 'comics');
const slug = readdirSync(comicsRoot, { withFileTypes: true })
	.filter((e) => e.isDirectory() && existsSync(path.join(comicsRoot, e.name, 'comic.json')))
	.map((e) => e.name)
	.sort()[0]!;

const IMMUTABLE = path.resolve('build/client/_app/immutable');

/** Every JavaScript file of the client build, as a path on the site (`/_app/immutable/...`). */
function builtScripts(): string[] {
	const found: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name.endsWith('.js'))
				found.push('/_app/immutable/' + path.relative(IMMUTABLE, full).split(path.sep).join('/'));
		}
	};
	walk(IMMUTABLE);
	return found;
}

/** The paths in the service worker's app cache (`kalanso-app-<version>`, src/service-worker). */
async function appCache(page: Page): Promise<Set<string>> {
	const paths = await page.evaluate(async () => {
		const names = (await caches.keys()).filter((n) => n.startsWith('kalanso-app-'));
		const urls: string[] = [];
		for (const name of names)
			for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
		return urls;
	});
	return new Set(paths);
}

test('every script of the build, and every one the library and the reader load, is precached', async ({
	page
}) => {
	const loaded = new Set<string>();
	page.on('requestfinished', (request) => {
		const url = new URL(request.url());
		if (request.resourceType() === 'script' && url.pathname.startsWith('/_app/')) loaded.add(url.pathname);
	});

	await page.goto('/');
	await page.locator('[data-testid="comic-card"]').first().waitFor();
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
	await page.waitForLoadState('networkidle');
	const library = new Set(loaded);

	for (const renderer of ['webgl', 'canvas']) {
		await page.goto(`/read/${slug}?renderer=${renderer}`);
		await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
		await page.waitForLoadState('networkidle');
	}
	// The reader loaded code of its own on demand (Pixi, a renderer): the check below is not empty.
	expect([...loaded].filter((p) => !library.has(p)).length).toBeGreaterThan(2);

	const cached = await appCache(page);
	const built = builtScripts();
	expect(built.length).toBeGreaterThan(20);
	expect(
		built.filter((p) => !cached.has(p)),
		'built scripts missing from the precache'
	).toEqual([]);
	expect(
		[...loaded].filter((p) => !cached.has(p)),
		'loaded scripts missing from the precache'
	).toEqual([]);
});
