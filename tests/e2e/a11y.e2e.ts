/**
 * Accessibility of every page, checked with axe-core (all of its rules but the experimental ones)
 * on the production build: 0 violations, each reported with its rule and the elements it found.
 * Signed-in pages are visited as the role that uses them; on each, every form control is written in
 * the page's fonts. Also: the English interface uses English punctuation (no space before a colon),
 * the French one French spacing.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signInAs, signOut } from './support/accounts';

const SLUG = 'trente-jours';

test.use({ viewport: { width: 1024, height: 720 } });
// axe reads the whole page at each step: on a loaded 2-core machine a page takes several seconds.
test.describe.configure({ timeout: 300_000 });

/** Runs axe on the page as it is now; fails listing each rule broken and where. */
async function expectNoViolations(page: Page, what: string): Promise<void> {
	const { violations } = await new AxeBuilder({ page }).analyze();
	const found = violations.map((v) => ({
		rule: v.id,
		impact: v.impact,
		help: v.help,
		where: v.nodes.map((n) => n.target.join(' ')).slice(0, 5)
	}));
	// Soft: one run lists the violations of every page, not only the first page's.
	expect.soft(found, `axe violations on ${what}`).toEqual([]);
	await expectControlsInPageFonts(page, what);
}

/**
 * Every form control (button, field, list) is written in the page's fonts, the bundled faces that
 * carry the Bambara letters, N'Ko and Tifinagh, not in the browser's own (Arial here): the controls
 * without a rule of their own were (the narration's language and speed lists).
 */
async function expectControlsInPageFonts(page: Page, what: string): Promise<void> {
	const { pageFonts, controls } = await page.evaluate(() => ({
		pageFonts: getComputedStyle(document.documentElement).fontFamily,
		controls: [...document.querySelectorAll('button, input, select, textarea')].map((el) => ({
			control: `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}`,
			fonts: getComputedStyle(el).fontFamily
		}))
	}));
	expect(pageFonts).toContain('Noto Sans NKo');
	expect(controls.length, `form controls on ${what}`).toBeGreaterThan(0);
	expect
		.soft(
			controls.filter((c) => c.fonts !== pageFonts),
			`form controls not in the page's fonts on ${what}`
		)
		.toEqual([]);
}

/** The first link of the page whose path matches `pattern`. */
async function firstLink(page: Page, pattern: RegExp): Promise<string> {
	const hrefs = await page
		.locator('a[href]')
		.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
	const href = hrefs.find((h) => pattern.test(h));
	expect(href, `a link matching ${pattern}`).toBeTruthy();
	return href!;
}

test('student pages: library, reader (both views, narration playing, end), quiz, profiles, storage', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.locator(`[data-testid="comic-card"][data-slug="${SLUG}"]`)).toBeVisible();
	await expectNoViolations(page, 'the library');

	await page.goto(`/read/${SLUG}`);
	const reader = page.getByTestId('reader');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	await expectNoViolations(page, 'the reader (guided view)');
	await page.getByTestId('toggle-text').click();
	await page.getByTestId('narration-read').click();
	await expect(page.getByTestId('narration')).toHaveAttribute('data-narration-state', 'playing');
	await expectNoViolations(page, 'the reader while narrating, transcript shown');
	await page.getByTestId('narration-stop').click();
	await page.getByTestId('mode-page').click();
	await expect(reader).toHaveAttribute('data-mode', 'page');
	await expectNoViolations(page, 'the reader (page view)');
	const manifest = (await (await page.request.get(`/api/comics/${SLUG}`)).json()) as {
		pages: { panels: { id: string }[] }[];
	};
	await page.goto(`/read/${SLUG}?panel=${manifest.pages.at(-1)!.panels.at(-1)!.id}`);
	await expect(page.getByTestId('end-actions')).toBeVisible();
	await expectNoViolations(page, 'the end of the comic');

	await page.goto(`/quiz/${SLUG}`);
	await expect(page.locator('main')).toBeVisible();
	await page.waitForLoadState('networkidle');
	await expectNoViolations(page, 'the quiz');

	for (const path of ['/profiles', '/storage', '/storage/offline', '/login', '/no-such-page']) {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		await expectNoViolations(page, path);
	}
});

test('staff pages: administration, password, author, review', async ({ page }) => {
	await signInAs(page, 'admin');
	for (const path of ['/admin', '/password']) {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		await expectNoViolations(page, path);
	}
	await signOut(page);

	await signInAs(page, 'author');
	await page.goto('/author');
	await page.waitForLoadState('networkidle');
	await expectNoViolations(page, '/author');
	await page.goto(await firstLink(page, /^\/author\/[0-9a-f]{64}$/));
	await page.waitForLoadState('networkidle');
	await expectNoViolations(page, 'a version of the author');
	await signOut(page);

	await signInAs(page, 'reviewer');
	await page.goto('/review');
	await page.waitForLoadState('networkidle');
	await expectNoViolations(page, '/review');
	await page.goto(await firstLink(page, /^\/review\/[0-9a-f]{64}$/));
	await page.waitForLoadState('networkidle');
	await expectNoViolations(page, 'a version under review');
});

/** Visible text of the page with the transcript shown: where a colon could follow a space. */
async function colonsIn(page: Page): Promise<{ spaced: string[]; tight: string[] }> {
	const text = await page.locator('body').innerText();
	return {
		spaced: text.match(/\S+[ \u00a0\u202f]:/g) ?? [],
		tight: text.match(/[A-Za-zÀ-ÿ]:(?=\s)/g) ?? []
	};
}

test('punctuation follows the interface language: "Languages:" in English, "Langues :" in French', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.getByTestId('ui-language')).toHaveAttribute('data-ready', 'true');
	await page.getByTestId('ui-language').selectOption('en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	expect((await colonsIn(page)).spaced, 'the library in English').toEqual([]);
	await page.goto(`/read/${SLUG}`);
	await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
	await page.getByTestId('toggle-text').click();
	expect((await colonsIn(page)).spaced, 'the reader in English').toEqual([]);
	const transcript = await page.getByTestId('transcript').innerText();
	expect(transcript).toMatch(/\w:/);

	await page.getByTestId('ui-language').selectOption('fr');
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await expect(page.getByTestId('transcript')).toContainText(/\S[ \u00a0]:/);
	await page.goto('/');
	expect((await colonsIn(page)).tight, 'the library in French').toEqual([]);
});

/**
 * Characters of the symbol and emoji blocks (arrows, geometric shapes, dingbats, emoji): the
 * bundled Noto Sans has none of them, so a tablet without such a font shows an empty box.
 */
const SYMBOL_CHARACTERS =
	/[\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2900-\u297f\u2b00-\u2bff\u{1f000}-\u{1faff}]/u;

test('icons are drawn (bundled SVG), never emoji or symbol characters', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('[data-testid="comic-card"]').first()).toBeVisible();
	expect(await page.locator('body').innerText()).not.toMatch(SYMBOL_CHARACTERS);
	await page.goto(`/read/${SLUG}`);
	await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('narration-read').locator('svg[data-icon="play"]')).toBeVisible();
	await expect(page.getByTestId('narration-replay').locator('svg[data-icon="replay"]')).toBeVisible();
	expect(await page.locator('body').innerText()).not.toMatch(SYMBOL_CHARACTERS);
	await page.goto(`/quiz/${SLUG}`);
	await page.waitForLoadState('networkidle');
	expect(await page.locator('body').innerText()).not.toMatch(SYMBOL_CHARACTERS);
});
