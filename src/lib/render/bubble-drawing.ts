/**
 * Outlines of bubbles as polygons and simple primitives, in page pixels. Kept free of Pixi so the
 * geometry (tail base, burst spikes, cloud bumps) can be reasoned about and reused by any backend.
 */
import type { BubbleRole, BubbleShape, Point } from '$lib/domain/manifest/schema';

/** Ink colour of outlines and text. */
export const INK = 0x1d1d1b;

/** Fill colour per role: captions on pale yellow like a narrator's box, sounds on bright yellow. */
export function fillFor(role: BubbleRole): number {
	if (role === 'caption') return 0xfff1c1;
	if (role === 'sound') return 0xffe066;
	return 0xffffff;
}

/** Outline width in page pixels, relative to the bubble so it reads the same on any art size. */
export function strokeWidthFor(role: BubbleRole, shape: BubbleShape): number {
	const base = Math.max(1.5, Math.min(shape.region.w, shape.region.h) * 0.03);
	return role === 'shout' ? base * 1.8 : base;
}

/** A star outline around the box: spikes alternate between the box's ellipse and an inner one. */
export function burstPolygon(shape: BubbleShape, spikes = 14): number[] {
	const { x, y, w, h } = shape.region;
	const cx = x + w / 2;
	const cy = y + h / 2;
	const pts: number[] = [];
	for (let i = 0; i < spikes * 2; i++) {
		const angle = (Math.PI * i) / spikes - Math.PI / 2;
		const r = i % 2 === 0 ? 1 : 0.78;
		pts.push(cx + Math.cos(angle) * (w / 2) * r, cy + Math.sin(angle) * (h / 2) * r);
	}
	return pts;
}

/** Circles along an ellipse slightly inside the box, whose outer arcs form a cloud's outline. */
export function cloudBumps(shape: BubbleShape): { x: number; y: number; r: number }[] {
	const { x, y, w, h } = shape.region;
	const cx = x + w / 2;
	const cy = y + h / 2;
	const r = Math.min(w, h) * 0.16;
	const rx = w / 2 - r;
	const ry = h / 2 - r;
	const perimeter = Math.PI * (3 * (rx + ry) - Math.sqrt((3 * rx + ry) * (rx + 3 * ry)));
	const count = Math.max(8, Math.round(perimeter / (r * 1.4)));
	return Array.from({ length: count }, (_, i) => {
		const angle = (2 * Math.PI * i) / count;
		return { x: cx + Math.cos(angle) * rx, y: cy + Math.sin(angle) * ry, r };
	});
}

/**
 * The tail as a triangle from the bubble's centre to the speaker. Its base lies inside the body,
 * which is drawn over it, so only the part sticking out shows.
 */
export function tailTriangle(shape: BubbleShape, tip: Point): number[] {
	const { x, y, w, h } = shape.region;
	const cx = x + w / 2;
	const cy = y + h / 2;
	const dx = tip.x - cx;
	const dy = tip.y - cy;
	const length = Math.hypot(dx, dy) || 1;
	const half = Math.min(w, h) * 0.14;
	const nx = (-dy / length) * half;
	const ny = (dx / length) * half;
	return [cx + nx, cy + ny, tip.x, tip.y, cx - nx, cy - ny];
}

/** Small circles from the body towards the thinker, for thought bubbles. */
export function thoughtDots(shape: BubbleShape, tip: Point): { x: number; y: number; r: number }[] {
	const { x, y, w, h } = shape.region;
	const cx = x + w / 2;
	const cy = y + h / 2;
	// Start where the line to the tip leaves the ellipse of the box.
	const dx = tip.x - cx;
	const dy = tip.y - cy;
	const k = 1 / Math.sqrt((dx / (w / 2)) ** 2 + (dy / (h / 2)) ** 2 || 1);
	const sx = cx + dx * Math.min(k, 1);
	const sy = cy + dy * Math.min(k, 1);
	const base = Math.min(w, h) * 0.09;
	return [0.3, 0.62, 0.9].map((t, i) => ({
		x: sx + (tip.x - sx) * t,
		y: sy + (tip.y - sy) * t,
		r: base * (1 - i * 0.28)
	}));
}

/** The tail triangle pulled in by `inset` towards its centroid (to cover the body's outline only). */
export function shrinkTriangle(tri: number[], inset: number): number[] {
	const cx = (tri[0]! + tri[2]! + tri[4]!) / 3;
	const cy = (tri[1]! + tri[3]! + tri[5]!) / 3;
	const out: number[] = [];
	for (let i = 0; i < 6; i += 2) {
		const dx = tri[i]! - cx;
		const dy = tri[i + 1]! - cy;
		const d = Math.hypot(dx, dy) || 1;
		const k = Math.max(0, (d - inset) / d);
		out.push(cx + dx * k, cy + dy * k);
	}
	return out;
}
