/**
 * Geometry of the studio's editor (issue 16): moving, resizing and drawing regions on a page, and
 * reordering. Pure; page pixels, origin top-left.
 */
import type { Point, Region } from '../manifest/schema';

/** Smallest side of a drawn or resized region, page pixels (smaller cannot be grabbed again). */
export const MIN_SIDE = 16;

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/** `region` moved by (dx, dy), kept inside the page. */
export function moveRegion(
	region: Region,
	dx: number,
	dy: number,
	page: { width: number; height: number }
): Region {
	return {
		...region,
		x: clamp(region.x + dx, 0, page.width - region.w),
		y: clamp(region.y + dy, 0, page.height - region.h)
	};
}

/** `region` with its bottom-right corner moved by (dx, dy), at least MIN_SIDE, inside the page. */
export function resizeRegion(
	region: Region,
	dx: number,
	dy: number,
	page: { width: number; height: number }
): Region {
	return {
		...region,
		w: clamp(region.w + dx, MIN_SIDE, page.width - region.x),
		h: clamp(region.h + dy, MIN_SIDE, page.height - region.y)
	};
}

/** The region spanned by two corners dragged on the page (any direction), clipped to the page. */
export function regionBetween(a: Point, b: Point, page: { width: number; height: number }): Region {
	const x0 = clamp(Math.min(a.x, b.x), 0, page.width);
	const y0 = clamp(Math.min(a.y, b.y), 0, page.height);
	const x1 = clamp(Math.max(a.x, b.x), 0, page.width);
	const y1 = clamp(Math.max(a.y, b.y), 0, page.height);
	return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** A point kept on the page. */
export function clampPoint(p: Point, page: { width: number; height: number }): Point {
	return { x: clamp(p.x, 0, page.width), y: clamp(p.y, 0, page.height) };
}

/** A copy of `items` with the item at `from` moved to `to` (reading order by dragging). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
	const out = items.slice();
	if (from < 0 || from >= out.length || to < 0 || to >= out.length || from === to) return out;
	const [item] = out.splice(from, 1);
	out.splice(to, 0, item!);
	return out;
}

/** Whether a point is inside a region (edges included). */
export function contains(r: Region, p: Point): boolean {
	return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

/** An id not in `taken`: `<prefix>-<n>` with the smallest n ≥ 1 free. */
export function freeId(prefix: string, ids: Iterable<string>): string {
	const taken = new Set(ids);
	for (let n = 1; ; n++) {
		const id = `${prefix}-${n}`;
		if (!taken.has(id)) return id;
	}
}
