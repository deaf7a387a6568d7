/**
 * Narration on the production build, in Chromium with real audio (howler, HTML5 mode) — autoplay
 * is allowed by the flag in playwright.config.ts, so sound starts without a real gesture here.
 * Tests wait on the controls' attributes (`data-narration-state`, `data-active-bubble`,
 * `data-position`…) and the reader's (`data-ready`, `data-panel-id`), never on sleeps.
 *
 * Uses the sample comic « Trente jours », narrated in French and English with espeak-ng and with no
 * narration in Bambara (its draft text language).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import { clipRuns, startSampling, stopSampling, trackMedia } from './support/media';

const SLUG = 'trente-jours';

test.use({ viewport: { width: 1024, height: 720 } });

async function manifestOf(page: Page): Promise<Manifest> {
	const response = await page.request.get(`/api/comics/${SLUG}`);
	expect(response.ok()).toBe(true);
	return (await response.json()) as Manifest;
}

async function openReader(page: Page): Promise<{ reader: Locator; narration: Locator }> {
	await page.goto(`/read/${SLUG}`);
	const reader = page.getByTestId('reader');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	const narration = page.getByTestId('narration');
	await expect(narration).toHaveAttribute('data-narration-state', 'idle');
	return { reader, narration };
}

/** Bubbles of the comic in reading order, with their panel and page. */
function bubblesInOrder(m: Manifest) {
	return m.pages.flatMap((page, p) =>
		page.panels.flatMap((panel) => panel.bubbles.map((b) => ({ id: b.id, panelId: panel.id, pageIndex: p })))
	);
}

/**
 * Starts recording, inside the page, every change of the active bubble together with the panel
 * the reader shows at that moment and the audio position.
 */
async function recordActivity(page: Page): Promise<void> {
	await page.evaluate(() => {
		const controls = document.querySelector<HTMLElement>('[data-testid="narration"]')!;
		const reader = document.querySelector<HTMLElement>('[data-testid="reader"]')!;
		const log: { bubble: string; panel: string; position: string; rate: string }[] = [];
		(window as unknown as { narrationLog: typeof log }).narrationLog = log;
		new MutationObserver(() => {
			const entry = {
				bubble: controls.dataset.activeBubble ?? '',
				panel: reader.dataset.panelId ?? '',
				position: controls.dataset.position ?? '',
				// The speed the playing media element really plays at (trackMedia), not a flag of ours.
				rate: String(
					(window as unknown as { playedMedia?: HTMLMediaElement[] }).playedMedia?.find(
						(m) => !m.paused && m.currentSrc
					)?.playbackRate ?? ''
				)
			};
			const last = log.at(-1);
			if (!last || last.bubble !== entry.bubble || last.position !== entry.position) log.push(entry);
		}).observe(controls, { attributes: true, attributeFilter: ['data-active-bubble', 'data-position'] });
	});
}

async function activity(page: Page) {
	return page.evaluate(
		() =>
			(
				window as unknown as {
					narrationLog: { bubble: string; panel: string; position: string; rate: string }[];
				}
			).narrationLog
	);
}

/** Screen point (CSS pixels, relative to the canvas) of a bubble's centre, from the reader's camera. */
async function bubbleCentre(page: Page, m: Manifest, bubbleId: string): Promise<{ x: number; y: number }> {
	const bubble = m.pages.flatMap((p) => p.panels.flatMap((q) => q.bubbles)).find((b) => b.id === bubbleId)!;
	const camera = (await page.getByTestId('reader').getAttribute('data-camera'))!.split(',').map(Number);
	const box = (await page.getByTestId('reader-canvas').boundingBox())!;
	const [cx, cy, scale] = camera as [number, number, number];
	const r = bubble.shape!.region;
	return {
		x: (r.x + r.w / 2 - cx) * scale + box.width / 2,
		y: (r.y + r.h / 2 - cy) * scale + box.height / 2
	};
}

