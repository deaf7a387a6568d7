/**
 * Camera maths for the reader. Pure: the time of an animation comes in as an argument.
 *
 * A camera is the page point shown at the centre of the viewport and a scale (screen pixels per
 * page pixel): `screen = (page - camera) * scale + viewport / 2`. Regions are in page pixels,
 * viewports and margins in screen (CSS) pixels.
 */
import type { Point, Region } from '../manifest/schema';

export interface Camera {
	x: number;
	y: number;
	scale: number;
}

export interface Size {
	width: number;
	height: number;
}

export interface FitOptions {
	/** Empty space kept around the region on every side, screen pixels. */
	margin?: number;
	/** Never magnify more than this (a tiny panel is not blown up to a blur). */
	maxScale?: number;
}

/** The camera that shows `region` as large as possible inside the viewport, centred, with margins. */
export function fitRegion(region: Region, viewport: Size, options: FitOptions = {}): Camera {
	const margin = options.margin ?? 0;
	// A viewport smaller than its margins still gets a positive scale rather than a flipped image.
	const availableW = Math.max(1, viewport.width - 2 * margin);
	const availableH = Math.max(1, viewport.height - 2 * margin);
	const scale = Math.min(availableW / region.w, availableH / region.h, options.maxScale ?? Infinity);
	return { x: region.x + region.w / 2, y: region.y + region.h / 2, scale };
}

/** The camera that shows the whole page (page view's resting state). */
export function fitPage(page: Size, viewport: Size, margin = 0): Camera {
	return fitRegion({ x: 0, y: 0, w: page.width, h: page.height }, viewport, { margin });
}

/** The part of the page (page pixels) the viewport shows; may extend beyond the page. */
export function visibleRegion(camera: Camera, viewport: Size): Region {
	const w = viewport.width / camera.scale;
	const h = viewport.height / camera.scale;
	return { x: camera.x - w / 2, y: camera.y - h / 2, w, h };
}

export function pageToScreen(camera: Camera, viewport: Size, point: Point): Point {
	return {
		x: (point.x - camera.x) * camera.scale + viewport.width / 2,
		y: (point.y - camera.y) * camera.scale + viewport.height / 2
	};
}

export function screenToPage(camera: Camera, viewport: Size, point: Point): Point {
	return {
		x: (point.x - viewport.width / 2) / camera.scale + camera.x,
		y: (point.y - viewport.height / 2) / camera.scale + camera.y
	};
}

export interface ClampOptions {
	minScale: number;
	maxScale: number;
}

/**
 * Keeps a free (page view) camera sensible: scale within bounds, and no empty space shown beside
 * the page on an axis where the page is larger than the viewport; where it is smaller, centred.
 */
export function clampCamera(camera: Camera, page: Size, viewport: Size, limits: ClampOptions): Camera {
	const scale = Math.min(Math.max(camera.scale, limits.minScale), limits.maxScale);
	const axis = (centre: number, pageLength: number, viewLength: number) => {
		const half = viewLength / (2 * scale);
		if (pageLength <= 2 * half) return pageLength / 2;
		return Math.min(Math.max(centre, half), pageLength - half);
	};
	return {
		x: axis(camera.x, page.width, viewport.width),
		y: axis(camera.y, page.height, viewport.height),
		scale
	};
}

/** Zooms by `factor` keeping the page point under `screenPoint` where it is (pinch, double tap). */
export function zoomAt(camera: Camera, factor: number, screenPoint: Point, viewport: Size): Camera {
	const anchor = screenToPage(camera, viewport, screenPoint);
	const scale = camera.scale * factor;
	return {
		x: anchor.x - (screenPoint.x - viewport.width / 2) / scale,
		y: anchor.y - (screenPoint.y - viewport.height / 2) / scale,
		scale
	};
}

/** Moves the camera so the page follows a finger that moved by (dx, dy) screen pixels. */
export function panBy(camera: Camera, dx: number, dy: number): Camera {
	return { x: camera.x - dx / camera.scale, y: camera.y - dy / camera.scale, scale: camera.scale };
}

/** Slow start, slow end: the camera glides rather than jerks between panels. */
export function easeInOutCubic(t: number): number {
	const c = Math.min(Math.max(t, 0), 1);
	return c < 0.5 ? 4 * c * c * c : 1 - (-2 * c + 2) ** 3 / 2;
}

/**
 * A camera part-way between two. The scale moves geometrically so that zooming in and out feel
 * equally fast; the centre moves linearly.
 */
export function lerpCamera(from: Camera, to: Camera, t: number): Camera {
	return {
		x: from.x + (to.x - from.x) * t,
		y: from.y + (to.y - from.y) * t,
		scale: from.scale * (to.scale / from.scale) ** t
	};
}

/** An eased camera move that started at `startMs` (any clock, as long as `nowMs` uses the same). */
export interface CameraTween {
	from: Camera;
	to: Camera;
	startMs: number;
	/** 0 makes the move a cut (reduced motion). */
	durationMs: number;
}

/** Where the camera is at `nowMs`, and whether the move is over. */
export function tweenAt(tween: CameraTween, nowMs: number): { camera: Camera; done: boolean } {
	if (tween.durationMs <= 0) return { camera: tween.to, done: true };
	const t = (nowMs - tween.startMs) / tween.durationMs;
	if (t >= 1) return { camera: tween.to, done: true };
	return { camera: lerpCamera(tween.from, tween.to, easeInOutCubic(t)), done: false };
}

/** Move duration: longer for longer trips, within limits, so short hops stay snappy. */
export function moveDurationMs(from: Camera, to: Camera, viewport: Size): number {
	const diagonal = Math.hypot(viewport.width, viewport.height) || 1;
	const travel = Math.hypot((to.x - from.x) * to.scale, (to.y - from.y) * to.scale) / diagonal;
	const zoom = Math.abs(Math.log2(to.scale / from.scale));
	return Math.round(Math.min(700, 300 + 250 * travel + 150 * zoom));
}

export function camerasEqual(a: Camera, b: Camera, epsilon = 1e-6): boolean {
	return (
		Math.abs(a.x - b.x) <= epsilon &&
		Math.abs(a.y - b.y) <= epsilon &&
		Math.abs(a.scale - b.scale) <= epsilon * Math.max(1, a.scale)
	);
}
