/**
 * What an author reads when an upload is refused or accepted with remarks: every finding in the
 * interface language (French by default, English when chosen), with the file and JSON path, and
 * nothing stored when the pack is refused.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { signInAs } from './support/accounts';
import { tinyFiles } from './support/packs';

/** The tiny comic with an SVG page and a complete language missing one bubble's text. */
function brokenPack(): Buffer {
	const files = tinyFiles();
	const comic = JSON.parse(new TextDecoder().decode(files['comic.json']));
	comic.pages[0].image = 'art/page-1.svg';
	delete comic.pages[0].panels[0].bubbles[0].text.en;
	files['comic.json'] = new TextEncoder().encode(JSON.stringify(comic));
	files['art/page-1.svg'] = new TextEncoder().encode(
		'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
	);
	return Buffer.from(zipSync(files));
}

/** A valid comic (its own id, so it does not meet the review workflow's) with a stray file. */
function packWithStrayFile(): Buffer {
	const files = tinyFiles();
	const comic = JSON.parse(new TextDecoder().decode(files['comic.json']));
	comic.id = 'tiny-notes';
	files['comic.json'] = new TextEncoder().encode(JSON.stringify(comic));
	// Its quiz too: an upload's quiz.json is validated with the comic (a quiz of another comic is refused).
	const quiz = JSON.parse(new TextDecoder().decode(files['quiz.json']));
	quiz.comic = 'tiny-notes';
	files['quiz.json'] = new TextEncoder().encode(JSON.stringify(quiz));
	files['notes.txt'] = new TextEncoder().encode('draft notes');
	return Buffer.from(zipSync(files));
}

async function authorPage(browser: Browser, lang?: 'en'): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signInAs(page, 'author');
	if (lang) {
		const url = new URL(page.url());
		await context.addCookies([{ name: 'kalanso-lang', value: lang, url: url.origin }]);
	}
	await page.goto('/author');
	await expect(page.getByTestId('author-page')).toBeVisible();
	return page;
}

async function upload(page: Page, name: string, buffer: Buffer) {
	await page
		.getByTestId('upload-form')
		.locator('input[type="file"]')
		.setInputFiles({ name, mimeType: 'application/zip', buffer });
	await page.getByTestId('upload-form').locator('button[type="submit"]').click();
}

const rows = (page: Page) => page.locator('[data-testid="author-versions"] tr');

test('a refused upload lists every problem in French, where it is, and stores nothing', async ({
	browser
}) => {
	const page = await authorPage(browser);
	const before = await rows(page).count();
	await upload(page, 'tiny.zip', brokenPack());

	const findings = page.getByTestId('upload-findings');
	await expect(findings).toBeVisible();
	const svg = findings.locator('li[data-code="svgRefused"]');
	await expect(svg).toContainText('art/page-1.svg');
	await expect(svg).toContainText('les images SVG sont refusées');
	const missing = findings.locator('li[data-code="completeMissingBubble"]');
	await expect(missing).toContainText('$.pages[0].panels[0].bubbles[0].text');
	// Where, as authors count: pages from 1, the panel and the bubble by their id.
	await expect(missing.getByTestId('finding-place')).toHaveText('page 1 · case p1-1 · bulle p1-1-b1');
	await expect(missing).toContainText('la langue « en » est déclarée complète mais la bulle « p1-1-b1 »');
	// No English finding text under the French interface.
	await expect(findings).not.toContainText('is declared complete');
	await expect(findings).not.toContainText('refused');

	await page.goto('/author');
	await expect(rows(page)).toHaveCount(before);
});

test('the same refusal reads in English when the interface is in English', async ({ browser }) => {
	const page = await authorPage(browser, 'en');
	await upload(page, 'tiny.zip', brokenPack());
	const findings = page.getByTestId('upload-findings');
	await expect(findings.locator('li[data-code="svgRefused"]')).toContainText(
		'SVG images are refused (they can carry scripts)'
	);
	await expect(findings.locator('li[data-code="completeMissingBubble"]')).toContainText(
		'language "en" is declared complete but bubble "p1-1-b1" has no "en" text'
	);
});

test('an upload accepted with remarks shows them translated, then opens the new version', async ({
	browser
}) => {
	const page = await authorPage(browser);
	await upload(page, 'tiny-notes.zip', packWithStrayFile());
	const notes = page.getByTestId('upload-warnings');
	await expect(notes).toBeVisible();
	const stray = notes.locator('li[data-code="packUnusedFile"][data-severity="warning"]');
	await expect(stray).toContainText('notes.txt');
	await expect(stray).toContainText('comic.json ne s’en sert pas : non conservé');
	await notes.getByRole('link').click();
	await expect(page.getByTestId('author-version')).toBeVisible();
	await expect(page.getByTestId('author-version')).toHaveAttribute('data-comic', 'tiny-notes');
});

test('an author opening a version that does not exist reads why in French, not the server’s English', async ({
	browser
}) => {
	const page = await authorPage(browser);
	await page.goto(`/author/${'a'.repeat(64)}`);
	const error = page.getByTestId('error-page');
	await expect(error).toHaveAttribute('data-status', '404');
	await expect(error).toContainText("Cette version n'existe pas.");
	await expect(error).not.toContainText('no comic version');
});
