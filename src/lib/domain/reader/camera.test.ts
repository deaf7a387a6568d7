import { describe, expect, it } from 'vitest';
import {
	clampCamera,
	easeInOutCubic,
	fitPage,
	fitRegion,
	lerpCamera,
	moveDurationMs,
	pageToScreen,
	panBy,
	screenToPage,
	tweenAt,
	visibleRegion,
	zoomAt,
	type Camera,
	type Size
} from './camera';
import type { Region } from '../manifest/schema';

const portrait: Size = { width: 800, height: 1280 };
const landscape: Size = { width: 1280, height: 800 };

describe('fitRegion', () => {
	it.each<[string, Region, Size, number, Camera]>([
		// wide panel in portrait: width decides
		['wide panel, portrait', { x: 0, y: 0, w: 1000, h: 400 }, portrait, 0, { x: 500, y: 200, scale: 0.8 }],
		// wide panel in landscape: width still decides (1280/1000 < 800/400)
		['wide panel, landscape', { x: 0, y: 0, w: 1000, h: 400 }, landscape, 0, { x: 500, y: 200, scale: 1.28 }],
		// tall panel in landscape: height decides
		[
			'tall panel, landscape',
			{ x: 100, y: 200, w: 300, h: 1000 },
			landscape,
			0,
			{ x: 250, y: 700, scale: 0.8 }
		],
		// tall panel in portrait: height decides (1280/1000 < 800/300)
		[
			'tall panel, portrait',
			{ x: 100, y: 200, w: 300, h: 1000 },
			portrait,
			0,
			{ x: 250, y: 700, scale: 1.28 }
		],
		// margins shrink the space: (800 - 2*40) / 720 = 1
		['with margins', { x: 10, y: 10, w: 720, h: 360 }, portrait, 40, { x: 370, y: 190, scale: 1 }]
	])('%s', (_name, region, viewport, margin, expected) => {
		const camera = fitRegion(region, viewport, { margin });
		expect(camera.x).toBeCloseTo(expected.x);
		expect(camera.y).toBeCloseTo(expected.y);
		expect(camera.scale).toBeCloseTo(expected.scale);
	});

	it.each<[string, Region, Size, number]>([
		['wide in portrait', { x: 50, y: 900, w: 1400, h: 500 }, portrait, 24],
		['tall in landscape', { x: 800, y: 100, w: 400, h: 1800 }, landscape, 24],
		['square in portrait', { x: 0, y: 0, w: 500, h: 500 }, portrait, 16],
		['tiny margins-bigger-than-view', { x: 0, y: 0, w: 100, h: 100 }, { width: 30, height: 30 }, 20]
	])('keeps the whole region inside the viewport with its margins: %s', (_name, region, viewport, margin) => {
		const camera = fitRegion(region, viewport, { margin });
		const topLeft = pageToScreen(camera, viewport, { x: region.x, y: region.y });
		const bottomRight = pageToScreen(camera, viewport, { x: region.x + region.w, y: region.y + region.h });
		const m = Math.min(margin, viewport.width / 2 - 0.5);
		expect(camera.scale).toBeGreaterThan(0);
		if (viewport.width > 2 * margin) {
			expect(topLeft.x).toBeGreaterThanOrEqual(m - 1e-6);
			expect(topLeft.y).toBeGreaterThanOrEqual(m - 1e-6);
			expect(bottomRight.x).toBeLessThanOrEqual(viewport.width - m + 1e-6);
			expect(bottomRight.y).toBeLessThanOrEqual(viewport.height - m + 1e-6);
			// and it touches the margin on at least one axis (as large as possible)
			const slackX = Math.min(topLeft.x, viewport.width - bottomRight.x) - margin;
			const slackY = Math.min(topLeft.y, viewport.height - bottomRight.y) - margin;
			expect(Math.min(Math.abs(slackX), Math.abs(slackY))).toBeLessThan(1e-6);
		}
	});

	it('respects maxScale for small panels', () => {
		expect(fitRegion({ x: 0, y: 0, w: 10, h: 10 }, portrait, { maxScale: 3 }).scale).toBe(3);
	});
});

describe('fitPage', () => {
	it.each<[Size, Size, number]>([
		[{ width: 1536, height: 2048 }, portrait, 800 / 1536],
		[{ width: 1536, height: 2048 }, landscape, 800 / 2048],
		[{ width: 400, height: 600 }, { width: 400, height: 600 }, 1]
	])('page %j in %j has scale %f', (page, viewport, scale) => {
		const camera = fitPage(page, viewport);
		expect(camera.scale).toBeCloseTo(scale);
		expect(camera.x).toBe(page.width / 2);
		expect(camera.y).toBe(page.height / 2);
	});
});

