/**
 * National languages (issue 17) on the production build:
 * - a draft language shows French for every string nobody translated, string by string, with the
 *   "traduction en cours de relecture" status; N'Ko mirrors the page;
 * - a translator's string, saved on /translate, shows at run time; a bad PO file is refused naming
 *   its line;
 * - the pseudo-locales (accented and 40% longer; right to left), offered by this test server only
 *   (playwright.config.ts), walked over the main pages: no untranslated string, no clipped control,
 *   no horizontal scrolling;
 * - real N'Ko and Tifinagh text drawn with the bundled fonts, compared with reference screenshots.
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { signInAs, signOut } from './support/accounts';

const comicsRoot = process.env.KALANSO_COMICS ?? 'comics';
const slug = readdirSync(comicsRoot).find((d) => existsSync(path.join(comicsRoot, d, 'comic.json')))!;

/** A tablet held upright (many classroom tablets are 800 px wide). */
test.use({ viewport: { width: 800, height: 1280 } });

/** Opens `url` in `lang` (the device's cookie) and waits for the page's scripts. */
async function open(page: Page, url: string, lang: string) {
	const base = test.info().project.use.baseURL!;
	await page.context().addCookies([{ name: 'kalanso-lang', value: lang, url: base }]);
	await page.goto(url);
	await expect(page.getByTestId('ui-language')).toHaveAttribute('data-ready', 'true');
	await page.waitForLoadState('networkidle');
}

test("a draft N'Ko interface: French where nothing is translated, the draft status, a mirrored page", async ({
	page
}) => {
	await open(page, '/', 'bm-Nkoo');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.locator('html')).toHaveAttribute('lang', 'bm-Nkoo');
	await expect(page.getByTestId('translation-draft')).toContainText('Traduction en cours de relecture');
	// Nobody translated the library yet: its French strings show, never keys.
	await expect(page.getByText('Choisis une bande dessinée et lis-la case par case.')).toBeVisible();
	// Mirrored: the brand, first in the header, is now at the right, the language picker at the left.
	const brand = (await page.locator('.app-header .brand').boundingBox())!;
	const picker = (await page.getByTestId('ui-language').boundingBox())!;
	expect(brand.x).toBeGreaterThan(picker.x);
	// The chooser names the language in N'Ko, and says no recording exists yet.
	await expect(page.getByTestId('ui-language').locator('option:checked')).toHaveText('ߓߡߊߣߊ߲ߞߊ߲');
	await expect(page.getByTestId('language-no-recording')).toBeVisible();
	// French again: left to right, no draft status.
	await page.getByTestId('ui-language').selectOption('fr');
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(page.getByTestId('translation-draft')).toHaveCount(0);
});

test("a translator's string shows at run time; French fills the rest; a bad PO file is refused", async ({
	page
}) => {
	await signInAs(page, 'translator');
	await page.goto('/translate?lang=taq-Tfng&feature=common');
	await expect(page.locator('[data-ready="translate"]')).toBeVisible();
	const entry = page.locator('li.entry[data-key="common.nav.library"]');
	await expect(entry).toHaveAttribute('data-status', 'missing');
	await expect(entry).toContainText('Bibliothèque');
	// Test data, clearly marked: no Tamasheq word is made up here.
	await entry.locator('textarea').fill('[test] ⵜⴼⵏⵗ');
	await entry.locator('select[name="status"]').selectOption('draft');
	await entry.getByRole('button').click();
	await expect(entry).toHaveAttribute('data-status', 'draft');
	// Marking one's own translation reviewed is refused, saying who must review it; still a draft.
	await entry.locator('select[name="status"]').selectOption('reviewed');
	await entry.getByRole('button').click();
	await expect(page.locator('[data-error="ownReview"]')).toContainText(
		'un autre traducteur ou un relecteur doit la relire'
	);
	await page.reload();
	await expect(page.locator('[data-ready="translate"]')).toBeVisible();
	await expect(entry).toHaveAttribute('data-status', 'draft');

	// The PO file carries it, flagged as a draft (fuzzy).
	const po = await (await page.request.get('/translate/export?lang=taq-Tfng')).text();
	expect(po).toContain('msgctxt "common.nav.library"\nmsgid "Bibliothèque"\nmsgstr "[test] ⵜⴼⵏⵗ"');
	// A file whose string loses its placeholder is refused whole, naming the line.
	const bad = po.replace(
		/(msgctxt "common\.account\.signedInAs"\nmsgid ".*"\n)msgstr ""/,
		'$1msgstr "{nom}"'
	);
	expect(bad).not.toBe(po);
	await page
		.locator('input[name="file"]')
		.setInputFiles({ name: 'taq.po', mimeType: 'text/plain', buffer: Buffer.from(bad) });
	await page.getByTestId('translate-import').click();
	const line = bad.split('\n').indexOf('msgctxt "common.account.signedInAs"') + 1;
	await expect(page.locator('[data-error="placeholders"] [data-line]')).toHaveAttribute(
		'data-line',
		String(line)
	);
	await signOut(page);

	await open(page, '/', 'taq-Tfng');
	const nav = page.getByRole('navigation');
	await expect(nav.getByRole('link', { name: '[test] ⵜⴼⵏⵗ' })).toBeVisible();
	await expect(nav.getByRole('link', { name: 'Qui lit ?' })).toBeVisible();
	await expect(page.getByTestId('translation-draft')).toBeVisible();
});

