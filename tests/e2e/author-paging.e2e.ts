/**
 * The author's versions a page at a time (issue 19): on a server of its own (E2E_PORT+43, so the
 * shared server's author list stays as other tests expect it), the demo author uploads 27 versions
 * of the tiny comic (each with another title) and sees 25 on the first page, the 2 oldest on the
 * second, and back.
 */
import { zipSync } from 'fflate';
import { expect, test } from '@playwright/test';
import { emptyComicsFolder, startFixtureServer, type FixtureServer } from './support/fixture-server';
import { tinyFiles } from './support/packs';

const port = Number(process.env.E2E_PORT ?? 4173) + 43;
let server: FixtureServer;

test.beforeAll(async () => {
	test.setTimeout(240_000);
	server = await startFixtureServer({ port, comics: emptyComicsFolder(), slugs: [] });
});

test.afterAll(async () => {
	await server?.kill();
});

/** The tiny comic as an upload, titled `title` in French. */
function titledPack(title: string): Buffer {
	const files = tinyFiles();
	const manifest = JSON.parse(new TextDecoder().decode(files['comic.json'])) as {
		title: Record<string, string>;
	};
	manifest.title.fr = title;
	files['comic.json'] = new TextEncoder().encode(JSON.stringify(manifest));
	return Buffer.from(zipSync(files));
}

test('an author with 27 versions sees them 25 a page, the second page holding the 2 oldest', async ({
	browser
}) => {
	test.setTimeout(600_000);
	const context = await browser.newContext({ baseURL: server.baseURL });
	await context.addCookies([{ name: 'kalanso-lang', value: 'fr', url: server.baseURL }]);
	const page = await context.newPage();
	await server.signIn(page, 'author');

	// Uploads through the form action, one after another, so each is newer than the last.
	for (let i = 1; i <= 27; i++) {
		const response = await page.request.post('/author?/upload', {
			maxRedirects: 0,
			headers: { origin: server.baseURL },
			multipart: {
				pack: { name: 'tiny.zip', mimeType: 'application/zip', buffer: titledPack(`Version numéro ${i}`) }
			}
		});
		expect([200, 303], `upload ${i}`).toContain(response.status());
	}

	await page.goto('/author');
	const rows = page.getByTestId('author-versions').locator('tr');
	await expect(rows).toHaveCount(25);
	await expect(page.getByTestId('author-version-count')).toHaveText('27 versions');
	await expect(page.getByTestId('author-pager')).toHaveText('Page 1 sur 2');
	await expect(rows.first()).toContainText('Version numéro 27');

	await page.getByRole('link', { name: 'Suivantes →' }).click();
	await expect(page).toHaveURL(/\?page=2$/);
	await expect(page.getByTestId('author-pager')).toHaveText('Page 2 sur 2');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0)).toContainText('Version numéro 2');
	await expect(rows.nth(1)).toContainText('Version numéro 1');
	await expect(page.getByRole('link', { name: 'Suivantes →' })).toHaveCount(0);

	await page.getByRole('link', { name: '← Précédentes' }).click();
	await expect(page.getByTestId('author-pager')).toHaveText('Page 1 sur 2');
	await expect(rows).toHaveCount(25);
	await context.close();
});
