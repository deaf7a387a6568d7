/**
 * Issue 19: the library with more comics than one page. Search by words (accent- and
 * case-insensitive), filters that combine, all in the URL (a shared link shows the same list), one
 * page of results at a time, lazy covers, compressed pages; and offline, the same search over the
 * comics stored on the tablet. Runs on a server of its own with a generated catalog of 27 comics
 * (bench/lib/catalog.ts: the samples cloned under new titles).
 */
import { expect, test, type Page, type Route } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateCatalog } from '../../bench/lib/catalog';
import { foldText } from '../../src/lib/domain/library-search';

const port = Number(process.env.E2E_PORT ?? 4173) + 61;
const baseURL = `http://127.0.0.1:${port}`;
const COMICS = 27;
let server: ChildProcess;

test.use({ baseURL });
test.describe.configure({ timeout: 240_000 });

test.beforeAll(async () => {
	test.setTimeout(600_000);
	const catalog = await generateCatalog(COMICS);
	server = spawn('node', ['tests/e2e/serve.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			KALANSO_COMICS: catalog.root,
			KALANSO_KNOWN_SAMPLES_FILE: catalog.knownFile,
			KALANSO_DATA: mkdtempSync(path.join(tmpdir(), 'kalanso-library-data-'))
		},
		stdio: 'inherit'
	});
	await expect
		.poll(async () => (await fetch(`${baseURL}/healthz`).catch(() => null))?.status ?? 0, {
			timeout: 540_000,
			intervals: [1000]
		})
		.toBe(200);
});

test.afterAll(() => {
	server?.kill();
});

const searchBox = (page: Page) => page.getByTestId('library-search');
const cards = (page: Page) => page.getByTestId('library-results').getByTestId('comic-card');

async function open(page: Page, url: string) {
	await page.goto(url);
	await expect(page.getByTestId('library-filters')).toHaveAttribute('data-ready', 'true');
}

/** The folded text of every card shown (new results show the first cards, then the rest). */
async function shownTexts(page: Page): Promise<string[]> {
	await expect(page.getByTestId('library-results')).toHaveAttribute('aria-busy', 'false');
	return (await cards(page).allInnerTexts()).map(foldText);
}

test('search and filters live in the URL, find words without accents, and page through results', async ({
	page
}) => {
	await open(page, '/');
	await expect(page.getByTestId('library-count')).toHaveText(`${COMICS} bandes dessinées`);
	await expect(cards(page)).toHaveCount(24);
	await expect(page.getByTestId('page-of')).toHaveText('Page 1 sur 2');
	// Covers load lazily: the browser fetches those near the screen only.
	expect(await cards(page).locator('img[loading="lazy"]').count()).toBe(24);
	await page.getByTestId('page-next').click();
	await expect(page).toHaveURL(`${baseURL}/?page=2`);
	await expect(cards(page)).toHaveCount(COMICS - 24);

	// "ecole", typed without accent, finds "L'École …" titles; every card shown has the word.
	await open(page, '/');
	await page.getByTestId('library-search').pressSequentially('ecole');
	await expect(page).toHaveURL(`${baseURL}/?q=ecole`);
	await expect(page.getByTestId('library-results')).toHaveAttribute('data-query', '?q=ecole');
	const ecole = await shownTexts(page);
	expect(ecole.length).toBeGreaterThan(0);
	expect(ecole.length).toBeLessThan(COMICS);
	for (const text of ecole) expect(text).toMatch(/\becole/);
	expect(await cards(page).first().innerText()).toMatch(/École/);

	// A page of typed results fills up: the first cards at once, the rest of the page right after.
	await searchBox(page).fill('');
	await expect(page.getByTestId('library-results')).toHaveAttribute('data-query', '');
	await expect(cards(page)).toHaveCount(24);
	await expect(page.getByTestId('library-results')).toHaveAttribute('aria-busy', 'false');
	await searchBox(page).pressSequentially('ecole');
	await expect(page.getByTestId('library-results')).toHaveAttribute('data-query', '?q=ecole');
	expect(await shownTexts(page)).toEqual(ecole);

	// Capitals and accents in the query change nothing.
	await open(page, `/?q=${encodeURIComponent('ÉCOLE')}`);
	expect(await shownTexts(page)).toEqual(ecole);

	// Filters combine with the words and with each other; the link reproduces the list.
	await page.getByTestId('library-search').fill('');
	await page.getByTestId('library-search').pressSequentially('sikoro');
	await expect(page.getByTestId('library-results')).toHaveAttribute('data-query', '?q=sikoro');
	const allSikoro = (await shownTexts(page)).length;
	await page.getByTestId('filter-grade').selectOption('7');
	await expect(page).toHaveURL(/[?&]grade=7/);
	await expect(page).toHaveURL(/[?&]q=sikoro/);
	await expect(page.getByTestId('library-results')).toHaveAttribute('data-query', '?q=sikoro&grade=7');
	const grade7 = await shownTexts(page);
	expect(grade7.length).toBeLessThan(allSikoro);
	for (const text of grade7) {
		expect(text).toContain('sikoro');
		expect(text).toContain('7e annee');
	}
	await page.getByTestId('filter-narration').check();
	await expect(page).toHaveURL(/[?&]narration=1/);
	const shared = page.url();
	const shownHere = await shownTexts(page);

	const other = await page.context().newPage();
	await open(other, shared);
	expect(await shownTexts(other)).toEqual(shownHere);
	await expect(other.getByTestId('filter-grade')).toHaveValue('7');
	await expect(other.getByTestId('library-search')).toHaveValue('sikoro');
	await other.close();

	// Nothing matches: says so and offers to clear.
	await open(page, '/?q=zzzzzz');
	await expect(page.getByTestId('library-count')).toHaveText('Aucune bande dessinée');
});