test('Read to me highlights the bubbles in reading order and moves the camera on, across the page turn', async ({
	page
}) => {
	const m = await manifestOf(page);
	const { reader, narration } = await openReader(page);
	await expect(narration).toHaveAttribute('data-narration-language', 'fr');
	// Faster than recorded, so the test reads a whole page and the turn in little time.
	await page.getByTestId('narration-speed').selectOption('1.5');
	await recordActivity(page);
	await page.getByTestId('narration-read').click();
	await expect(narration).toHaveAttribute('data-narration-state', 'playing');

	const order = bubblesInOrder(m);
	const firstOfPage2 = order.find((b) => b.pageIndex === 1)!;
	await expect(narration).toHaveAttribute('data-active-bubble', firstOfPage2.id, { timeout: 60_000 });
	await expect(reader).toHaveAttribute('data-page', '2');
	await expect(reader).toHaveAttribute('data-panel-id', firstOfPage2.panelId);
	// The transcript marks the bubble being read.
	await expect(page.locator(`[data-testid="transcript"] [data-bubble="${firstOfPage2.id}"]`)).toHaveAttribute(
		'data-active',
		'true'
	);
	await page.getByTestId('narration-pause').click();
	await expect(narration).toHaveAttribute('data-narration-state', 'paused');

	const log = await activity(page);
	const heard = log.map((e) => e.bubble).filter((b, i, all) => b && b !== all[i - 1]);
	const expected = order.slice(0, order.indexOf(firstOfPage2) + 1).map((b) => b.id);
	expect(heard).toEqual(expected);
	// Each bubble was highlighted while the reader showed its panel.
	for (const entry of log.filter((e) => e.bubble)) {
		expect(entry.panel, entry.bubble).toBe(order.find((b) => b.id === entry.bubble)!.panelId);
	}

	await page.getByTestId('narration-resume').click();
	await expect(narration).toHaveAttribute('data-narration-state', 'playing');
	await page.getByTestId('narration-stop').click();
	await expect(narration).toHaveAttribute('data-narration-state', 'idle');
	await expect(narration).toHaveAttribute('data-active-bubble', '');
});

/** Share of canvas pixels that differ noticeably between two screenshots of the same size. */
async function changedShare(a: Buffer, b: Buffer): Promise<number> {
	const [x, y] = await Promise.all([a, b].map((png) => sharp(png).removeAlpha().raw().toBuffer()));
	expect(x!.length).toBe(y!.length);
	let count = 0;
	for (let i = 0; i < x!.length; i += 3) {
		const d =
			Math.abs(x![i]! - y![i]!) + Math.abs(x![i + 1]! - y![i + 1]!) + Math.abs(x![i + 2]! - y![i + 2]!);
		if (d > 30) count++;
	}
	return count / (x!.length / 3);
}

test('stop after each bubble waits for a tap, and the bubble being read is outlined on the canvas', async ({
	page
}) => {
	const m = await manifestOf(page);
	const { narration } = await openReader(page);
	const order = bubblesInOrder(m);
	const canvas = page.getByTestId('reader-canvas');
	const plain = await canvas.screenshot();
	await page.getByTestId('narration-stop-after-each').check();
	await expect(narration).toHaveAttribute('data-stop-after-each', 'true');
	await page.getByTestId('narration-read').click();
	await expect(narration).toHaveAttribute('data-narration-state', 'waiting', { timeout: 30_000 });
	await expect(narration).toHaveAttribute('data-active-bubble', order[0]!.id);
	await expect(narration).toHaveAttribute('data-clips-started', '1');
	const outlined = await canvas.screenshot();
	expect(await changedShare(plain, outlined)).toBeGreaterThan(0.002);

	await page.getByTestId('narration-continue').click();
	await expect(narration).toHaveAttribute('data-active-bubble', order[1]!.id);
	await expect(narration).toHaveAttribute('data-narration-state', 'waiting', { timeout: 30_000 });
	await expect(narration).toHaveAttribute('data-clips-started', '2');
	await page.getByTestId('narration-replay').click();
	await expect(narration).toHaveAttribute('data-clips-started', '3');
	await expect(narration).toHaveAttribute('data-active-bubble', order[1]!.id);
	await page.getByTestId('narration-stop').click();
	await expect(narration).toHaveAttribute('data-active-bubble', '');
	// The outline is gone again once nothing is read (the camera did not move: same panel).
	await expect.poll(async () => changedShare(plain, await canvas.screenshot())).toBeLessThan(0.002);
});

