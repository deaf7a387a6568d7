/**
 * The reader on the production build, in Chromium. Reads what a student sees: canvas pixels (from
 * screenshots, which work for WebGL and canvas alike) and the DOM transcript; waits on the reader's
 * readiness attributes, never on sleeps.
 *
 * The comics come from the server's comics folder (KALANSO_COMICS, default comics/), so the same
 * tests cover the fixture comic and the sample comics.
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import { canvasPixels, changed, type Pixels } from './support/pixels';
import { countWebGLContexts, pretendGpu, webglContexts } from './support/webgl';

const comicsRoot = path.resolve(process.env.KALANSO_COMICS ?? 'comics');
const slugs = readdirSync(comicsRoot, { withFileTypes: true })
	.filter((e) => e.isDirectory() && existsSync(path.join(comicsRoot, e.name, 'comic.json')))
	.map((e) => e.name)
	.sort();

test.use({ viewport: { width: 1024, height: 720 } });

/** Standard deviation of the brightness: 0 for a blank canvas. */
function contrast(p: Pixels): number {
	let sum = 0;
	let sumSq = 0;
	const n = p.data.length / 3;
	for (let i = 0; i < p.data.length; i += 3) {
		const v = (p.data[i]! + p.data[i + 1]! + p.data[i + 2]!) / 3;
		sum += v;
		sumSq += v * v;
	}
	return Math.sqrt(sumSq / n - (sum / n) ** 2);
}

async function manifestOf(page: Page, slug: string): Promise<Manifest> {
	const response = await page.request.get(`/api/comics/${slug}`);
	expect(response.ok()).toBe(true);
	return (await response.json()) as Manifest;
}

function panelIds(manifest: Manifest): string[] {
	return manifest.pages.flatMap((p) => p.panels.map((q) => q.id));
}

async function openReader(page: Page, url: string) {
	await page.goto(url);
	const reader = page.getByTestId('reader');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	return reader;
}

/** Waits until the camera has arrived where it was going. */
async function settled(page: Page) {
	await expect
		.poll(() =>
			page
				.getByTestId('reader')
				.evaluate((el) => (el as HTMLElement).dataset.camera === (el as HTMLElement).dataset.cameraTarget)
		)
		.toBe(true);
}

/**
 * Presses a key and records every camera the reader shows until the move ends: an animated move
 * passes through cameras between start and target, a cut goes straight to the target.
 */
async function camerasDuringMove(page: Page, key: string): Promise<{ seen: string[]; target: string }> {
	return page.getByTestId('reader').evaluate(
		(el, key) =>
			new Promise<{ seen: string[]; target: string }>((resolve) => {
				const root = el as HTMLElement;
				const seen: string[] = [];
				const observer = new MutationObserver(() => {
					seen.push(root.dataset.camera!);
					if (root.dataset.camera === root.dataset.cameraTarget) {
						observer.disconnect();
						resolve({ seen, target: root.dataset.cameraTarget! });
					}
				});
				observer.observe(root, { attributes: true, attributeFilter: ['data-camera'] });
				window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
			}),
		key
	);
}

test('the library lists every comic in the comics folder', async ({ page }) => {
	expect(slugs.length, `no comic under ${comicsRoot}`).toBeGreaterThan(0);
	await page.goto('/');
	for (const slug of slugs) {
		await expect(page.locator(`[data-testid="comic-card"][data-slug="${slug}"]`)).toBeVisible();
	}
	await expect(page.getByTestId('comic-card')).toHaveCount(slugs.length);
});

test('opening a comic from the library draws its art (WebGL, on a device with a GPU)', async ({ page }) => {
	await pretendGpu(page);
	await page.goto('/');
	await page.locator(`[data-slug="${slugs[0]}"]`).getByTestId('read-link').click();
	await expect(page).toHaveURL(new RegExp(`/read/${slugs[0]}`));
	const reader = page.getByTestId('reader');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	await expect(reader).toHaveAttribute('data-renderer', 'webgl');
	expect(contrast(await canvasPixels(page))).toBeGreaterThan(20);
	const marks = await page.evaluate(() => performance.getEntriesByName('kalanso:first-panel').length);
	expect(marks).toBe(1);
	// Only the current page and its neighbours hold textures.
	const textures = Number(await reader.getAttribute('data-loaded-textures'));
	expect(textures).toBeGreaterThanOrEqual(1);
	expect(textures).toBeLessThanOrEqual(3);
});