test('typing asks for results without a page navigation; back, reload and "clear" show the right list', async ({
	page
}) => {
	await open(page, '/');
	const asked: string[] = [];
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (url.pathname === '/api/library' || url.pathname.endsWith('/__data.json'))
			asked.push(url.pathname + url.search);
	});
	const search = page.getByTestId('library-search');
	const results = page.getByTestId('library-results');
	// Typed a key at a time, results arriving between keys: the space between the words stays.
	await search.pressSequentially('naissance 5', { delay: 150 });
	await expect(results).toHaveAttribute('data-query', '?q=naissance+5');
	await expect(search).toHaveValue('naissance 5');
	await expect(page).toHaveURL(`${baseURL}/?q=naissance+5`);
	// "L'acte de naissance de Sikoro (5)" is the only comic with both words (bench/lib/catalog.ts).
	await expect(cards(page)).toHaveCount(1);
	const found = await shownTexts(page);
	expect(found[0]).toContain('naissance');
	// One small request per answer, no page data reloaded per keystroke.
	expect(asked.filter((u) => u.includes('__data.json'))).toEqual([]);
	expect(asked.filter((u) => u.startsWith('/api/library?q=')).length).toBeGreaterThan(0);

	// Reading it and coming back: the same search, box and list.
	await cards(page).first().locator('a.cover').click();
	await expect(page).not.toHaveURL(`${baseURL}/?q=naissance+5`);
	await page.goBack();
	await expect(page).toHaveURL(`${baseURL}/?q=naissance+5`);
	await expect(results).toHaveAttribute('data-query', '?q=naissance+5');
	await expect(search).toHaveValue('naissance 5');
	expect(await shownTexts(page)).toEqual(found);
	await page.reload();
	await expect(results).toHaveAttribute('data-query', '?q=naissance+5');
	expect(await shownTexts(page)).toEqual(found);

	// No match, then "clear": every comic again, and an empty box.
	await open(page, '/');
	await search.fill('zzzzzz');
	await expect(page.getByTestId('library-count')).toHaveText('Aucune bande dessinée');
	await expect(page).toHaveURL(`${baseURL}/?q=zzzzzz`);
	await page.getByRole('link', { name: 'Effacer les filtres' }).click();
	await expect(page.getByTestId('library-count')).toHaveText(`${COMICS} bandes dessinées`);
	await expect(search).toHaveValue('');
	await expect(page).toHaveURL(`${baseURL}/`);

	// When that request fails, the page loads the results as a navigation instead.
	await page.route('**/api/library?*', (route) => route.abort());
	await search.pressSequentially('sikoro');
	await expect(results).toHaveAttribute('data-query', '?q=sikoro');
	await expect(search).toHaveValue('sikoro');
	for (const text of await shownTexts(page)) expect(text).toContain('sikoro');
	expect(asked.filter((u) => u.includes('__data.json?q=sikoro')).length).toBeGreaterThan(0);
});