test('tapping a bubble plays exactly that bubble, then stops', async ({ page }) => {
	const m = await manifestOf(page);
	const { reader, narration } = await openReader(page);
	const panel = m.pages[0]!.panels[0]!;
	const bubble = panel.bubbles.at(-1)!;
	await page.getByTestId('reader-canvas').click({ position: await bubbleCentre(page, m, bubble.id) });
	await expect(narration).toHaveAttribute('data-active-bubble', bubble.id);
	await expect(narration).toHaveAttribute('data-narration-state', 'playing');
	await expect(narration).toHaveAttribute('data-narration-state', 'idle', { timeout: 30_000 });
	await expect(narration).toHaveAttribute('data-active-bubble', '');
	await expect(narration).toHaveAttribute('data-clips-started', '1');
	// The tap did not turn the page.
	await expect(reader).toHaveAttribute('data-panel-id', panel.id);
});

test('changing the speed while reading keeps the highlight on the words being spoken', async ({ page }) => {
	const m = await manifestOf(page);
	await trackMedia(page);
	const { narration } = await openReader(page);
	const clips = new Map(m.narration!.fr!.clips.map((c) => [c.target, c]));
	await recordActivity(page);
	await page.getByTestId('narration-read').click();
	const order = bubblesInOrder(m);
	await expect(narration).toHaveAttribute('data-active-bubble', order[1]!.id, { timeout: 30_000 });
	await page.getByTestId('narration-speed').selectOption('1.5');
	await expect.poll(() => playingRate(page)).toBe(1.5);
	await expect(narration).toHaveAttribute('data-active-bubble', order[3]!.id, { timeout: 30_000 });
	await page.getByTestId('narration-speed').selectOption('0.75');
	await expect(narration).toHaveAttribute('data-active-bubble', order[4]!.id, { timeout: 30_000 });
	await page.getByTestId('narration-stop').click();

	const samples = (await activity(page)).filter((e) => e.bubble && e.position);
	expect(samples.length).toBeGreaterThan(10);
	// Whatever the speed, the audio position read back lies inside the highlighted bubble's clip
	// (with a margin for the 200 ms polling and the sprite's end timer).
	for (const s of samples) {
		const clip = clips.get(s.bubble)!;
		const at = Number(s.position);
		expect(at, `${s.bubble} at ${s.rate}× (${JSON.stringify(clip)})`).toBeGreaterThanOrEqual(
			clip.startSec - 0.3
		);
		expect(at, `${s.bubble} at ${s.rate}×`).toBeLessThanOrEqual(clip.endSec + 0.3);
	}
	expect(new Set(samples.map((s) => s.rate))).toEqual(new Set(['1', '1.5', '0.75']));
});

/** playbackRate of the media element playing now, or null when none plays. */
async function playingRate(page: Page): Promise<number | null> {
	return page.evaluate(
		() =>
			(window as unknown as { playedMedia: HTMLMediaElement[] }).playedMedia.find(
				(m) => !m.paused && m.currentSrc
			)?.playbackRate ?? null
	);
}