test('the canvas renderer draws the same comic when forced', async ({ page }) => {
	const reader = await openReader(page, `/read/${slugs[0]}?renderer=canvas`);
	await expect(reader).toHaveAttribute('data-renderer', 'canvas');
	expect(contrast(await canvasPixels(page))).toBeGreaterThan(20);
});

test('without WebGL the reader falls back to the canvas renderer by itself', async ({ page }) => {
	// The canvas renderer is loaded only when WebGL fails (src/lib/render/pixi.ts): check that path.
	await page.addInitScript(() => {
		const original = HTMLCanvasElement.prototype.getContext;
		HTMLCanvasElement.prototype.getContext = function (
			this: HTMLCanvasElement,
			type: string,
			options?: unknown
		) {
			return type.includes('webgl') ? null : Reflect.apply(original, this, [type, options]);
		} as typeof original;
	});
	const reader = await openReader(page, `/read/${slugs[0]}`);
	await expect(reader).toHaveAttribute('data-renderer', 'canvas');
	expect(contrast(await canvasPixels(page))).toBeGreaterThan(20);
});

/** What the device remembers of its WebGL (src/lib/render/webgl-kind.ts): 'software', 'hardware' or null. */
function rememberedKind(page: Page) {
	return page.evaluate(() => {
		const raw = localStorage.getItem('kalanso:webgl');
		return raw ? (JSON.parse(raw) as { kind: string }).kind : null;
	});
}

test('a device whose WebGL is software reads with the canvas renderer from its first start (SwiftShader here)', async ({
	page
}) => {
	await countWebGLContexts(page);
	// Nothing known yet: the reader asks a 1×1 probe before it starts (its only WebGL context) and
	// remembers the answer; it draws with the canvas renderer at once.
	const first = await openReader(page, `/read/${slugs[0]}`);
	await expect(first).toHaveAttribute('data-renderer', 'canvas');
	expect(contrast(await canvasPixels(page))).toBeGreaterThan(20);
	expect(await rememberedKind(page)).toBe('software');
	expect(await webglContexts(page)).toBe(1);
	// The next start makes no WebGL context at all.
	const again = await openReader(page, `/read/${slugs[0]}`);
	await expect(again).toHaveAttribute('data-renderer', 'canvas');
	expect(contrast(await canvasPixels(page))).toBeGreaterThan(20);
	expect(await webglContexts(page)).toBe(0);
	// Asked for, WebGL still starts there.
	const forced = await openReader(page, `/read/${slugs[0]}?renderer=webgl`);
	await expect(forced).toHaveAttribute('data-renderer', 'webgl');
	expect(contrast(await canvasPixels(page))).toBeGreaterThan(20);
});

test('a device whose WebGL is drawn by a GPU keeps WebGL', async ({ page }) => {
	// The name a tablet's driver gives (Mali), in place of SwiftShader's.
	await pretendGpu(page);
	const first = await openReader(page, `/read/${slugs[0]}`);
	await expect(first).toHaveAttribute('data-renderer', 'webgl');
	await expect.poll(() => rememberedKind(page)).toBe('hardware');
	const again = await openReader(page, `/read/${slugs[0]}`);
	await expect(again).toHaveAttribute('data-renderer', 'webgl');
	expect(contrast(await canvasPixels(page))).toBeGreaterThan(20);
});

