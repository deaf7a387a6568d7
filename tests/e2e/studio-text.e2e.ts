/**
 * The texts and bubbles studio (issue 16), as an author uses it: writes a Bambara bubble with the ɛ
 * button and sees the reader's fitter lay it out, saves, and the new version reads in the reader with
 * its status; drags a bubble and the reader draws it there; an overflowing text is refused with the
 * finding next to its bubble, and no version is made.
 */
import { expect, test, type Page } from '@playwright/test';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { signInAs } from './support/accounts';
import { tinyFiles } from './support/packs';

test.use({ viewport: { width: 1280, height: 900 } });

/** The tiny fixture comic under its own id, uploaded by the author; returns its version hash. */
async function uploadTiny(page: Page, id: string): Promise<string> {
	const files = tinyFiles();
	const decode = (name: string) => JSON.parse(new TextDecoder().decode(files[name]));
	const comic = decode('comic.json');
	comic.id = id;
	files['comic.json'] = new TextEncoder().encode(JSON.stringify(comic));
	const quiz = decode('quiz.json');
	quiz.comic = id;
	files['quiz.json'] = new TextEncoder().encode(JSON.stringify(quiz));
	await page.goto('/author');
	await page
		.getByTestId('upload-form')
		.locator('input[type="file"]')
		.setInputFiles({ name: `${id}.zip`, mimeType: 'application/zip', buffer: Buffer.from(zipSync(files)) });
	await page.getByTestId('upload-form').locator('button[type="submit"]').click();
	await expect(page.getByTestId('author-version')).toBeVisible();
	return (await page.getByTestId('author-version').getAttribute('data-version'))!;
}

async function openStudio(page: Page, hash: string, lang: string) {
	await page.goto(`/author/${hash}`);
	await page.getByTestId('open-studio-text').click();
	await expect(page.getByTestId('studio-text')).toHaveAttribute('data-version', hash);
	await page.getByTestId('target-language').selectOption(lang);
	await expect(page.getByTestId('studio-canvas')).toHaveAttribute('data-ready', 'true');
}

/** Saves and waits for the new version's studio; returns its hash. */
async function save(page: Page, before: string): Promise<string> {
	await page.getByTestId('studio-save').click();
	await expect(page.getByTestId('studio-saved')).toBeVisible();
	const hash = (await page.getByTestId('studio-text').getAttribute('data-version'))!;
	expect(hash).not.toBe(before);
	return hash;
}

async function openReader(page: Page, comicId: string, hash: string) {
	await page.goto(`/read/${comicId}?version=${hash}`);
	await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
}

test('an author writes a Bambara bubble with the ɛ button, sees it fit, saves; the reader shows it with its status', async ({
	page
}) => {
	await signInAs(page, 'author');
	const v1 = await uploadTiny(page, 'studio-bm');
	await openStudio(page, v1, 'bm');

	// The French reference beside the Bambara being written.
	await expect(page.getByTestId('ref-p1-1-b1')).toHaveText('Bonjour Moussa !');
	const field = page.getByTestId('text-p1-1-b1');
	// A letter typed as base + combining accent is stored composed (NFC), as the validation requires.
	await field.fill('Ce\u0301');
	await expect(field).toHaveValue('C\u00e9');
	await field.fill('A b');
	await page.getByTestId('letter-ɛ').click();
	await field.press('End');
	await field.pressSequentially(' taa so.');
	await expect(field).toHaveValue('A bɛ taa so.');
	const preview = page.getByTestId('preview-p1-1-b1');
	await expect(preview.locator('text')).toContainText('bɛ');
	await expect(preview).toHaveAttribute('data-fits', 'true');
	await expect(page.getByTestId('status-p1-1-b1')).toHaveValue('draft');

	const v2 = await save(page, v1);
	await expect(page.getByTestId('text-p1-1-b1')).toHaveValue('A bɛ taa so.');

	await openReader(page, 'studio-bm', v2);
	await page.getByTestId('text-language').locator('button[data-lang="bm"]').click();
	await expect(page.getByTestId('reader')).toHaveAttribute('data-text-language', 'bm');
	await expect(page.getByTestId('transcript').locator('[data-bubble="p1-1-b1"]')).toContainText(
		'A bɛ taa so.'
	);
	await expect(page.getByTestId('draft-notice')).toBeVisible();

	// A native speaker's review of that bubble: the first panel no longer says "draft"; the second,
	// whose bubbles have no Bambara yet (shown in French), still does.
	await openStudio(page, v2, 'bm');
	await page.getByTestId('status-p1-1-b1').selectOption('reviewed');
	const v3 = await save(page, v2);
	await expect(page.getByTestId('bubble-row-p1-1-b1')).toHaveAttribute('data-status', 'reviewed');
	await expect(page.getByTestId('bubble-row-p1-2-b1')).toHaveAttribute('data-status', 'missing');
	await openReader(page, 'studio-bm', v3);
	await page.getByTestId('text-language').locator('button[data-lang="bm"]').click();
	await expect(page.getByTestId('reader')).toHaveAttribute('data-panel-id', 'p1-1');
	await expect(page.getByTestId('draft-notice')).toHaveCount(0);
	await page.getByTestId('next').click();
	await expect(page.getByTestId('reader')).toHaveAttribute('data-panel-id', 'p1-2');
	await expect(page.getByTestId('draft-notice')).toBeVisible();
});

