import { describe, expect, it } from 'vitest';
import type { Bubble, BubbleShape } from '$lib/domain/manifest/schema';
import type { FitResult } from '$lib/domain/reader/text-fit';
import { drawnBounds, paintBubble, textLayout, WARNING } from './bubble-canvas';
import { fillFor } from './bubble-drawing';
import { sceneBubble, type SceneBubble } from './svg-page';

const fits: FitResult = { fits: true, fontPx: 20, lines: ['Bonjour Awa', 'ça va ?'], lineHeightPx: 25 };
const overflows: FitResult = {
	fits: false,
	fontPx: 14,
	lines: ['Un texte bien trop long', 'pour cette bulle', 'qui déborde', 'de partout'],
	lineHeightPx: 17.5,
	reason: 'too long'
} as FitResult;

function bubbleOf(shape: BubbleShape, extra: Partial<Bubble> = {}): Bubble {
	return { id: 'b1', role: 'speech', shape, text: { fr: 'Bonjour Awa ça va ?' }, ...extra } as Bubble;
}

function scene(shape: BubbleShape, fit: FitResult, extra: Partial<Bubble> = {}): SceneBubble {
	const bubble = bubbleOf(shape, extra);
	return sceneBubble(bubble, shape, fit, { fill: fillFor(bubble.role), lang: 'fr' });
}

describe('textLayout (where Pixi draws the lines of a centred Text)', () => {
	const text = { ...scene({ kind: 'rect', region: { x: 0, y: 0, w: 400, h: 200 } }, fits).text };

	it('centres the block on the text centre and each line in the widest, baselines an ascent and half the leading below each line top', () => {
		const layout = textLayout(
			{ ...text, cx: 200, cy: 100, lineHeightPx: 30 },
			{ ascent: 20, descent: 6 },
			[100, 80],
			1
		);
		// Block: 30 (the first line, taller than the font's 26) + 30; 100 wide.
		expect(layout).toEqual({
			xs: [150, 160],
			baselines: [92, 122],
			left: 150,
			top: 70,
			width: 100,
			height: 60
		});
	});

	it('rounds the block up to whole pixels of its texture, as Pixi sizes the Text it centres', () => {
		const layout = textLayout(
			{ ...text, cx: 200, cy: 100, lineHeightPx: 30 },
			{ ascent: 20, descent: 6 },
			[100.3, 50],
			2
		);
		expect(layout.width).toBe(101);
		expect(layout.left).toBe(149.5);
		// Lines are centred in the widest line's own width, not in the rounded block.
		expect(layout.xs[1]).toBeCloseTo(149.5 + (100.3 - 50) / 2, 10);
	});

	it('a font taller than its line: the first line box is the font, no leading above the baseline', () => {
		const layout = textLayout(
			{ ...text, lines: ['a', 'b'], cx: 0, cy: 0, lineHeightPx: 20 },
			{ ascent: 19, descent: 6 },
			[10, 10],
			1
		);
		expect(layout.height).toBe(45);
		expect(layout.baselines).toEqual([-22.5 + 19, -22.5 + 20 + 19]);
	});
});

/** A 2D context that records the points it is given, and what it fills and strokes. */
function recordingContext() {
	const points: [number, number][] = [];
	const texts: { text: string; x: number; y: number; fill: string }[] = [];
	const painted: { op: string; style: string }[] = [];
	const ctx = {
		fillStyle: '',
		strokeStyle: '',
		lineWidth: 1,
		font: '',
		textAlign: 'start',
		textBaseline: 'alphabetic',
		beginPath() {},
		closePath() {},
		moveTo: (x: number, y: number) => points.push([x, y]),
		lineTo: (x: number, y: number) => points.push([x, y]),
		arcTo: (x1: number, y1: number, x2: number, y2: number) => points.push([x1, y1], [x2, y2]),
		rect: (x: number, y: number, w: number, h: number) => points.push([x, y], [x + w, y + h]),
		strokeRect(x: number, y: number, w: number, h: number) {
			points.push([x, y], [x + w, y + h]);
			painted.push({ op: 'strokeRect', style: this.strokeStyle });
		},
		arc: (x: number, y: number, r: number) => points.push([x - r, y - r], [x + r, y + r]),
		ellipse: (x: number, y: number, rx: number, ry: number) =>
			points.push([x - rx, y - ry], [x + rx, y + ry]),
		fill() {
			painted.push({ op: 'fill', style: this.fillStyle });
		},
		stroke() {
			painted.push({ op: 'stroke', style: this.strokeStyle });
		},
		fillText(text: string, x: number, y: number) {
			texts.push({ text, x, y, fill: this.fillStyle });
		}
	};
	return { ctx: ctx as unknown as CanvasRenderingContext2D, points, texts, painted };
}

const extent = { ascent: 15, descent: 5 };
const widthOf = (line: string, px: number) => line.length * px * 0.55;

