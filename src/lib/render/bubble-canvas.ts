/**
 * A bubble (outline, tail, fitted text, the author's overflow warning) drawn with a 2D context, from
 * the same scene model the print view's SVG and the PDF are drawn from (./svg-page `SceneBubble`).
 *
 * The canvas renderer shows each bubble as one image (pixi-renderer.ts): drawn here straight into
 * a canvas of its own, its text with `fillText` at the fitted lines. Built as Pixi objects and
 * rendered into a texture instead, each bubble cost a Graphics, a Text with a canvas of its own and
 * a second measure of its lines, and a render pass: the largest share of drawing the first panel
 * on the canvas renderer (issue 21). The text is placed as Pixi places a `Text` on WebGL (`textLayout`),
 * so a bubble looks the same on either renderer.
 */
import { canvasLine, directionOf } from '$lib/domain/languages/languages';
import type { Region } from '$lib/domain/manifest/schema';
import { INK, shrinkTriangle } from './bubble-drawing';
import type { BubbleBody, SceneBubble } from './svg-page';

/** The colour of the outline drawn around a bubble whose text does not fit (authors see it at once). */
export const WARNING = 0xd0021b;

/** A font's extent above and below the baseline, px at the size drawn (as Pixi measures a font). */
export interface FontExtent {
	ascent: number;
	descent: number;
}

/** Where a text block's lines go: each line's left end at `xs[i]`, its baseline at `baselines[i]`. */
export interface TextLayout {
	xs: number[];
	baselines: number[];
	/** The block's box, page pixels (as Pixi sizes a `Text`'s texture). */
	left: number;
	top: number;
	width: number;
	height: number;
}

/**
 * Where Pixi draws the lines of a centred multi-line `Text` anchored at its centre, rasterised at
 * `resolution` (CanvasTextMetrics, CanvasTextGenerator, updateTextBounds), so that the canvas
 * renderer's bubbles match WebGL's to the pixel: the block is one line box per line (the first as
 * tall as the font where the font is taller than a line), its size rounded up to whole pixels of
 * its texture and centred on the text's centre; each line centred in the widest line's width
 * (`widths`: Pixi's, the larger of a line's advance and its ink's width); each baseline the font's
 * ascent below its line's top, with half the leading above.
 */
export function textLayout(
	text: SceneBubble['text'],
	font: FontExtent,
	widths: readonly number[],
	resolution: number
): TextLayout {
	const { lineHeightPx, lines } = text;
	const fontHeight = font.ascent + font.descent;
	const maxWidth = Math.max(0, ...widths);
	const blockHeight = Math.max(lineHeightPx, fontHeight) + (lines.length - 1) * lineHeightPx;
	const width = Math.ceil(Math.ceil(Math.max(1, maxWidth)) * resolution) / resolution;
	const height = Math.ceil(Math.ceil(Math.max(1, blockHeight)) * resolution) / resolution;
	const left = text.cx - width / 2;
	const top = text.cy - height / 2;
	const shift = Math.max(0, (lineHeightPx - fontHeight) / 2);
	return {
		xs: lines.map((_, i) => left + (maxWidth - (widths[i] ?? 0)) / 2),
		baselines: lines.map((_, i) => top + i * lineHeightPx + font.ascent + shift),
		left,
		top,
		width,
		height
	};
}

/**
 * The text's lines as drawn: N'Ko bubbles read right to left, each line embedded as right-to-left
 * (canvasLine), as Pixi draws them on WebGL; measured so too.
 */
export function drawnLines(text: SceneBubble['text']): string[] {
	const direction = directionOf(text.lines.join(' '));
	return text.lines.map((line) => canvasLine(line, direction));
}

/** The warning drawn around a bubble whose text overflows: a frame and a dot at its top-right corner. */
export function overflowWarning(b: SceneBubble): {
	frame: Region;
	frameWidth: number;
	dot: { x: number; y: number; r: number };
} {
	const { x, y, w, h } = regionOf(b.body);
	return {
		frame: { x: x - 4, y: y - 4, w: w + 8, h: h + 8 },
		frameWidth: Math.max(3, b.strokeWidth * 1.5),
		dot: { x: x + w, y, r: Math.max(8, h * 0.12) }
	};
}

