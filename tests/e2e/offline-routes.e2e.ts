/**
 * A student's tablet with the network cut, after the app was installed and one comic downloaded:
 * the library shows what is on the tablet first and greys the rest (no broken cover, no dead
 * button), and EVERY route of the app, reached offline by address or by a link, shows translated
 * text, never a raw message key; the language chooser works offline too. Runs the production build on a server of its own whose comics
 * folder holds the `tiny` fixture and a copy of it (`tiny-deux`) that is never downloaded.
 */
import { expect, test, type Page } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';

const port = Number(process.env.E2E_PORT ?? 4173) + 41;
const baseURL = `http://127.0.0.1:${port}`;
let server: FixtureServer | undefined;

/** A message key shown instead of its text (e.g. `offline.fallback.title`). */
const RAW_KEY = /\b[a-z]+\.[a-z]+(\.[a-zA-Z]+)+\b/;
const STORED = 'tiny';
const ELSEWHERE = 'tiny-deux';

test.use({ baseURL, viewport: { width: 1000, height: 900 } });

test.beforeAll(async () => {
	const root = mkdtempSync(path.join(tmpdir(), 'kalanso-offline-routes-'));
	cpSync('tests/fixtures/comics/languages.json', path.join(root, 'languages.json'));
	cpSync('tests/fixtures/comics/tiny', path.join(root, STORED), { recursive: true });
	const other = path.join(root, ELSEWHERE);
	cpSync('tests/fixtures/comics/tiny', other, { recursive: true });
	const manifest = JSON.parse(readFileSync(path.join(other, 'comic.json'), 'utf8'));
	manifest.id = ELSEWHERE;
	manifest.title = { fr: 'Deuxième petite BD', en: 'Second tiny comic' };
	writeFileSync(path.join(other, 'comic.json'), JSON.stringify(manifest));
	const quizFile = path.join(other, 'quiz.json');
	if (existsSync(quizFile)) {
		const quiz = JSON.parse(readFileSync(quizFile, 'utf8'));
		quiz.comic = ELSEWHERE;
		writeFileSync(quizFile, JSON.stringify(quiz));
	}
	server = await startFixtureServer({ port, comics: root });
});

test.afterAll(async () => {
	await server?.kill();
});

/** Every page route of the app (src/routes), with its parameters filled in, as a student could type it. */
function everyRoute(): string[] {
	const pages: string[] = [];
	const walk = (dir: string, segments: string[]) => {
		for (const name of readdirSync(dir)) {
			const full = path.join(dir, name);
			if (statSync(full).isDirectory()) walk(full, /^\(.+\)$/.test(name) ? segments : [...segments, name]);
			else if (name === '+page.svelte') pages.push(`/${segments.join('/')}`);
		}
	};
	walk('src/routes', []);
	const hash = 'ab'.repeat(32);
	return pages.flatMap((route) => {
		if (route.includes('[slug]')) return [STORED, ELSEWHERE].map((slug) => route.replace('[slug]', slug));
		return [route.replace('[hash]', hash)];
	});
}

/** Waits until the page is hydrated and has seen the network is off (its indicator shows). */
async function settled(page: Page) {
	await expect(page.getByTestId('offline-indicator')).toBeVisible();
	await page.waitForLoadState('networkidle');
}

/**
 * Taps a link and waits until the page it leads to is shown and hydrated. Offline, a route whose
 * data the service worker did not keep is reached by SvelteKit reloading the document at the link,
 * after the tap: checking before that would read the previous page, and the next `goto` would be
 * cancelled by that reload (net::ERR_ABORTED). A page never kept is answered with the offline
 * fallback, at /storage/offline. So: wait until the address changed (routed in the page) or the
 * document was replaced (reloaded), then for it to load.
 */
async function tap(page: Page, href: string) {
	const from = new URL(page.url()).pathname;
	await page.evaluate(() => ((window as { beforeTap?: boolean }).beforeTap = true));
	await page.locator(`a[href="${href}"]`).first().click();
	await expect
		.poll(
			() =>
				page
					.evaluate(
						(from) => location.pathname !== from || !(window as { beforeTap?: boolean }).beforeTap,
						from
					)
					.catch(() => false),
			{ message: `the tap on ${href} leads nowhere` }
		)
		.toBe(true);
	await page.waitForLoadState('load');
	await settled(page);
}

async function expectTranslated(page: Page, where: string) {
	const text = await page.locator('body').innerText();
	expect(text.trim().length, `${where}: empty page`).toBeGreaterThan(20);
	expect(text, `${where}: raw message key`).not.toMatch(RAW_KEY);
}

