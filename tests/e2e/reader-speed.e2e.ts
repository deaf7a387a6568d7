/**
 * Reader cold start (issue 21): work that can wait for the first panel waits. Checked by what the
 * page does, on the production build:
 * - no `Intl.Segmenter` is built (Pixi's text metrics made one when evaluated, loading ICU's
 *   break-iterator data on the critical path; src/lib/render/pixi-patches.ts), and bubble text
 *   is still drawn;
 * - the narration engine (howler's chunk) is requested only after the first panel is drawn, and
 *   narration still becomes ready.
 */
import { expect, test } from '@playwright/test';

const SLUG = 'trente-jours';

test('the first panel is drawn with no Intl.Segmenter built and before howler is fetched', async ({
	page
}) => {
	await page.addInitScript(() => {
		const w = window as unknown as { __segmenters: number };
		w.__segmenters = 0;
		const Original = Intl.Segmenter;
		if (typeof Original !== 'function') return;
		(Intl as unknown as { Segmenter: typeof Intl.Segmenter }).Segmenter = class extends Original {
			constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
				super(...args);
				w.__segmenters++;
			}
		};
	});
	// When each script that holds howler's code was requested, page clock (ms).
	const howlerAt: number[] = [];
	page.on('response', async (response) => {
		if (response.request().resourceType() !== 'script') return;
		const body = await response.text().catch(() => '');
		if (body.includes('HTML5 Audio pool exhausted')) howlerAt.push(response.request().timing().startTime);
	});
	await page.goto(`/read/${SLUG}`);
	const reader = page.getByTestId('reader');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	// Narration ready means howler was loaded and evaluated.
	await expect(page.getByTestId('narration')).toHaveAttribute('data-narration-state', 'idle');
	expect(howlerAt.length).toBeGreaterThan(0);
	const firstPanel = await page.evaluate(
		() => performance.timeOrigin + performance.getEntriesByName('kalanso:first-panel')[0]!.startTime
	);
	for (const t of howlerAt) expect(t).toBeGreaterThanOrEqual(firstPanel);

	// Bubble text is still measured and drawn without it: reader.e2e.ts checks the canvas pixels of
	// the bubbles change with the text language.
	expect(await page.evaluate(() => (window as unknown as { __segmenters: number }).__segmenters)).toBe(0);
});