test('typing on while the fallback navigation loads ends on what was typed last', async ({ page }) => {
	// The addresses the page's history entries take (SvelteKit's navigations replace this one).
	await page.addInitScript(() => {
		const w = window as unknown as { replaced: string[] };
		w.replaced = [];
		const replace = history.replaceState.bind(history);
		history.replaceState = (state: unknown, unused: string, url?: string | URL | null) => {
			if (url) {
				const { pathname, search } = new URL(url, location.href);
				w.replaced.push(pathname + search);
			}
			replace(state, unused, url);
		};
	});
	await open(page, '/');
	const search = page.getByTestId('library-search');
	const results = page.getByTestId('library-results');
	// The results' requests wait for the test; the fallback navigation's data too, until released.
	const held: Route[] = [];
	let failAll = false;
	await page.route('**/api/library?*', (route) => (failAll ? route.abort() : void held.push(route)));
	let releaseData = () => {};
	const dataHeld = new Promise<void>((resolve) => (releaseData = resolve));
	await page.route('**/__data.json*', async (route) => {
		await dataHeld;
		await route.continue();
	});

	await search.pressSequentially('s');
	await expect.poll(() => held.length).toBe(1);
	// The request for "s" fails: the page navigates to "?q=s" instead (its data held)…
	const fallback = page.waitForRequest((r) => r.url().includes('__data.json') && r.url().includes('q=s'));
	await held[0]!.abort();
	await fallback;
	// …and a key typed while that navigation loads…
	await search.pressSequentially('i');
	await expect(search).toHaveValue('si');
	// …is what the list ends on once that navigation has loaded (the request for "si" failing too).
	failAll = true;
	releaseData();
	// The navigation to "?q=s" has ended (SvelteKit sets the address, then runs its callbacks)…
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { replaced: string[] }).replaced.includes('/?q=s')))
		.toBe(true);
	await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
	// …before an older request still out for "si" fails.
	for (const route of held.slice(1)) await route.abort().catch(() => undefined);
	await expect(results).toHaveAttribute('data-query', '?q=si');
	await expect(search).toHaveValue('si');
	await expect(page).toHaveURL(`${baseURL}/?q=si`);
});

test('pages and their data are compressed; audio ranges are not', async () => {
	const html = await fetch(`${baseURL}/`, { headers: { 'accept-encoding': 'gzip' } });
	expect(html.headers.get('content-encoding')).toBe('gzip');
	expect(html.headers.get('x-content-type-options')).toBe('nosniff');
	expect(html.headers.get('content-security-policy')).toContain("default-src 'self'");
	const data = await fetch(`${baseURL}/__data.json?q=ecole`, { headers: { 'accept-encoding': 'br' } });
	expect(data.headers.get('content-encoding')).toBe('br');
	const audio = await fetch(`${baseURL}/comics/awa-et-le-cgs/audio/fr/p1.ogg`, {
		headers: { 'accept-encoding': 'gzip', range: 'bytes=0-99' }
	});
	expect(audio.status).toBe(206);
	expect(audio.headers.get('content-encoding')).toBeNull();
	expect((await audio.arrayBuffer()).byteLength).toBe(100);
});

test('offline, the search and filters work over the comics stored on the tablet', async ({ page }) => {
	const STORED = 'trente-jours-0005';
	// The library's page is kept by the service worker once visited.
	await open(page, '/');
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
	// "L'acte de naissance de Sikoro (5)", the only one with both words (bench/lib/catalog.ts).
	await open(page, '/?q=naissance+5');
	const card = page.locator(`[data-testid="comic-card"][data-slug="${STORED}"]`);
	await card.getByTestId('download-button').click();
	for (const box of await card.locator('input[name="language"]').all())
		await box.setChecked((await box.getAttribute('value')) === 'fr');
	await card.getByTestId('download-start').click();
	await expect(card.getByTestId('download-ready')).toBeVisible({ timeout: 60_000 });
	const title = foldText(await card.locator('h2').innerText());
	const word = title.split(' ').find((w) => w.length > 4)!;
	const grades = [...(await card.innerText()).matchAll(/(\d+)e année/g)].map((m) => m[1]!);
	const options = await page
		.getByTestId('filter-grade')
		.locator('option')
		.evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value).filter(Boolean));
	const otherGrade = options.find((g) => !grades.includes(g));
	expect(grades.length).toBeGreaterThan(0);

	await page.context().setOffline(true);
	await open(page, '/');
	await expect(page.getByTestId('library-offline')).toBeVisible();
	const onTablet = page.getByTestId('library-on-tablet');
	const stored = onTablet.locator(`[data-testid="comic-card"][data-slug="${STORED}"]`);
	await expect(stored).toBeVisible();

	// A word of its title, typed in capitals: still found, from the device.
	await page.getByTestId('library-search').pressSequentially(word.toUpperCase());
	await expect(page).toHaveURL(new RegExp(`q=${word.toUpperCase()}`));
	await expect(stored).toBeVisible();
	// A word it does not have: the stored comic is filtered out.
	await page.getByTestId('library-search').fill('');
	await page.getByTestId('library-search').pressSequentially('zzzzzz');
	await expect(page.getByTestId('library-on-tablet')).toHaveCount(0);
	await expect(page.getByTestId('library-count')).toHaveText('Aucune bande dessinée');
	// Filters too: a grade it is not for, then one it is.
	await page.getByTestId('library-search').fill('');
	await page.getByTestId('library-search').pressSequentially(word);
	if (otherGrade) {
		await page.getByTestId('filter-grade').selectOption(otherGrade);
		await expect(page).toHaveURL(new RegExp(`grade=${otherGrade}`));
		await expect(page.getByTestId('library-on-tablet')).toHaveCount(0);
	}
	await page.getByTestId('filter-grade').selectOption(grades[0]!);
	await expect(page).toHaveURL(new RegExp(`grade=${grades[0]}`));
	await expect(stored).toBeVisible();
});