/** Pages a student or visitor reaches without an account (each walked in both pseudo-locales). */
const PAGES = [
	'/',
	`/read/${slug}`,
	'/profiles',
	'/profiles/results',
	'/storage',
	'/join',
	'/languages',
	'/login'
];
const PSEUDO_MARK = /[[\]·ÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŞŢÛṼŴẊÝŽƀçđéƒĝĥîĵķļɱñöþǫŕşţûṽŵẋýž]/;

/** Texts of the page that skipped the i18n layer, clipped controls, and horizontal overflow. */
async function layoutProblems(page: Page) {
	return page.evaluate((markSource) => {
		const mark = new RegExp(markSource);
		const pageLang = document.documentElement.lang;
		const visible = (el: Element) => {
			const style = getComputedStyle(el);
			return el.getClientRects().length > 0 && style.visibility !== 'hidden' && style.display !== 'none';
		};
		const untranslated: string[] = [];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const el = node.parentElement;
			if (!el || el.closest('script, style, noscript, svg, select, code, .sr-only') || !visible(el)) continue;
			// Content (comic titles, names of languages) carries its own language.
			const lang = el.closest('[lang]')?.getAttribute('lang');
			if (lang && lang !== pageLang) continue;
			const text = (node.textContent ?? '').trim();
			if (/[A-Za-z]{2,}/.test(text) && !mark.test(text)) untranslated.push(text);
		}
		const clipped: string[] = [];
		for (const el of document.querySelectorAll(
			'button, select, input[type="submit"], [role="button"], a.button'
		)) {
			if (!visible(el)) continue;
			if (el.scrollWidth > el.clientWidth + 2 || el.scrollHeight > el.clientHeight + 2)
				clipped.push(
					`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 60)}" ${el.scrollWidth}>${el.clientWidth}`
				);
		}
		const overflow = document.documentElement.scrollWidth - window.innerWidth;
		return { untranslated, clipped, overflow };
	}, PSEUDO_MARK.source);
}

for (const [lang, dir] of [
	['qps-ploc', 'ltr'],
	['qps-plocm', 'rtl']
] as const) {
	test(`pseudo-locale ${lang}: every main page translated, nothing clipped, no horizontal scroll`, async ({
		page
	}) => {
		test.setTimeout(180_000);
		const problems: Record<string, unknown> = {};
		for (const url of PAGES) {
			await open(page, url, lang);
			await expect(page.locator('html')).toHaveAttribute('dir', dir);
			if (url.startsWith('/read/'))
				await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
			const found = await layoutProblems(page);
			if (found.untranslated.length || found.clipped.length || found.overflow > 0) problems[url] = found;
		}
		expect(problems).toEqual({});
	});
}

