/**
 * Reader cold start (issue 21): work that can wait for the first panel waits. Checked by what the
 * page does, on the production build:
 * - no `Intl.Segmenter` is built (Pixi's text metrics made one when evaluated, loading ICU's
 *   break-iterator data on the critical path; src/lib/render/pixi-patches.ts), and bubble text
 *   is still drawn;
 * - the narration engine (howler's chunk) is requested only after the first panel is drawn, and
 *   narration still becomes ready;
 * - on the canvas renderer, a camera move replays no bubble outline as paths (they are cached as
 *   textures), and the panel looks as it does on WebGL.
 */
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';

const SLUG = 'trente-jours';

test('the first panel is drawn with no Intl.Segmenter built and before howler is fetched', async ({
	page
}) => {
	await page.addInitScript(() => {
		const w = window as unknown as { __segmenters: number };
		w.__segmenters = 0;
		const Original = Intl.Segmenter;
		if (typeof Original !== 'function') return;
		Intl.Segmenter = class extends Original {
			constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
				super(...args);
				w.__segmenters++;
			}
		} as typeof Intl.Segmenter;
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

async function settled(page: Page) {
	await expect
		.poll(() =>
			page
				.getByTestId('reader')
				.evaluate((el) => (el as HTMLElement).dataset.camera === (el as HTMLElement).dataset.cameraTarget)
		)
		.toBe(true);
}

async function canvasPixels(page: Page) {
	const png = await page.getByTestId('reader-canvas').screenshot();
	const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
	return { data, width: info.width, height: info.height };
}

test('canvas renderer: a camera move draws bubble outlines as cached images, not paths, looking as on WebGL', async ({
	page
}) => {
	// Counts the 2D drawing calls made on the reader's own canvas (not on offscreen ones).
	await page.addInitScript(() => {
		const counts: Record<string, number> = { stroke: 0, fill: 0, drawImage: 0 };
		(window as unknown as { __calls: typeof counts }).__calls = counts;
		const proto = CanvasRenderingContext2D.prototype as unknown as Record<
			string,
			(...a: unknown[]) => unknown
		>;
		for (const name of Object.keys(counts)) {
			const original = proto[name]!;
			proto[name] = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
				if (this.canvas.dataset?.testid === 'reader-canvas') counts[name]!++;
				return original.apply(this, args);
			};
		}
	});
	await page.goto(`/read/${SLUG}?renderer=canvas`);
	const reader = page.getByTestId('reader');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	await expect(reader).toHaveAttribute('data-renderer', 'canvas');
	await settled(page);
	const first = await reader.getAttribute('data-panel-id');
	await page.evaluate(() => {
		const c = (window as unknown as { __calls: Record<string, number> }).__calls;
		for (const k of Object.keys(c)) c[k] = 0;
	});
	await page.keyboard.press('ArrowRight');
	await expect(reader).not.toHaveAttribute('data-panel-id', first!);
	await settled(page);
	const calls = await page.evaluate(() => ({
		...(window as unknown as { __calls: Record<string, number> }).__calls
	}));
	expect(calls.drawImage, 'frames were drawn during the move').toBeGreaterThan(0);
	expect(calls.stroke, 'no bubble outline replayed as a path').toBe(0);
	expect(calls.fill).toBe(0);

	// The same panel drawn by WebGL (outlines as triangles) looks the same: the cached outlines are there.
	const canvasShot = await canvasPixels(page);
	const other = await page.context().newPage();
	try {
		await other.goto(`/read/${SLUG}?renderer=webgl&panel=${await reader.getAttribute('data-panel-id')}`);
		const webglReader = other.getByTestId('reader');
		await expect(webglReader).toHaveAttribute('data-ready', 'true');
		await expect(webglReader).toHaveAttribute('data-renderer', 'webgl');
		await settled(other);
		const webglShot = await canvasPixels(other);
		expect(webglShot.data.length).toBe(canvasShot.data.length);
		let differ = 0;
		for (let i = 0; i < webglShot.data.length; i += 3) {
			const d =
				Math.abs(webglShot.data[i]! - canvasShot.data[i]!) +
				Math.abs(webglShot.data[i + 1]! - canvasShot.data[i + 1]!) +
				Math.abs(webglShot.data[i + 2]! - canvasShot.data[i + 2]!);
			if (d > 60) differ++;
		}
		expect(differ / (webglShot.data.length / 3)).toBeLessThan(0.02);
	} finally {
		await other.close();
	}
});
