/**
 * Reader cold start (issue 21): work that can wait for the first panel waits. Checked by what the
 * page does, on the production build:
 * - no `Intl.Segmenter` is built (Pixi's text metrics made one when evaluated, loading ICU's
 *   break-iterator data on the critical path; src/lib/render/pixi-patches.ts), and bubble text
 *   is still drawn;
 * - the narration engine (howler's chunk) is requested only after the first panel is drawn, and
 *   narration still becomes ready;
 * - before the first panel only the first page's art is fetched; the other pages' art and the quiz
 *   check come after it, and no font of another script is fetched for a comic in Latin script.
 */
import { expect, test, type Request } from '@playwright/test';

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

test('before the first panel only the first page is fetched; later pages and the quiz check after', async ({
	page
}) => {
	// Every request of the reader's document.
	const seen: Request[] = [];
	page.on('request', (request) => seen.push(request));
	await page.goto(`/read/${SLUG}`);
	await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('narration')).toHaveAttribute('data-narration-state', 'idle');
	// The neighbouring page's art loads after the first frame: wait until it is held.
	await expect(page.getByTestId('reader')).toHaveAttribute('data-loaded-textures', '2');
	const path = (url: string) => new URL(url).pathname;
	// The quiz check (a HEAD online) is asked for once the first panel is drawn.
	const quizCheck = `/api/comics/${SLUG}/quiz`;
	await expect.poll(() => seen.some((r) => path(r.url()) === quizCheck)).toBe(true);
	// Playwright fills a request's timing once its response has come: when it started and when its
	// last byte arrived (page clock, ms since the epoch).
	await Promise.all(seen.map((r) => r.response().catch(() => null)));
	const requests = seen.map((r) => ({ url: r.url(), at: r.timing().startTime }));
	const finished = new Map(seen.map((r) => [path(r.url()), r.timing().startTime + r.timing().responseEnd]));
	expect(requests.every((r) => r.at > 0)).toBe(true);
	const [firstPanel, mounted] = await page.evaluate(() =>
		['kalanso:first-panel', 'kalanso:renderer-mounted'].map(
			(name) => performance.timeOrigin + performance.getEntriesByName(name)[0]!.startTime
		)
	);
	const before = requests.filter((r) => r.at < firstPanel!).map((r) => path(r.url));
	const after = requests.filter((r) => r.at >= firstPanel!).map((r) => path(r.url));

	// The next page's art is asked for in the task that drew the first frame, just before the
	// first-panel mark: so it is checked against what precedes that frame: the engine started and
	// the first page's art fully received.
	const art = (n: number) => `/comics/${SLUG}/art/page-${n}.webp`;
	const requestedAt = (p: string) => requests.find((r) => path(r.url) === p)?.at ?? NaN;
	expect(finished.get(art(1))).toBeDefined();
	expect(requestedAt(art(2))).toBeGreaterThan(finished.get(art(1))!);
	expect(requestedAt(art(2))).toBeGreaterThan(mounted!);
	expect(before).not.toContain(art(3));
	// The quiz check is only needed on the last panel.
	expect(before).not.toContain(quizCheck);
	expect(after).toContain(quizCheck);
	// French, English and Latin-script Bambara: the N'Ko and Tifinagh fonts draw nothing here.
	expect(requests.map((r) => path(r.url)).filter((p) => /nko|tifinagh/i.test(p))).toEqual([]);
});