/** The box a bubble's body spans (page pixels), without its stroke. */
export function regionOf(body: BubbleBody): Region {
	switch (body.kind) {
		case 'ellipse':
			return { x: body.cx - body.rx, y: body.cy - body.ry, w: 2 * body.rx, h: 2 * body.ry };
		case 'roundRect':
		case 'rect':
			return { x: body.x, y: body.y, w: body.w, h: body.h };
		case 'polygon':
			return pointsBox(body.points);
		case 'cloud': {
			const r = body.bumps[0]?.r ?? 0;
			const { cx, cy, rx, ry } = body.inner;
			return { x: cx - rx - r, y: cy - ry - r, w: 2 * (rx + r), h: 2 * (ry + r) };
		}
	}
}

function pointsBox(points: readonly number[]): Region {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (let i = 0; i + 1 < points.length; i += 2) {
		minX = Math.min(minX, points[i]!);
		maxX = Math.max(maxX, points[i]!);
		minY = Math.min(minY, points[i + 1]!);
		maxY = Math.max(maxY, points[i + 1]!);
	}
	return { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

function union(a: Region, b: Region): Region {
	const x = Math.min(a.x, b.x);
	const y = Math.min(a.y, b.y);
	return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

function grow(r: Region, by: number): Region {
	return { x: r.x - by, y: r.y - by, w: r.w + 2 * by, h: r.h + 2 * by };
}

/**
 * What a bubble's drawing covers, page pixels: its outline with half its stroke (a miter at a
 * burst's or a tail's tip reaches further: a few strokes' widths), its tail, its text where the
 * text overflows, and the warning around it then.
 */
export function drawnBounds(b: SceneBubble, layout: TextLayout): Region {
	// A miter joint of a sharp tip reaches up to miterLimit (10) × half the stroke past the tip:
	// the spikes of a burst and a tail's tip are sharp.
	const sharp = b.body.kind === 'polygon' || b.tail?.kind === 'triangle';
	let box = grow(regionOf(b.body), (b.strokeWidth / 2) * (sharp ? 10 : 1));
	if (b.tail?.kind === 'triangle') box = union(box, grow(pointsBox(b.tail.points), b.strokeWidth * 5));
	if (b.tail?.kind === 'dots')
		for (const d of b.tail.dots)
			box = union(box, grow({ x: d.x - d.r, y: d.y - d.r, w: 2 * d.r, h: 2 * d.r }, b.strokeWidth / 2));
	if (!b.text.fits) {
		box = union(box, { x: layout.left, y: layout.top, w: layout.width, h: layout.height });
		const warning = overflowWarning(b);
		box = union(box, grow(warning.frame, warning.frameWidth / 2));
		const { x, y, r } = warning.dot;
		box = union(box, { x: x - r, y: y - r, w: 2 * r, h: 2 * r });
	}
	return box;
}

const css = (color: number) => `#${color.toString(16).padStart(6, '0')}`;

function bodyPath(ctx: CanvasRenderingContext2D, body: BubbleBody): void {
	switch (body.kind) {
		case 'ellipse':
			ctx.ellipse(body.cx, body.cy, body.rx, body.ry, 0, 0, 2 * Math.PI);
			break;
		case 'roundRect': {
			const { x, y, w, h } = body;
			const r = Math.min(body.r, w / 2, h / 2);
			ctx.moveTo(x + r, y);
			ctx.arcTo(x + w, y, x + w, y + h, r);
			ctx.arcTo(x + w, y + h, x, y + h, r);
			ctx.arcTo(x, y + h, x, y, r);
			ctx.arcTo(x, y, x + w, y, r);
			ctx.closePath();
			break;
		}
		case 'rect':
			ctx.rect(body.x, body.y, body.w, body.h);
			break;
		case 'polygon':
			polygonPath(ctx, body.points);
			break;
		case 'cloud':
			// Drawn bump by bump (paintBody): each bump's outline over the one before.
			break;
	}
}

function polygonPath(ctx: CanvasRenderingContext2D, points: readonly number[]): void {
	ctx.moveTo(points[0]!, points[1]!);
	for (let i = 2; i + 1 < points.length; i += 2) ctx.lineTo(points[i]!, points[i + 1]!);
	ctx.closePath();
}

function circlePath(ctx: CanvasRenderingContext2D, c: { x: number; y: number; r: number }): void {
	ctx.moveTo(c.x + c.r, c.y);
	ctx.arc(c.x, c.y, c.r, 0, 2 * Math.PI);
}

/** Fills then strokes one path: a shape's outline over its own fill, under the shapes drawn after. */
function fillStroke(ctx: CanvasRenderingContext2D, path: () => void, stroke = true): void {
	ctx.beginPath();
	path();
	ctx.fill();
	if (stroke) ctx.stroke();
}

/**
 * Draws a bubble in page pixels with `ctx` (its transform maps page pixels to the canvas): the
 * tail, the body, the tail's base painted over the body's outline, the text lines, and the
 * warning when the text overflows. `font` is the CSS font of the text at its size.
 */
export function paintBubble(
	ctx: CanvasRenderingContext2D,
	b: SceneBubble,
	font: string,
	layout: TextLayout
): void {
	ctx.fillStyle = css(b.fill);
	ctx.strokeStyle = css(INK);
	ctx.lineWidth = b.strokeWidth;
	if (b.tail?.kind === 'dots') for (const dot of b.tail.dots) fillStroke(ctx, () => circlePath(ctx, dot));
	else if (b.tail) {
		const points = b.tail.points;
		fillStroke(ctx, () => polygonPath(ctx, points));
	}
	if (b.body.kind === 'cloud') {
		for (const bump of b.body.bumps) fillStroke(ctx, () => circlePath(ctx, bump));
		// The inner halves of the bumps' outlines covered: only the scalloped edge shows.
		const { cx, cy, rx, ry } = b.body.inner;
		fillStroke(ctx, () => ctx.ellipse(cx, cy, Math.max(0, rx), Math.max(0, ry), 0, 0, 2 * Math.PI), false);
	} else {
		const body = b.body;
		fillStroke(ctx, () => bodyPath(ctx, body));
		// The tail's base over the body's outline, so the tail joins the body seamlessly.
		if (b.tail?.kind === 'triangle') {
			const inset = shrinkTriangle(b.tail.points, b.strokeWidth);
			fillStroke(ctx, () => polygonPath(ctx, inset), false);
		}
	}
	ctx.fillStyle = css(INK);
	ctx.font = font;
	ctx.textAlign = 'left';
	ctx.textBaseline = 'alphabetic';
	drawnLines(b.text).forEach((line, i) => ctx.fillText(line, layout.xs[i]!, layout.baselines[i]!));
	if (!b.text.fits) {
		const warning = overflowWarning(b);
		ctx.strokeStyle = css(WARNING);
		ctx.lineWidth = warning.frameWidth;
		const { x, y, w, h } = warning.frame;
		ctx.strokeRect(x, y, w, h);
		ctx.fillStyle = css(WARNING);
		ctx.beginPath();
		circlePath(ctx, warning.dot);
		ctx.fill();
	}
}

/** A bubble drawn into a canvas of its own: where it lies on the page, in page pixels. */
export interface BakedBubble {
	canvas: HTMLCanvasElement;
	/** The canvas's top-left corner on the page. */
	x: number;
	y: number;
	/** Canvas pixels per page pixel. */
	resolution: number;
}

/**
 * Draws a bubble into a new canvas at `resolution` canvas pixels per page pixel, covering what it
 * draws (`drawnBounds`) in whole page pixels, one more on each side for the antialiased edge.
 * `lineWidth` gives a text line's width at the text's size as Pixi takes it, `extent` the font's.
 */
export function bakeBubble(
	b: SceneBubble,
	options: { resolution: number; font: string; extent: FontExtent; lineWidth: (line: string) => number }
): BakedBubble {
	const { resolution } = options;
	const layout = textLayout(b.text, options.extent, drawnLines(b.text).map(options.lineWidth), resolution);
	const bounds = drawnBounds(b, layout);
	const x = Math.floor(bounds.x) - 1;
	const y = Math.floor(bounds.y) - 1;
	const canvas = document.createElement('canvas');
	canvas.width = Math.max(1, Math.ceil((Math.ceil(bounds.x + bounds.w) + 1 - x) * resolution));
	canvas.height = Math.max(1, Math.ceil((Math.ceil(bounds.y + bounds.h) + 1 - y) * resolution));
	const ctx = canvas.getContext('2d');
	if (ctx) {
		ctx.setTransform(resolution, 0, 0, resolution, -x * resolution, -y * resolution);
		paintBubble(ctx, b, options.font, layout);
	}
	return { canvas, x, y, resolution };
}