test("N'Ko and Tifinagh drawn with the bundled fonts, as in the reference screenshots", async ({ page }) => {
	const fonts: string[] = [];
	page.on('request', (request) => {
		if (/noto-sans-(nko|tifinagh)-(nko|tifinagh)-400/.test(request.url())) fonts.push(request.url());
	});
	const otherSubsets: string[] = [];
	page.on('request', (request) => {
		if (/noto-sans-(nko|tifinagh)-latin/.test(request.url())) otherSubsets.push(request.url());
	});
	await open(page, '/languages', 'fr');
	await expect(page.locator('[data-ready="languages"]')).toBeVisible();
	const nko = page.locator('[data-lang="bm-Nkoo"] [data-testid="native-name"]');
	const tifinagh = page.locator('[data-lang="taq-Tfng"] [data-testid="native-name"]');
	// Names from languages.json (sources cited there): Bamanankan in N'Ko, « tifinagh » in Tifinagh.
	await expect(nko).toHaveText('ߓߡߊߣߊ߲ߞߊ߲');
	await expect(nko).toHaveAttribute('dir', 'rtl');
	await page.evaluate(() => document.fonts.ready);
	expect(await page.evaluate(() => document.fonts.check('28px "Noto Sans NKo"', 'ߓߡߊ'))).toBe(true);
	expect(await page.evaluate(() => document.fonts.check('28px "Noto Sans Tifinagh"', 'ⵜⴼⵏⵗ'))).toBe(true);
	expect(fonts.some((u) => u.includes('nko'))).toBe(true);
	expect(fonts.some((u) => u.includes('tifinagh'))).toBe(true);
	expect(fonts.every((u) => new URL(u).host === new URL(page.url()).host)).toBe(true);
	// unicode-range: the N'Ko and Tifinagh families' Latin faces are never fetched (Noto Sans draws Latin).
	expect(otherSubsets).toEqual([]);
	await expect(nko).toHaveScreenshot('nko-bamanankan.png', { maxDiffPixelRatio: 0.03 });
	await expect(tifinagh).toHaveScreenshot('tifinagh-tamasheq.png', { maxDiffPixelRatio: 0.03 });
});

test("the library fetches no N'Ko or Tifinagh font until the language chooser is opened", async ({
	page
}) => {
	const fonts: string[] = [];
	page.on('request', (request) => {
		if (/noto-sans-(nko|tifinagh)/.test(request.url())) fonts.push(new URL(request.url()).pathname);
	});
	await open(page, '/', 'fr');
	await expect(page.getByTestId('library-count')).toBeVisible();
	await page.evaluate(() => document.fonts.ready);
	expect(fonts).toEqual([]);
	// The chooser, closed, names these languages in French; opened, each in its own script.
	const picker = page.getByTestId('ui-language');
	await expect(picker.locator('option[value="bm-Nkoo"]')).toHaveText("Bambara (écriture N'Ko)");
	await picker.focus();
	await expect(picker).toHaveAttribute('data-opened', 'true');
	await expect(picker.locator('option[value="bm-Nkoo"]')).toHaveText('ߓߡߊߣߊ߲ߞߊ߲');
	await expect(picker.locator('option[value="bm-Nkoo"]')).toHaveAttribute('dir', 'rtl');
	await expect(picker.locator('option[value="taq-Tfng"]')).toHaveText('Tamasheq ⵜⴼⵏⵗ');
	// (The fonts themselves come when the list is drawn; headless Chromium draws no open <select>.
	// The /languages test above shows them fetched and used where the names are on screen.)
});

test("a count follows the plural rules of the interface language, not the device's", async ({ browser }) => {
	// A device whose own locale has one plural form (Japanese: "1 bandes dessinées" if it leaked in).
	const baseURL = test.info().project.use.baseURL!;
	const context = await browser.newContext({
		baseURL,
		locale: 'ja-JP',
		viewport: { width: 800, height: 1280 }
	});
	const page = await context.newPage();
	try {
		expect(await page.evaluate(() => new Intl.PluralRules().select(1))).toBe('other');
		// Tamasheq (Tifinagh) states no plural rules yet (languages.json `plural: null`): French ones apply.
		await open(page, '/', 'taq-Tfng');
		await expect(page.locator('html')).toHaveAttribute('lang', 'taq-Tfng');
		// Searched in the page, so the count is formatted by the browser, not the server.
		await page.getByTestId('library-search').pressSequentially('sikoro');
		await expect(page.getByTestId('library-count')).toHaveAttribute('data-query', '?q=sikoro');
		await expect(page.getByTestId('library-count')).toHaveText('1 bande dessinée');
	} finally {
		await context.close();
	}
});