for (const slug of slugs) {
	test(`guided view of "${slug}": next glides to a new region and updates the transcript`, async ({
		page
	}) => {
		const manifest = await manifestOf(page, slug);
		const ids = panelIds(manifest);
		const reader = await openReader(page, `/read/${slug}`);
		await expect(reader).toHaveAttribute('data-mode', 'guided');
		await expect(reader).toHaveAttribute('data-panel-id', ids[0]!);
		const transcript = page.getByTestId('transcript');
		await expect(transcript).toHaveAttribute('data-panel', ids[0]!);
		const before = await canvasPixels(page);
		const textBefore = await transcript.textContent();

		await page.keyboard.press('ArrowRight');
		await expect(reader).toHaveAttribute('data-panel-id', ids[1]!);
		if ((await reader.getAttribute('data-page')) === '1') {
			// Same page: the camera glides (a move with a duration) rather than cutting.
			expect(Number(await reader.getAttribute('data-move-ms'))).toBeGreaterThan(0);
		}
		await settled(page);
		await expect(transcript).toHaveAttribute('data-panel', ids[1]!);
		expect(await transcript.textContent()).not.toBe(textBefore);
		expect(changed(before, await canvasPixels(page))).toBeGreaterThan(0.05);
		await expect(page.getByTestId('position')).toContainText('2');
	});
}

test('page view shows the whole page; switching back to guided zooms on the panel', async ({ page }) => {
	const manifest = await manifestOf(page, slugs[0]!);
	const first = manifest.pages[0]!;
	const reader = await openReader(page, `/read/${slugs[0]}`);
	const canvas = await page.getByTestId('reader-canvas').boundingBox();
	const scaleOf = async () => Number((await reader.getAttribute('data-camera'))!.split(',')[2]);
	await settled(page);
	const guidedScale = await scaleOf();

	await page.getByTestId('mode-page').click();
	await expect(reader).toHaveAttribute('data-mode', 'page');
	await settled(page);
	const pageScale = await scaleOf();
	// The whole page fits: its size on screen is within the canvas on both axes.
	expect(first.width * pageScale).toBeLessThanOrEqual(canvas!.width + 1);
	expect(first.height * pageScale).toBeLessThanOrEqual(canvas!.height + 1);
	expect(pageScale).toBeLessThan(guidedScale);

	await page.getByTestId('mode-guided').click();
	await expect(reader).toHaveAttribute('data-mode', 'guided');
	await settled(page);
	expect(await scaleOf()).toBeCloseTo(guidedScale, 3);
});

test('page view: double tap zooms in where tapped and back out; a drag then pans', async ({ page }) => {
	const reader = await openReader(page, `/read/${slugs[0]}`);
	await page.getByTestId('mode-page').click();
	await settled(page);
	const camera = async () => (await reader.getAttribute('data-camera'))!.split(',').map(Number);
	const [, , fitScale] = await camera();
	const box = (await page.getByTestId('reader-canvas').boundingBox())!;
	const cx = box.x + box.width / 2;
	const cy = box.y + box.height / 2;
	await page.mouse.dblclick(cx, cy);
	await expect.poll(async () => (await camera())[2]).toBeCloseTo(fitScale! * 2.5, 3);
	const [x1, y1] = await camera();
	await page.mouse.move(cx, cy);
	await page.mouse.down();
	await page.mouse.move(cx + 20, cy + 60, { steps: 4 });
	await page.mouse.move(cx + 40, cy + 120, { steps: 4 });
	await page.mouse.up();
	const [x2, y2] = await camera();
	// The page follows the finger: dragging down and right shows what is up and left.
	expect(y2!).toBeLessThan(y1!);
	expect(x2!).toBeLessThanOrEqual(x1!);
	await expect(reader).toHaveAttribute('data-panel', '1');
	await page.mouse.dblclick(cx, cy);
	await expect.poll(async () => (await camera())[2]).toBeCloseTo(fitScale!, 3);
});