for (const rate of [0.75, 1.5]) {
	test(`at ${rate}× every clip plays at ${rate}×, across the page turn (the media element's real speed)`, async ({
		page
	}) => {
		const m = await manifestOf(page);
		await trackMedia(page);
		// Start on the last panel of page 1: two clips there, then the turn, then page 2.
		const lastOfPage1 = m.pages[0]!.panels.at(-1)!;
		await page.goto(`/read/${SLUG}?panel=${lastOfPage1.id}`);
		await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
		const narration = page.getByTestId('narration');
		await expect(narration).toHaveAttribute('data-narration-state', 'idle');
		await page.getByTestId('narration-speed').selectOption(String(rate));
		await startSampling(page);
		await page.getByTestId('narration-read').click();

		const page2 = bubblesInOrder(m).filter((b) => b.pageIndex === 1);
		await expect(narration).toHaveAttribute('data-active-bubble', page2[2]!.id, { timeout: 60_000 });
		const samples = await stopSampling(page);
		await page.getByTestId('narration-stop').click();

		const runs = clipRuns(samples);
		const heard = runs.map((r) => r.bubble);
		const expected = [...lastOfPage1.bubbles.map((b) => b.id), page2[0]!.id, page2[1]!.id];
		for (const id of expected) expect(heard, `a run of clip ${id}`).toContain(id);
		// Both audio files (page 1 and page 2) were heard.
		expect(new Set(runs.map((r) => r.src.replace(/^.*\/audio\//, '')))).toEqual(
			new Set(['fr/p1.ogg', 'fr/p2.ogg'])
		);
		for (const run of runs) {
			for (const s of run.samples) expect(s.playbackRate, `${run.bubble} playbackRate`).toBe(rate);
			// Audio seconds per wall second: the speed a student hears.
			expect(run.measuredRate, `${run.bubble} measured speed`).toBeGreaterThan(rate * 0.88);
			expect(run.measuredRate, `${run.bubble} measured speed`).toBeLessThan(rate * 1.12);
		}
	});
}

for (const viewport of [
	{ width: 1024, height: 720 },
	{ width: 412, height: 800 }
]) {
	test(`the comic does not move when narration starts, pauses or stops (${viewport.width} px wide)`, async ({
		page
	}) => {
		await page.setViewportSize(viewport);
		const { narration } = await openReader(page);
		const canvas = page.getByTestId('reader-canvas');
		const boxes = async () => ({
			canvas: await canvas.boundingBox(),
			controls: (await page.getByTestId('narration-slot').boundingBox())?.height
		});
		const before = await boxes();
		await page.getByTestId('narration-read').click();
		await expect(narration).toHaveAttribute('data-narration-state', 'playing');
		// Sound is running (the position moved), so any resize of the canvas has had its frames.
		await expect
			.poll(async () => Number((await narration.getAttribute('data-position')) || 0))
			.toBeGreaterThan(0.5);
		expect(await boxes()).toEqual(before);
		await page.getByTestId('narration-pause').click();
		await expect(narration).toHaveAttribute('data-narration-state', 'paused');
		expect(await boxes()).toEqual(before);
		await page.getByTestId('narration-stop').click();
		await expect(narration).toHaveAttribute('data-narration-state', 'idle');
		expect(await boxes()).toEqual(before);
	});
}

test('switching the narration language changes the voice, keeps the text language, and is remembered', async ({
	page
}) => {
	const m = await manifestOf(page);
	const { reader, narration } = await openReader(page);
	const first = bubblesInOrder(m)[0]!;
	await page.getByTestId('narration-read').click();
	await expect(narration).toHaveAttribute('data-active-bubble', first.id);
	await expect(narration).toHaveAttribute('data-audio-src', /\/audio\/fr\/p1\.ogg$/);

	await page.getByTestId('narration-language').selectOption('en');
	await expect(narration).toHaveAttribute('data-narration-state', 'idle');
	await page.getByTestId('narration-read').click();
	await expect(narration).toHaveAttribute('data-active-bubble', first.id);
	await expect(narration).toHaveAttribute('data-audio-src', /\/audio\/en\/p1\.ogg$/);
	await expect(reader).toHaveAttribute('data-text-language', 'fr');

	await page.reload();
	await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('narration')).toHaveAttribute('data-narration-language', 'en');
	await expect(page.getByTestId('reader')).toHaveAttribute('data-text-language', 'fr');
});

test('a language without narration says so, and reading still works', async ({ page }) => {
	const { reader, narration } = await openReader(page);
	await page.getByTestId('narration-language').selectOption('bm');
	await expect(narration).toHaveAttribute('data-narration-state', 'unavailable');
	await expect(page.getByTestId('narration-unavailable')).toContainText(/bambara/i);
	await expect(page.getByTestId('narration-read')).toHaveCount(0);
	const before = await reader.getAttribute('data-panel-id');
	await page.getByTestId('next').click();
	await expect(reader).not.toHaveAttribute('data-panel-id', before!);
});
