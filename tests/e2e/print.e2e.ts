/**
 * Printing a comic (issue 18) on the production build: "Imprimer" from the library, the print view
 * in the chosen language (the pages' SVG holds the bubbles' text), the A5 booklet, the PDF
 * download, the browser's print dialog (print stylesheet: only the sheets, one per page), and the
 * answer key for signed-in teachers only. Expected texts come from comics/<slug>; waits on data
 * attributes only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import type { Quiz } from '../../src/lib/domain/quiz/schema';
import { signInAs } from './support/accounts';

const SLUG = 'awa-et-le-cgs';
const comicsRoot = path.resolve(process.env.KALANSO_COMICS ?? 'comics');
const manifest = JSON.parse(readFileSync(path.join(comicsRoot, SLUG, 'comic.json'), 'utf8')) as Manifest;
const quiz = JSON.parse(readFileSync(path.join(comicsRoot, SLUG, 'quiz.json'), 'utf8')) as Quiz;
const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const firstBubble = (lang: string) => flat(manifest.pages[0]!.panels[0]!.bubbles[0]!.text[lang]!);

test.use({ viewport: { width: 1100, height: 1000 } });
test.beforeEach(async ({ context }) => {
	await context.addCookies([{ name: 'kalanso-lang', value: 'fr', url: 'http://127.0.0.1' }]);
});

/** The text of the composed pages' bubbles (one tspan per fitted line), in page order. */
async function pageTexts(page: Page): Promise<string> {
	const texts = await page
		.getByTestId('print-page')
		.evaluateAll((svgs) =>
			svgs.map((svg) =>
				[...svg.querySelectorAll('g[data-bubble] tspan')].map((t) => t.textContent ?? '').join(' ')
			)
		);
	return flat(texts.join(' '));
}

function pdfPages(bytes: Buffer): { pages: number; text: string } {
	const dir = mkdtempSync(path.join(tmpdir(), 'kalanso-e2e-print-'));
	try {
		const file = path.join(dir, 'p.pdf');
		writeFileSync(file, bytes);
		const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
		const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
		return { pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), text: flat(text) };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

test('anyone prints a comic from the library, in the language they choose', async ({ page }) => {
	await page.goto('/');
	await page.locator(`[data-testid="comic-card"][data-slug="${SLUG}"]`).getByTestId('print-link').click();
	await expect(page.locator('[data-ready="print"]')).toBeVisible();
	await expect(page.getByTestId('print-page')).toHaveCount(manifest.pages.length);
	await expect(page.getByTestId('print-back')).toContainText(manifest.title.fr!);
	expect(await pageTexts(page)).toContain(firstBubble('fr'));
	// Panels numbered on the pages, for "find it in the comic".
	const panels = manifest.pages.reduce((n, p) => n + p.panels.length, 0);
	await expect(page.locator('[data-panel-number]')).toHaveCount(panels);
	await expect(page.getByTestId('print-worksheet')).toContainText(flat(quiz.questions[0]!.prompt.fr!));
	// No answer key for someone who is not signed in.
	await expect(page.getByTestId('print-key')).toHaveCount(0);

	await page.getByTestId('print-lang').selectOption('en');
	await page.locator('form.controls button[type="submit"]').click();
	await expect(page).toHaveURL(/lang=en/);
	await expect(page.locator('[data-ready="print"]')).toBeVisible();
	const english = await pageTexts(page);
	expect(english).toContain(firstBubble('en'));
	expect(english).not.toContain(firstBubble('fr'));
	await expect(page.getByTestId('print-worksheet')).toContainText(flat(quiz.questions[0]!.prompt.en!));
});

test('the A5 booklet puts two pages on each A4 landscape sheet, and the PDF matches', async ({ page }) => {
	await page.goto(`/comics/${SLUG}/print?lang=fr&format=A5&parts=comic`);
	await expect(page.locator('[data-ready="print"]')).toBeVisible();
	const sheets = page.getByTestId('print-sheet');
	await expect(sheets).toHaveCount(2);
	// Front of the sheet: the back page on the left, page 1 on the right.
	await expect(sheets.nth(0).locator('.page').nth(0).getByTestId('print-back')).toHaveCount(1);
	await expect(sheets.nth(0).locator('.page').nth(1).getByTestId('print-page')).toHaveCount(1);

	const href = await page.getByTestId('print-pdf').getAttribute('href');
	expect(href).toContain('format=A5');
	const response = await page.request.get(href!);
	expect(response.headers()['content-type']).toBe('application/pdf');
	const pdf = pdfPages(await response.body());
	expect(pdf.pages).toBe(2);
	expect(pdf.text).toContain(firstBubble('fr'));
});

test("the browser's print dialog prints the sheets only, one per page", async ({ page }) => {
	await page.goto(`/comics/${SLUG}/print?lang=fr&format=A4&parts=comic`);
	await expect(page.locator('[data-ready="print"]')).toBeVisible();
	await page.evaluate(() => document.fonts.ready);
	const pdf = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
	expect(pdf.pages).toBe(manifest.pages.length + 1);
	expect(pdf.text).toContain(firstBubble('fr'));
	// The header and the form are not printed.
	expect(pdf.text).not.toContain('Télécharger le PDF');
	expect(pdf.text).not.toContain('Bibliothèque');
});

test('a teacher prints the answer key from the guide; it is refused to others', async ({ page, browser }) => {
	const anonymous = await browser.newPage();
	await anonymous.goto(`/comics/${SLUG}/print?parts=key`);
	await expect(anonymous.locator('[data-ready="print"]')).toBeVisible();
	await expect(anonymous.getByRole('status')).toContainText('réservé aux enseignants');
	await expect(anonymous.getByTestId('print-key')).toHaveCount(0);
	const refused = await anonymous.request.get(`/comics/${SLUG}/print.pdf?parts=key`);
	expect(refused.status()).toBe(403);
	await anonymous.close();

	await signInAs(page, 'teacher');
	await page.goto(`/teacher/guide/${SLUG}`);
	await expect(page.locator('[data-ready="guide"]')).toBeVisible();
	await page.getByTestId('print-link').click();
	await expect(page.locator('[data-ready="print"]')).toBeVisible();
	const key = page.getByTestId('print-key');
	for (const q of quiz.questions) await expect(key).toContainText(flat(q.explanation.fr!));
	const response = await page.request.get((await page.getByTestId('print-pdf').getAttribute('href'))!);
	const pdf = pdfPages(await response.body());
	expect(pdf.text).toContain('Corrigé');
	expect(pdf.text).toContain(flat(quiz.questions[0]!.explanation.fr!));
});