test('offline, the library puts the tablet first and every route shows translated text', async ({ page }) => {
	// Every route twice (typed, then linked) and the language chooser: long on a loaded 2-core machine.
	test.setTimeout(240_000);
	await page.context().addCookies([{ name: 'kalanso-lang', value: 'fr', url: baseURL }]);
	await page.goto('/');
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });

	// A student profile, so the quiz opens offline too.
	await page.goto('/profiles');
	await expect(page.getByTestId('profiles')).toHaveAttribute('data-ready', 'true');
	await page.getByTestId('profile-name').fill('Awa');
	await page.getByTestId('picture-sun').check({ force: true });
	await page.getByTestId('profile-create').click();
	await page.locator('[data-testid="profile"][data-name="Awa"]').click();
	await expect(page).toHaveURL(`${baseURL}/`);

	// Download one comic. Its progress starts from the size the student chose, never "0 o sur 0 o".
	const card = page.locator(`[data-testid="comic-card"][data-slug="${STORED}"]`);
	await card.getByTestId('download-button').click();
	await expect(card.locator('input[name="language"]').first()).toBeVisible();
	// Hold every file of the comic, so the progress is seen before any byte has arrived.
	let release!: () => void;
	const gate = new Promise<void>((resolve) => (release = resolve));
	await page.context().route(`**/packs/${STORED}/*/files/**`, async (route) => {
		await gate;
		await route.continue();
	});
	for (const box of await card.locator('input[name="language"]').all())
		await box.setChecked((await box.getAttribute('value')) === 'fr');
	const announced = Number(await card.getByTestId('download-start').getAttribute('data-bytes'));
	expect(announced).toBeGreaterThan(0);
	await card.getByTestId('download-start').click();
	const progress = card.getByTestId('download-progress');
	await expect(progress).toBeVisible();
	expect(Number(await progress.getAttribute('data-done'))).toBe(0);
	expect(Number(await progress.getAttribute('data-total'))).toBe(announced);
	await expect(card.getByTestId('download-progress-text')).not.toContainText(/^0 o sur 0 o/);
	release();
	await expect(card.getByTestId('download-ready')).toBeVisible();
	// The reader and quiz pages of the comic are kept by the service worker as it downloads.
	await expect
		.poll(async () =>
			page.evaluate(async (slug) => {
				const names = await caches.keys();
				for (const name of names) {
					const cache = await caches.open(name);
					if (await cache.match(`/quiz/${slug}`)) return true;
				}
				return false;
			}, STORED)
		)
		.toBe(true);

	await page.context().setOffline(true);

	// The library: the stored comic first with its buttons; the other greyed, no cover, no button.
	await page.goto('/');
	await settled(page);
	await expect(page.getByTestId('library-offline')).toBeVisible();
	await expect(
		page.getByTestId('library-on-tablet').locator(`[data-testid="comic-card"][data-slug="${STORED}"]`)
	).toBeVisible();
	const away = page.locator(`[data-testid="comic-card-away"][data-slug="${ELSEWHERE}"]`);
	await expect(away).toBeVisible();
	await expect(away.getByTestId('not-on-tablet')).toHaveText('Pas sur cette tablette');
	await expect(page.locator(`a[href*="${ELSEWHERE}"]`)).toHaveCount(0);
	await expect(away.locator('img, a, button')).toHaveCount(0);
	const onTablet = page.getByTestId('library-on-tablet');
	const awayBox = (await away.boundingBox())!;
	expect((await onTablet.boundingBox())!.y).toBeLessThan(awayBox.y);
	// No broken image anywhere on the page.
	const broken = await page
		.locator('img')
		.evaluateAll((imgs) =>
			imgs
				.filter((i) => !(i as HTMLImageElement).complete || (i as HTMLImageElement).naturalWidth === 0)
				.map((i) => (i as HTMLImageElement).src)
		);
	expect(broken).toEqual([]);
	await expectTranslated(page, '/');

	// Every route, typed in the address bar.
	const routes = everyRoute();
	expect(routes).toEqual(
		expect.arrayContaining(['/', `/read/${ELSEWHERE}`, '/storage/offline', '/profiles/results'])
	);
	for (const route of routes) {
		await page.goto(route);
		await settled(page);
		if (route === `/read/${STORED}`)
			await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
		if (route === `/quiz/${STORED}`)
			await expect(page.getByTestId('quiz')).toHaveAttribute('data-ready', 'true');
		await expectTranslated(page, route);
	}

	// And by the links a student taps: the header's, and the stored comic's.
	await page.goto('/');
	await settled(page);
	const links = await page
		.locator('header a[href^="/"], [data-testid="library-on-tablet"] a[href^="/"]')
		.evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')!))]);
	expect(links.length).toBeGreaterThan(4);
	for (const href of links) {
		// Tapped from another page, so that the tap always leads somewhere (the home link too).
		await page.goto(href === '/' ? links.find((other) => other !== '/')! : '/');
		await settled(page);
		await tap(page, href);
		await expectTranslated(page, `link ${href}`);
	}

	// A page load offline never shows the stored comic as "not on this tablet", even while the
	// tablet is still reading what it holds: reads from IndexedDB are made slow from here on, and any
	// moment the stored comic shows among those not on the tablet is written down.
	await page.addInitScript((stored) => {
		const listen = IDBRequest.prototype.addEventListener;
		IDBRequest.prototype.addEventListener = function (
			this: IDBRequest,
			type: string,
			listener: EventListenerOrEventListenerObject,
			options?: boolean | AddEventListenerOptions
		) {
			const slow =
				type === 'success' && typeof listener === 'function'
					? (event: Event) => setTimeout(() => listener.call(this, event), 300)
					: listener;
			listen.call(this, type, slow, options);
		};
		new MutationObserver(() => {
			if (document.querySelector(`[data-testid="comic-card-away"][data-slug="${stored}"]`))
				sessionStorage.setItem('stored-shown-away', location.href);
		}).observe(document, { subtree: true, childList: true });
	}, STORED);

	// The language chooser is part of the offline shell (issue 17): the page itself, not the
	// fallback, and a choice made there switches the interface with no network.
	await page.goto('/languages');
	await settled(page);
	await expect(page).toHaveURL(`${baseURL}/languages`);
	await expect(page.locator('[data-ready="languages"]')).toBeVisible();
	await expect(page.locator('[data-lang="en"] [data-testid="native-name"]')).toHaveText('English');
	await page.locator('[data-lang="en"] button.choose').click();
	await expect(page).toHaveURL(`${baseURL}/`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByTestId('not-on-tablet')).toHaveText('Not on this tablet');
	await expect(
		page.getByTestId('library-on-tablet').locator(`[data-testid="comic-card"][data-slug="${STORED}"]`)
	).toBeVisible();
	expect(await page.evaluate(() => sessionStorage.getItem('stored-shown-away'))).toBeNull();
});