test('guided view: tap on the right goes on, tap on the left goes back, a swipe goes on', async ({
	page
}) => {
	const manifest = await manifestOf(page, slugs[0]!);
	const ids = panelIds(manifest);
	const reader = await openReader(page, `/read/${slugs[0]}`);
	// Tapped with the camera at rest on the first panel: during the opening glide the point tapped
	// can be on a bubble, and a tap on a bubble reads it instead of moving on. On a loaded machine the
	// glide can start after the camera first reads as arrived (at its opening place): at rest means
	// arrived and still there a moment later.
	const atRest = async () => {
		await settled(page);
		await expect
			.poll(async () => {
				const before = await reader.getAttribute('data-camera');
				await page.waitForTimeout(400);
				return (
					before === (await reader.getAttribute('data-camera')) &&
					before === (await reader.getAttribute('data-camera-target'))
				);
			})
			.toBe(true);
	};
	await atRest();
	const box = (await page.getByTestId('reader-canvas').boundingBox())!;
	const y = box.y + box.height / 2;
	await page.mouse.click(box.x + box.width * 0.85, y);
	await expect(reader).toHaveAttribute('data-panel-id', ids[1]!);
	await page.mouse.click(box.x + box.width * 0.1, y);
	await expect(reader).toHaveAttribute('data-panel-id', ids[0]!);
	// A swipe is quick (700 ms at most from press to release): on a loaded machine, one made while
	// the camera still glides back gets its events too late to count (CI: it moved nothing).
	await atRest();
	await page.mouse.move(box.x + box.width * 0.8, y);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.5, y + 5, { steps: 3 });
	await page.mouse.move(box.x + box.width * 0.2, y + 10, { steps: 3 });
	await page.mouse.up();
	await expect(reader).toHaveAttribute('data-panel-id', ids[1]!);
});

test('rotating the tablet keeps the current panel in view', async ({ page }) => {
	const manifest = await manifestOf(page, slugs[0]!);
	const panel = manifest.pages[0]!.panels[1]!;
	const reader = await openReader(page, `/read/${slugs[0]}?panel=${panel.id}`);
	for (const viewport of [
		{ width: 768, height: 1024 },
		{ width: 1024, height: 768 }
	]) {
		await page.setViewportSize(viewport);
		await expect
			.poll(async () => {
				const box = (await page.getByTestId('reader-canvas').boundingBox())!;
				const [x, y, scale] = (await reader.getAttribute('data-camera'))!.split(',').map(Number);
				// The panel's corners on screen must lie inside the canvas.
				const left = (panel.region.x - x!) * scale! + box.width / 2;
				const top = (panel.region.y - y!) * scale! + box.height / 2;
				const right = left + panel.region.w * scale!;
				const bottom = top + panel.region.h * scale!;
				return left >= -1 && top >= -1 && right <= box.width + 1 && bottom <= box.height + 1;
			})
			.toBe(true);
	}
	await expect(reader).toHaveAttribute('data-panel-id', panel.id);
});

test('keyboard: arrows and space move through the reading order', async ({ page }) => {
	const manifest = await manifestOf(page, slugs[0]!);
	const ids = panelIds(manifest);
	const reader = await openReader(page, `/read/${slugs[0]}`);
	await page.keyboard.press('ArrowRight');
	await expect(reader).toHaveAttribute('data-panel-id', ids[1]!);
	await page.keyboard.press('ArrowLeft');
	await expect(reader).toHaveAttribute('data-panel-id', ids[0]!);
	await page.keyboard.press('Space');
	await expect(reader).toHaveAttribute('data-panel-id', ids[1]!);
	// At the start, going back stays on the first panel.
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowLeft');
	await expect(reader).toHaveAttribute('data-panel-id', ids[0]!);
});

test('switching the text language changes the words at once and keeps the position', async ({ page }) => {
	const manifest = await manifestOf(page, slugs[0]!);
	const ids = panelIds(manifest);
	const reader = await openReader(page, `/read/${slugs[0]}`);
	await page.keyboard.press('ArrowRight');
	await expect(reader).toHaveAttribute('data-panel-id', ids[1]!);
	await settled(page);
	const current = await reader.getAttribute('data-text-language');
	const panel = manifest.pages.flatMap((p) => p.panels)[1]!;
	const other = manifest.languages.find(
		(l) => l.tag !== current && panel.bubbles.some((b) => b.text[l.tag] && b.text[l.tag] !== b.text[current!])
	);
	expect(other, 'the comic needs a second language with different text').toBeTruthy();
	const bubble = panel.bubbles.find((b) => b.text[other!.tag])!;
	const before = await canvasPixels(page);

	await page.locator(`[data-testid="text-language"] button[data-lang="${other!.tag}"]`).click();
	await expect(reader).toHaveAttribute('data-text-language', other!.tag);
	await expect(page.getByTestId('transcript')).toContainText(bubble.text[other!.tag]!);
	await expect(reader).toHaveAttribute('data-panel-id', ids[1]!);
	// The bubble text on the canvas changed too.
	await expect.poll(async () => changed(before, await canvasPixels(page))).toBeGreaterThan(0.001);
	if (other!.status === 'draft') await expect(page.getByTestId('draft-notice')).toBeVisible();
});

