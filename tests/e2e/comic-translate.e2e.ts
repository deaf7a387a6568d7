/**
 * Comic texts translated by a translator (issue 17): on /translate the translator sees a published
 * sample with how many of its Bambara texts are missing, starts translating it, writes a bubble in
 * the studio's texts page and sees it in the live preview, saves, and sends it to review from
 * /translate; a reviewer approves it and reads the new text in the reader.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signInAs } from './support/accounts';

test.use({ viewport: { width: 1280, height: 900 } });

async function signedIn(browser: Browser, role: 'translator' | 'reviewer'): Promise<Page> {
	const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
	await signInAs(page, role);
	return page;
}

test('a translator translates a comic bubble into Bambara, submits it, and a reviewer approves it', async ({
	browser
}) => {
	const translator = await signedIn(browser, 'translator');
	await translator.goto('/translate?lang=bm');
	const section = translator.getByTestId('comic-texts');
	const published = section.locator('li[data-comic="trente-jours"]');
	await expect(published).toBeVisible();
	const counts = published.getByTestId('comic-counts');
	const missing = Number(await counts.getAttribute('data-missing'));
	expect(missing).toBeGreaterThan(0);

	// "Translate" makes the translator's own draft and opens the studio's texts page on it, in Bambara.
	await published.getByTestId('comic-translate').click();
	const studio = translator.getByTestId('studio-text');
	await expect(studio).toBeVisible();
	await expect(translator.getByTestId('studio-translating')).toBeVisible();
	await expect(translator.getByTestId('target-language')).toHaveValue('bm');
	await expect(translator.getByTestId('studio-canvas')).toHaveAttribute('data-ready', 'true');
	const draft = (await studio.getAttribute('data-version'))!;
	// Only the translation can change here: French is not offered, and no geometry or order control shows.
	const offered = await translator
		.getByTestId('target-language')
		.locator('option')
		.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
	expect(offered).toContain('bm');
	expect(offered).not.toContain('fr');
	await expect(translator.getByTestId('tool-bubble')).toHaveCount(0);
	await expect(translator.getByTestId('kind-p1-2-b1')).toHaveCount(0);
	await expect(translator.getByTestId('drag-p1-2-b1')).toHaveAttribute('draggable', 'false');
	// Dragging a bubble on the art selects it and moves nothing.
	const bubble = translator.getByTestId('preview-p1-2-b1');
	const before = (await bubble.boundingBox())!;
	await translator.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
	await translator.mouse.down();
	await translator.mouse.move(before.x + before.width / 2 + 40, before.y + before.height / 2 + 30, {
		steps: 4
	});
	await translator.mouse.up();
	expect(await bubble.boundingBox()).toEqual(before);
	await expect(translator.getByTestId('resize-p1-2-b1')).toHaveCount(0);

	// p1-2-b1 has no Bambara yet: French beside it, the text typed shows in the live preview.
	await expect(translator.getByTestId('ref-p1-2-b1')).toContainText('Il est tout petit');
	await expect(translator.getByTestId('bubble-row-p1-2-b1')).toHaveAttribute('data-status', 'missing');
	const field = translator.getByTestId('text-p1-2-b1');
	await field.fill('TEST traduction p1-2-b1');
	await expect(translator.getByTestId('preview-p1-2-b1').locator('text')).toContainText('TEST');
	await expect(translator.getByTestId('status-p1-2-b1')).toHaveValue('draft');
	await translator.getByTestId('studio-save').click();
	await expect(translator.getByTestId('studio-saved')).toBeVisible();
	const saved = (await studio.getAttribute('data-version'))!;
	expect(saved).not.toBe(draft);
	await expect(translator.getByTestId('text-p1-2-b1')).toHaveValue('TEST traduction p1-2-b1');
	await expect(translator.getByTestId('bubble-row-p1-2-b1')).toHaveAttribute('data-status', 'draft');

	// Back on /translate: the draft is among "my translations"; sending it to review.
	await translator.goto('/translate?lang=bm');
	const mine = translator.getByTestId('comic-mine').locator(`li[data-version="${saved}"]`);
	await expect(mine).toHaveAttribute('data-state', 'draft');
	await mine.getByTestId('comic-submit').click();
	await expect(translator.getByTestId('comic-submitted')).toBeVisible();
	await expect(mine).toHaveAttribute('data-state', 'in_review');
	// Submitted, it is listed with one Bambara text fewer missing.
	await expect(section.locator(`li[data-version="${saved}"]`).getByTestId('comic-counts')).toHaveAttribute(
		'data-missing',
		String(missing - 1)
	);

	// A reviewer sees the change, fills the rubric and approves; the reader shows the new text.
	const reviewer = await signedIn(browser, 'reviewer');
	await reviewer.goto(`/review/${saved}`);
	await expect(reviewer.locator('[data-change="bubble:p1-2-b1"]')).toContainText('TEST traduction p1-2-b1');
	const rows = reviewer.locator('[data-testid="rubric"] tr');
	const count = await rows.count();
	for (let i = 0; i < count; i++) await rows.nth(i).locator('select').selectOption('meets');
	await reviewer.getByTestId('rubric-save').click();
	await expect(reviewer.getByTestId('ready')).toBeVisible();
	await reviewer.getByTestId('decide-approve').click();
	await expect(reviewer.getByTestId('review-version')).toHaveAttribute('data-state', 'approved');

	await reviewer.goto(`/read/trente-jours?version=${saved}`);
	await expect(reviewer.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
	await reviewer.getByTestId('text-language').locator('button[data-lang="bm"]').click();
	await expect(reviewer.getByTestId('reader')).toHaveAttribute('data-text-language', 'bm');
	await reviewer.getByTestId('next').click();
	await expect(reviewer.getByTestId('reader')).toHaveAttribute('data-panel-id', 'p1-2');
	await expect(reviewer.getByTestId('transcript').locator('[data-bubble="p1-2-b1"]')).toContainText(
		'TEST traduction p1-2-b1'
	);
});