describe('paintBubble and drawnBounds', () => {
	const shapes: BubbleShape[] = [
		{ kind: 'ellipse', region: { x: 100, y: 100, w: 300, h: 160 } },
		{ kind: 'rounded', region: { x: 100, y: 100, w: 300, h: 160 } },
		{ kind: 'rect', region: { x: 100, y: 100, w: 300, h: 160 } },
		{ kind: 'burst', region: { x: 100, y: 100, w: 300, h: 160 } },
		{ kind: 'cloud', region: { x: 100, y: 100, w: 300, h: 160 } }
	];
	for (const shape of shapes)
		for (const [name, extra] of [
			['no tail', {}],
			['a tail', { tail: { x: 40, y: 420 } }],
			['thought dots', { role: 'thought', tail: { x: 520, y: 380 } }]
		] as const)
			it(`${shape.kind} with ${name}: everything drawn lies inside the bounds, text in ink over the fill`, () => {
				const b = scene(shape, fits, extra as Partial<Bubble>);
				const layout = textLayout(
					b.text,
					extent,
					b.text.lines.map((l) => widthOf(l, b.text.fontPx)),
					1
				);
				const { ctx, points, texts, painted } = recordingContext();
				paintBubble(ctx, b, '400 20px "Noto Sans"', layout);
				const box = drawnBounds(b, layout);
				const half = b.strokeWidth / 2;
				for (const [x, y] of points) {
					expect(x - half).toBeGreaterThanOrEqual(box.x);
					expect(y - half).toBeGreaterThanOrEqual(box.y);
					expect(x + half).toBeLessThanOrEqual(box.x + box.w);
					expect(y + half).toBeLessThanOrEqual(box.y + box.h);
				}
				if (extra && 'tail' in extra) {
					const tip = extra.tail!;
					// The tail reaches the speaker (a thought's last dot most of the way).
					expect(points.some(([x, y]) => Math.hypot(x - tip.x, y - tip.y) < 40)).toBe(true);
				}
				expect(texts.map((t) => t.text)).toEqual(fits.lines);
				expect(new Set(texts.map((t) => t.fill))).toEqual(new Set(['#1d1d1b']));
				expect(texts.map((t) => t.y)).toEqual(layout.baselines);
				expect(painted.some((p) => p.op === 'fill' && p.style === '#ffffff')).toBe(true);
				expect(painted.some((p) => p.op === 'stroke' && p.style === '#1d1d1b')).toBe(true);
				expect(painted.some((p) => p.style === `#${WARNING.toString(16)}`)).toBe(false);
			});

	it('a text that overflows is drawn whole, with the warning around the bubble, all inside the bounds', () => {
		const b = scene({ kind: 'rounded', region: { x: 100, y: 100, w: 120, h: 40 } }, overflows);
		const widths = b.text.lines.map((l) => widthOf(l, b.text.fontPx));
		const layout = textLayout(b.text, extent, widths, 1);
		const { ctx, points, texts, painted } = recordingContext();
		paintBubble(ctx, b, '400 14px "Noto Sans"', layout);
		const box = drawnBounds(b, layout);
		expect(texts).toHaveLength(4);
		// Wider and taller than the bubble: the bounds hold the whole text block.
		expect(box.x).toBeLessThanOrEqual(layout.left);
		expect(box.y).toBeLessThanOrEqual(layout.top);
		expect(box.x + box.w).toBeGreaterThanOrEqual(layout.left + layout.width);
		expect(box.y + box.h).toBeGreaterThanOrEqual(layout.top + layout.height);
		const red = `#${WARNING.toString(16)}`;
		expect(painted.filter((p) => p.style === red).map((p) => p.op)).toEqual(['strokeRect', 'fill']);
		const frame = Math.max(3, b.strokeWidth * 1.5) / 2;
		for (const [x, y] of points) {
			expect(x - frame).toBeGreaterThanOrEqual(box.x);
			expect(y - frame).toBeGreaterThanOrEqual(box.y);
			expect(x + frame).toBeLessThanOrEqual(box.x + box.w);
			expect(y + frame).toBeLessThanOrEqual(box.y + box.h);
		}
	});

	it("N'Ko lines are drawn embedded right to left", () => {
		const nko: FitResult = { fits: true, fontPx: 20, lines: ['ߊ ߣߌ ߛߐߜߐߡߊ'], lineHeightPx: 25 };
		const b = scene({ kind: 'rect', region: { x: 0, y: 0, w: 300, h: 100 } }, nko);
		const layout = textLayout(b.text, extent, [80], 1);
		const { ctx, texts } = recordingContext();
		paintBubble(ctx, b, '400 20px "Noto Sans NKo"', layout);
		expect(texts[0]!.text).toBe('\u202Bߊ ߣߌ ߛߐߜߐߡߊ\u202C');
	});
});