test('with reduced motion the camera cuts to the next panel', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	const manifest = await manifestOf(page, slugs[0]!);
	const ids = panelIds(manifest);
	const reader = await openReader(page, `/read/${slugs[0]}`);
	await expect(reader).toHaveAttribute('data-reduced-motion', 'true');
	const move = await camerasDuringMove(page, 'ArrowRight');
	// The first camera shown after the key press is already the target.
	expect(move.seen).toEqual([move.target]);
	await expect(reader).toHaveAttribute('data-move-ms', '0');
	await expect(reader).toHaveAttribute('data-panel-id', ids[1]!);
});

test('a reload restores the position, mode and text language', async ({ page }) => {
	const manifest = await manifestOf(page, slugs[0]!);
	const ids = panelIds(manifest);
	const reader = await openReader(page, `/read/${slugs[0]}`);
	await page.keyboard.press('ArrowRight');
	await expect(reader).toHaveAttribute('data-panel-id', ids[1]!);
	const other = manifest.languages.find((l) => l.tag !== manifest.referenceLanguage)!;
	await page.locator(`[data-testid="text-language"] button[data-lang="${other.tag}"]`).click();
	await expect(reader).toHaveAttribute('data-text-language', other.tag);

	await page.reload();
	await expect(reader).toHaveAttribute('data-ready', 'true');
	await expect(reader).toHaveAttribute('data-panel-id', ids[1]!);
	await expect(reader).toHaveAttribute('data-text-language', other.tag);
	await expect(page.getByTestId('transcript')).toHaveAttribute('data-panel', ids[1]!);
});

/**
 * Counts the animation frames the page's own code asks for (Playwright's injected scripts run in
 * another world and are not counted). Must be installed before the page loads.
 */
async function countAnimationFrames(page: Page): Promise<() => Promise<number>> {
	await page.addInitScript(() => {
		const w = window as unknown as { __kalansoFrames: number };
		w.__kalansoFrames = 0;
		const request = window.requestAnimationFrame.bind(window);
		window.requestAnimationFrame = (callback) =>
			request((time) => {
				w.__kalansoFrames++;
				callback(time);
			});
	});
	return () => page.evaluate(() => (window as unknown as { __kalansoFrames: number }).__kalansoFrames);
}

/** A stretch of time in which nothing is done to the page: to check that it stays still. */
const IDLE_WINDOW_MS = 800;

for (const renderer of ['webgl', 'canvas'] as const) {
	test(`draws on demand (${renderer}): a move is drawn over several frames, and no frame runs while still`, async ({
		page
	}) => {
		const manifest = await manifestOf(page, slugs[0]!);
		const ids = panelIds(manifest);
		const frames = await countAnimationFrames(page);
		const reader = await openReader(page, `/read/${slugs[0]}?renderer=${renderer}`);
		await settled(page);
		await expect(reader).toHaveAttribute('data-loaded-textures', /[1-3]/);

		// Still: not one animation frame (no ticker drawing the same picture again).
		const atRest = await frames();
		await page.evaluate((ms) => new Promise((r) => setTimeout(r, ms)), IDLE_WINDOW_MS);
		expect(await frames()).toBe(atRest);

		// A glide to the next panel on the same page: drawn frame by frame until it arrives.
		expect(manifest.pages[0]!.panels.length).toBeGreaterThan(1);
		await page.keyboard.press('ArrowRight');
		await expect(reader).toHaveAttribute('data-panel-id', ids[1]!);
		await settled(page);
		const afterMove = await frames();
		expect(afterMove - atRest).toBeGreaterThan(1);

		// Still again once it has arrived.
		await page.evaluate((ms) => new Promise((r) => setTimeout(r, ms)), IDLE_WINDOW_MS);
		expect(await frames()).toBe(afterMove);
	});
}

