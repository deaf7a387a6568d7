/**
 * Tiny SVG string builder used by the art kit. Numbers are rounded to one decimal so the output
 * is compact and byte-for-byte deterministic (the built WebP must not change unless the art does).
 */

export type Attrs = Record<string, string | number | undefined | null | false>;

/** Rounds to one decimal; `-0` becomes `0` so output never flips between the two. */
export function n(value: number): string {
	const r = Math.round(value * 10) / 10;
	return Object.is(r, -0) ? '0' : String(r);
}

function attrText(attrs: Attrs): string {
	let out = '';
	for (const [key, value] of Object.entries(attrs)) {
		if (value === undefined || value === null || value === false) continue;
		out += ` ${key}="${typeof value === 'number' ? n(value) : escapeAttr(value)}"`;
	}
	return out;
}

function escapeAttr(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** One element; children are already-built SVG strings. */
export function el(tag: string, attrs: Attrs = {}, ...children: string[]): string {
	const body = children.filter(Boolean).join('');
	return body ? `<${tag}${attrText(attrs)}>${body}</${tag}>` : `<${tag}${attrText(attrs)}/>`;
}

export const g = (attrs: Attrs, ...children: string[]): string => el('g', attrs, ...children);

export interface Pt {
	x: number;
	y: number;
}

export const pt = (x: number, y: number): Pt => ({ x, y });

/** A closed polygon path through the points. */
export function poly(points: Pt[]): string {
	return points.map((p, i) => `${i ? 'L' : 'M'}${n(p.x)} ${n(p.y)}`).join('') + 'Z';
}

/** An open polyline path. */
export function line(points: Pt[]): string {
	return points.map((p, i) => `${i ? 'L' : 'M'}${n(p.x)} ${n(p.y)}`).join('');
}

/**
 * A smooth closed path through the points (Catmull-Rom turned into cubic Béziers): organic
 * outlines (garments, trees, hair) without hand-placing control points.
 */
export function smooth(points: Pt[], closed = true, tension = 1): string {
	const count = points.length;
	if (count < 3) return closed ? poly(points) : line(points);
	const at = (i: number): Pt =>
		closed ? points[(i + count) % count]! : points[Math.max(0, Math.min(count - 1, i))]!;
	let d = `M${n(points[0]!.x)} ${n(points[0]!.y)}`;
	const last = closed ? count : count - 1;
	for (let i = 0; i < last; i++) {
		const p0 = at(i - 1);
		const p1 = at(i);
		const p2 = at(i + 1);
		const p3 = at(i + 2);
		const k = tension / 6;
		d +=
			`C${n(p1.x + (p2.x - p0.x) * k)} ${n(p1.y + (p2.y - p0.y) * k)} ` +
			`${n(p2.x - (p3.x - p1.x) * k)} ${n(p2.y - (p3.y - p1.y) * k)} ${n(p2.x)} ${n(p2.y)}`;
	}
	return closed ? d + 'Z' : d;
}

/** Seeded pseudo-random numbers (mulberry32): variety that is identical on every build. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Shared `<defs>` of one page (patterns, clip paths). Ids are deduplicated so a fabric used by
 * ten people is defined once.
 */
export class Defs {
	private readonly items = new Map<string, string>();

	/** Adds a definition under `id` unless one exists; returns `url(#id)`. */
	add(id: string, build: () => string): string {
		if (!this.items.has(id)) this.items.set(id, build());
		return `url(#${id})`;
	}

	toString(): string {
		return this.items.size ? el('defs', {}, ...this.items.values()) : '';
	}
}

/** Darkens (amount > 0) or lightens (amount < 0) a #rrggbb colour. */
export function shade(hex: string, amount: number): string {
	const v = parseInt(hex.slice(1), 16);
	const channel = (c: number) => {
		const out = amount >= 0 ? c * (1 - amount) : c + (255 - c) * -amount;
		return Math.max(0, Math.min(255, Math.round(out)));
	};
	const r = channel((v >> 16) & 255);
	const gg = channel((v >> 8) & 255);
	const b = channel(v & 255);
	return '#' + ((1 << 24) | (r << 16) | (gg << 8) | b).toString(16).slice(1);
}