/** The RGB of the reader's canvas at a page point (page view, camera at rest). */
async function readerPixelAt(page: Page, point: { x: number; y: number }): Promise<[number, number, number]> {
	const reader = page.getByTestId('reader');
	await page.getByTestId('mode-page').click();
	await expect(reader).toHaveAttribute('data-mode', 'page');
	await expect
		.poll(() =>
			reader.evaluate((el) => (el as HTMLElement).dataset.camera === (el as HTMLElement).dataset.cameraTarget)
		)
		.toBe(true);
	const camera = (await reader.getAttribute('data-camera'))!.split(',').map(Number) as [
		number,
		number,
		number
	];
	const canvas = page.getByTestId('reader-canvas');
	const box = (await canvas.boundingBox())!;
	const png = await canvas.screenshot();
	const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
	// domain/reader/camera pageToScreen, in the screenshot's pixels.
	const k = info.width / box.width;
	const sx = Math.round(((point.x - camera[0]) * camera[2] + box.width / 2) * k);
	const sy = Math.round(((point.y - camera[1]) * camera[2] + box.height / 2) * k);
	const i = (sy * info.width + sx) * 3;
	return [data[i]!, data[i + 1]!, data[i + 2]!];
}

/** Drags the caption p1-2-b2 (180 page px wide) by `dx` page pixels on the studio's art. */
async function dragCaption(page: Page, dx: number) {
	const caption = page.getByTestId('preview-p1-2-b2');
	await caption.scrollIntoViewIfNeeded();
	// Screen pixels per page pixel, from the caption's own outline.
	const outline = (await caption.locator('rect').first().boundingBox())!;
	const scale = outline.width / 180;
	const from = { x: outline.x + outline.width / 2, y: outline.y + outline.height / 2 };
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move(from.x + (dx / 2) * scale, from.y, { steps: 4 });
	await page.mouse.move(from.x + dx * scale, from.y, { steps: 4 });
	await page.mouse.up();
}

/** Drags on the studio's art from one page point to another (page pixels, through the SVG's own matrix). */
async function dragOnArt(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
	const art = page.getByTestId('studio-canvas');
	await art.scrollIntoViewIfNeeded();
	const toScreen = (p: { x: number; y: number }) =>
		art.evaluate((svg, p) => {
			const m = (svg as SVGSVGElement).getScreenCTM()!;
			const s = new DOMPoint(p.x, p.y).matrixTransform(m);
			return { x: s.x, y: s.y };
		}, p);
	const a = await toScreen(from);
	const b = await toScreen(to);
	await page.mouse.move(a.x, a.y);
	await page.mouse.down();
	await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 3 });
	await page.mouse.move(b.x, b.y, { steps: 3 });
	await page.mouse.up();
}

const CAPTION_FILL = [0xff, 0xf1, 0xc1];
const isCaption = (rgb: number[]) => rgb.every((v, i) => Math.abs(v - CAPTION_FILL[i]!) <= 12);

test('an author drags a bubble, saves, and the reader draws it where it was dropped', async ({ page }) => {
	await signInAs(page, 'author');
	const v1 = await uploadTiny(page, 'studio-drag');
	await openStudio(page, v1, 'fr');

	// The caption "Le lendemain…" sits at x 30–210 on a 400 px wide page; drag it 150 page px right.
	const caption = page.getByTestId('preview-p1-2-b2');
	await expect(caption).toHaveAttribute('data-region', '30,540,180,40');
	await dragCaption(page, 150);
	await expect(caption).toHaveAttribute('data-region', /^(17[89]|18[01]),540,180,40$/);

	const v2 = await save(page, v1);
	await expect(page.getByTestId('preview-p1-2-b2')).toHaveAttribute(
		'data-region',
		/^(17[89]|18[01]),540,180,40$/
	);

	// Inside the moved caption, outside where it was: the caption's pale yellow only in the new version.
	const spot = { x: 330, y: 560 };
	await openReader(page, 'studio-drag', v1);
	expect(isCaption(await readerPixelAt(page, spot))).toBe(false);
	await openReader(page, 'studio-drag', v2);
	expect(isCaption(await readerPixelAt(page, spot))).toBe(true);
});

