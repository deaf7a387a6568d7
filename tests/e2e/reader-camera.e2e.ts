/**
 * Camera moves (issue 21): the frames of a glide draw the camera and nothing else. The screen's
 * text and attributes (transcript, position, buttons, `data-panel-id`…) change in one go right
 * after the glide's last frame, so that no frame waits for Svelte's DOM work; the transcript then
 * holds the new panel's words, in its aria-live region for screen readers.
 *
 * Checked on the production build by what the page does: every animation frame callback run is
 * counted, and each DOM change under the reader is stamped with the number of frames run so far.
 */
import { expect, test } from '@playwright/test';
import type { Manifest } from '../../src/lib/domain/manifest/schema';

const SLUG = 'awa-et-le-cgs';

test('a glide to the next panel changes no DOM in its frames; the new transcript follows right after', async ({
	page
}) => {
	const manifest = (await (await page.request.get(`/api/comics/${SLUG}`)).json()) as Manifest;
	const [first, second] = manifest.pages[0]!.panels;
	expect(second).toBeDefined();
	await page.addInitScript(() => {
		const w = window as unknown as { __frames: number };
		w.__frames = 0;
		const request = window.requestAnimationFrame.bind(window);
		window.requestAnimationFrame = (callback) =>
			request((time) => {
				w.__frames++;
				callback(time);
			});
	});
	await page.goto(`/read/${SLUG}?renderer=canvas&panel=${first!.id}`);
	const reader = page.getByTestId('reader');
	const transcript = page.getByTestId('transcript');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	await expect(reader).toHaveAttribute('data-mode', 'guided');
	await expect
		.poll(() =>
			reader.evaluate((el) => (el as HTMLElement).dataset.camera === (el as HTMLElement).dataset.cameraTarget)
		)
		.toBe(true);
	await expect(transcript).toHaveAttribute('data-panel', first!.id);
	const textBefore = await transcript.textContent();

	// From here on, every DOM change under the reader, stamped with the frames run when it was made.
	await reader.evaluate((root) => {
		const w = window as unknown as { __frames: number; __changes: number[] };
		w.__changes = [];
		new MutationObserver((records) => {
			for (let i = 0; i < records.length; i++) w.__changes.push(w.__frames);
		}).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
	});
	const framesAtPress = await page.evaluate(() => (window as unknown as { __frames: number }).__frames);
	await page.keyboard.press('ArrowRight');

	await expect(reader).toHaveAttribute('data-panel-id', second!.id);
	await expect(transcript).toHaveAttribute('data-panel', second!.id);
	await expect
		.poll(() =>
			reader.evaluate((el) => (el as HTMLElement).dataset.camera === (el as HTMLElement).dataset.cameraTarget)
		)
		.toBe(true);
	const { frames, changes } = await page.evaluate(() => {
		const w = window as unknown as { __frames: number; __changes: number[] };
		return { frames: w.__frames, changes: w.__changes };
	});
	// A glide over several frames (the reader draws on demand: no frame after it)…
	expect(Number(await reader.getAttribute('data-move-ms'))).toBeGreaterThan(0);
	expect(frames - framesAtPress).toBeGreaterThan(2);
	// …with the screen changed (panel attributes, position, transcript) only once all were drawn.
	expect(changes.length).toBeGreaterThan(0);
	for (const framesRun of changes) expect(framesRun).toBe(frames);

	// The transcript, which screen readers are told about, says what the new panel says.
	await expect(transcript).toHaveAttribute('aria-live', 'polite');
	expect(await transcript.textContent()).not.toBe(textBefore);
	const words = second!.bubbles.map((b) => b.text.fr).filter((t): t is string => !!t);
	expect(words.length).toBeGreaterThan(0);
	for (const text of words) await expect(transcript).toContainText(text);
	await expect(page.getByTestId('position')).toContainText('2');
});