describe('screen and page coordinates', () => {
	const camera: Camera = { x: 300, y: 400, scale: 2 };
	it.each([
		[
			{ x: 300, y: 400 },
			{ x: 640, y: 400 }
		],
		[
			{ x: 0, y: 0 },
			{ x: 40, y: -400 }
		],
		[
			{ x: 310, y: 405 },
			{ x: 660, y: 410 }
		]
	])('page %j ↔ screen %j', (pagePoint, screenPoint) => {
		expect(pageToScreen(camera, landscape, pagePoint)).toEqual(screenPoint);
		expect(screenToPage(camera, landscape, screenPoint)).toEqual(pagePoint);
	});

	it('visibleRegion is the viewport in page pixels', () => {
		expect(visibleRegion(camera, landscape)).toEqual({ x: -20, y: 200, w: 640, h: 400 });
	});
});

describe('clampCamera', () => {
	const page: Size = { width: 1000, height: 2000 };
	const view: Size = { width: 500, height: 500 };
	const limits = { minScale: 0.25, maxScale: 4 };
	it.each<[string, Camera, Camera]>([
		['scale below min is raised', { x: 500, y: 1000, scale: 0.1 }, { x: 500, y: 1000, scale: 0.25 }],
		['scale above max is lowered', { x: 500, y: 1000, scale: 9 }, { x: 500, y: 1000, scale: 4 }],
		['panned past the left edge stops at it', { x: -100, y: 1000, scale: 1 }, { x: 250, y: 1000, scale: 1 }],
		['panned past the bottom stops at it', { x: 500, y: 5000, scale: 1 }, { x: 500, y: 1750, scale: 1 }],
		// at 0.25 the page is 250 px wide in a 500 px view: centred horizontally
		[
			'an axis smaller than the view is centred',
			{ x: 0, y: 0, scale: 0.25 },
			{ x: 500, y: 1000, scale: 0.25 }
		],
		['inside stays put', { x: 400, y: 700, scale: 2 }, { x: 400, y: 700, scale: 2 }]
	])('%s', (_name, camera, expected) => {
		expect(clampCamera(camera, page, view, limits)).toEqual(expected);
	});
});

describe('zoomAt and panBy', () => {
	it.each([
		[2, { x: 640, y: 400 }],
		[0.5, { x: 100, y: 100 }],
		[3, { x: 1200, y: 20 }]
	])('zooming by %f keeps the page point under %j fixed', (factor, screenPoint) => {
		const camera: Camera = { x: 500, y: 600, scale: 1.5 };
		const before = screenToPage(camera, landscape, screenPoint);
		const zoomed = zoomAt(camera, factor, screenPoint, landscape);
		expect(zoomed.scale).toBeCloseTo(1.5 * factor);
		const after = screenToPage(zoomed, landscape, screenPoint);
		expect(after.x).toBeCloseTo(before.x);
		expect(after.y).toBeCloseTo(before.y);
	});

	it('panning moves the page with the finger', () => {
		const camera: Camera = { x: 500, y: 600, scale: 2 };
		const moved = panBy(camera, 100, -50);
		expect(moved).toEqual({ x: 450, y: 625, scale: 2 });
	});
});

describe('easing and tweens', () => {
	it.each([
		[-1, 0],
		[0, 0],
		[0.25, 0.0625],
		[0.5, 0.5],
		[0.75, 0.9375],
		[1, 1],
		[2, 1]
	])('easeInOutCubic(%f) = %f', (t, value) => {
		expect(easeInOutCubic(t)).toBeCloseTo(value);
	});

	const from: Camera = { x: 0, y: 0, scale: 1 };
	const to: Camera = { x: 100, y: 200, scale: 4 };

	it('lerpCamera moves the scale geometrically', () => {
		expect(lerpCamera(from, to, 0.5)).toEqual({ x: 50, y: 100, scale: 2 });
	});

	it.each<[string, number, number, Camera, boolean]>([
		['at the start', 400, 1000, from, false],
		['half way', 400, 1200, { x: 50, y: 100, scale: 2 }, false],
		['at the end', 400, 1400, to, true],
		['long after', 400, 9999, to, true],
		['a zero-length move is a cut', 0, 1000, to, true]
	])('tweenAt %s', (_name, durationMs, now, camera, done) => {
		const result = tweenAt({ from, to, startMs: 1000, durationMs }, now);
		expect(result.done).toBe(done);
		expect(result.camera.x).toBeCloseTo(camera.x);
		expect(result.camera.y).toBeCloseTo(camera.y);
		expect(result.camera.scale).toBeCloseTo(camera.scale);
	});

	it.each<[Camera, Camera, number, number]>([
		[from, from, 300, 300],
		[from, { x: 5000, y: 5000, scale: 64 }, 700, 700]
	])('moveDurationMs stays within 300–700 ms', (a, b, min, max) => {
		const d = moveDurationMs(a, b, landscape);
		expect(d).toBeGreaterThanOrEqual(min);
		expect(d).toBeLessThanOrEqual(max);
	});
});