test('a bubble gets its own shape in one language, its tail bent, and the reading order changes by dragging', async ({
	page
}) => {
	await signInAs(page, 'author');
	const v1 = await uploadTiny(page, 'studio-shape');
	await openStudio(page, v1, 'en');

	// A changed translation is no longer reviewed (English is complete, so its bubbles count as reviewed).
	await expect(page.getByTestId('status-p1-1-b1')).toHaveValue('reviewed');
	await page.getByTestId('text-p1-1-b1').fill('Hello Moussa, hi!');
	await expect(page.getByTestId('status-p1-1-b1')).toHaveValue('draft');

	// English only: the caption gets its own box, dragged to the right; French keeps the common one.
	await page.getByTestId('override-p1-2-b2').check();
	await dragCaption(page, 150);
	const caption = page.getByTestId('preview-p1-2-b2');
	await expect(caption).toHaveAttribute('data-override', 'true');
	await expect(caption).toHaveAttribute('data-region', /^(17[89]|18[01]),540,180,40$/);
	await page.getByTestId('target-language').selectOption('fr');
	await expect(caption).toHaveAttribute('data-region', '30,540,180,40');

	// The speech bubble's tail bent towards another point.
	const speech = page.getByTestId('preview-p1-2-b1');
	await expect(speech).toHaveAttribute('data-tail', '270,470');
	await page.getByTestId('bubble-row-p1-2-b1').getByRole('button', { name: 'p1-2-b1' }).click();
	await dragOnArt(page, { x: 270, y: 470 }, { x: 120, y: 480 });
	await expect(speech).toHaveAttribute('data-tail', /^(11[89]|12[01]),(479|480|481)$/);

	// Reading order: the caption's row dragged above the speech bubble's.
	await page.getByTestId('drag-p1-2-b2').dragTo(page.getByTestId('drag-p1-2-b1'));
	const rows = page.getByTestId('panel-row-p1-2').locator('[data-testid^="bubble-row-"]');
	await expect(rows.first()).toHaveAttribute('data-testid', 'bubble-row-p1-2-b2');

	const v2 = await save(page, v1);
	await expect(rows.first()).toHaveAttribute('data-testid', 'bubble-row-p1-2-b2');
	await expect(speech).toHaveAttribute('data-tail', /^(11[89]|12[01]),(479|480|481)$/);

	const spot = { x: 330, y: 560 };
	await openReader(page, 'studio-shape', v2);
	await page.getByTestId('text-language').locator('button[data-lang="fr"]').click();
	await expect(page.getByTestId('reader')).toHaveAttribute('data-text-language', 'fr');
	expect(isCaption(await readerPixelAt(page, spot))).toBe(false);
	await page.getByTestId('text-language').locator('button[data-lang="en"]').click();
	await expect(page.getByTestId('reader')).toHaveAttribute('data-text-language', 'en');
	await expect.poll(async () => isCaption(await readerPixelAt(page, spot))).toBe(true);

	// The reader reads the panel's bubbles in the new order.
	await page.getByTestId('mode-guided').click();
	await page.getByTestId('next').click();
	await expect(page.getByTestId('reader')).toHaveAttribute('data-panel-id', 'p1-2');
	const lines = page.getByTestId('transcript').locator('[data-bubble]');
	await expect(lines.first()).toHaveAttribute('data-bubble', 'p1-2-b2');
});

test('an overflowing text and a drawn bubble without text get their findings next to them, and no version is made', async ({
	page
}) => {
	await signInAs(page, 'author');
	const v1 = await uploadTiny(page, 'studio-overflow');
	await openStudio(page, v1, 'fr');

	// A new bubble drawn on the first panel, left without text in the complete languages.
	await page.getByTestId('tool-bubble').click();
	await dragOnArt(page, { x: 20, y: 20 }, { x: 140, y: 90 });
	await expect(page.getByTestId('bubble-row-p1-1-b-1')).toBeVisible();
	await expect(page.getByTestId('preview-p1-1-b-1')).toHaveAttribute(
		'data-region',
		/^(19|20|21),(19|20|21),/
	);

	const long = 'Bonjour Awa, comment vas-tu ce matin ? '.repeat(12).trim();
	await page.getByTestId('text-p1-2-b1').fill(long);
	// The reference text is the author's own: editing it does not make it a draft.
	await expect(page.getByTestId('status-p1-2-b1')).toHaveValue('reviewed');
	// The preview says it already, with the reader's own fitter.
	await expect(page.getByTestId('preview-p1-2-b1')).toHaveAttribute('data-fits', 'false');
	await page.getByTestId('studio-save').click();

	await expect(page.getByTestId('studio-refused')).toHaveAttribute('data-code', 'content-refused');
	const finding = page.getByTestId('bubble-row-p1-2-b1').locator('[data-testid="findings-p1-2-b1"] li');
	await expect(finding).toHaveAttribute('data-code', 'textTooManyLines');
	await expect(finding).toContainText('le texte ne tient pas dans sa bulle');
	await expect(page.getByTestId('findings-p1-1-b1')).toHaveCount(0);
	await expect(
		page.getByTestId('bubble-row-p1-1-b-1').locator('li[data-code="completeMissingBubble"]').first()
	).toBeVisible();
	// The author's text is still there to fix; the stored version is unchanged.
	await expect(page.getByTestId('text-p1-2-b1')).toHaveValue(long);
	await expect(page.getByTestId('studio-text')).toHaveAttribute('data-version', v1);
	await page.goto('/author');
	await expect(page.locator('[data-testid="author-versions"] tr[data-comic="studio-overflow"]')).toHaveCount(
		1
	);
	await expect(page.locator(`tr[data-version="${v1}"]`)).toHaveCount(1);
});