test('?panel= opens at a panel and ?return= offers the way back', async ({ page }) => {
	const manifest = await manifestOf(page, slugs[0]!);
	const ids = panelIds(manifest);
	const last = ids[ids.length - 1]!;
	const reader = await openReader(page, `/read/${slugs[0]}?panel=${last}&return=/quiz/somewhere`);
	await expect(reader).toHaveAttribute('data-panel-id', last);
	await expect(page.getByTestId('return-to-quiz')).toHaveAttribute('href', '/quiz/somewhere');
	// The last panel: no dead "Next", the end-of-comic actions instead.
	await expect(page.getByTestId('next')).toHaveCount(0);
	await expect(page.getByTestId('end-actions')).toBeVisible();
});

test('the end of a comic leads to its quiz, to a second reading, or to the library', async ({ page }) => {
	const manifest = await manifestOf(page, slugs[0]!);
	const ids = panelIds(manifest);
	const reader = await openReader(page, `/read/${slugs[0]}?panel=${ids.at(-2)}`);
	await expect(page.getByTestId('end-actions')).toHaveCount(0);
	await page.getByTestId('next').click();
	await expect(reader).toHaveAttribute('data-panel-id', ids.at(-1)!);
	const end = page.getByTestId('end-actions');
	await expect(end).toBeVisible();
	await expect(page.getByTestId('position')).toContainText('Fin de la bande dessinée');
	// The sample comics all have a quiz: it comes first, then "Relire" and "Bibliothèque".
	await expect(end.getByRole('link', { name: 'Faire le quiz' })).toHaveAttribute('href', `/quiz/${slugs[0]}`);
	await expect(end.getByRole('link', { name: 'Bibliothèque' })).toHaveAttribute('href', '/');
	await end.getByRole('button', { name: 'Relire' }).click();
	await expect(reader).toHaveAttribute('data-panel-id', ids[0]!);
	await expect(page.getByTestId('next')).toBeEnabled();

	await page.goto(`/read/${slugs[0]}?panel=${ids.at(-1)}`);
	await page.getByTestId('end-quiz').click();
	// The quiz, or first its "who is reading?" (no profile on this tablet yet), which returns to it.
	await expect(page).toHaveURL(
		new RegExp(`/quiz/${slugs[0]}$|/profiles\\?return=${encodeURIComponent(`/quiz/${slugs[0]}`)}$`)
	);
});

test('page view counts pages, guided view counts panels too', async ({ page }) => {
	const manifest = await manifestOf(page, slugs[0]!);
	const reader = await openReader(page, `/read/${slugs[0]}`);
	const position = page.getByTestId('position');
	const pages = manifest.pages.length;
	await expect(position).toHaveText(`Page 1/${pages} · case 1/${manifest.pages[0]!.panels.length}`);
	await page.getByTestId('mode-page').click();
	await expect(reader).toHaveAttribute('data-mode', 'page');
	await expect(position).toHaveText(`Page 1/${pages}`);
	await page.getByTestId('next').click();
	await expect(position).toHaveText(`Page 2/${pages}`);
});

test('a device that can draw neither with WebGL nor on a canvas gets a clear message', async ({ page }) => {
	await page.addInitScript(() => {
		HTMLCanvasElement.prototype.getContext = () => null;
	});
	await page.goto(`/read/${slugs[0]}`);
	await expect(page.getByTestId('reader-error')).toContainText(/WebGL/);
	await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'false');
});

test('an unknown comic shows a message that says what to do', async ({ page }) => {
	await page.goto('/read/no-such-comic');
	await expect(page.getByTestId('reader-error')).toContainText(/bibliothèque|library/i);
});
