/**
 * The vector page composer: a comic page as a scene of plain shapes (the art image, every bubble's
 * outline, tail and fitted text lines, panel numbers) and that scene as SVG. Built from the SAME
 * geometry (bubble-drawing.ts) and text fitting (domain/reader/text-fit.ts) the reader draws with,
 * so screen and paper agree. Pure: no DOM, no Node; the caller injects the text measurer (canvas in
 * the browser, the bundled font files' metrics via opentype.js on the server).
 *
 * Used by the print view (inline SVG), the PDF (server/print/pdf.ts draws the same scene) and any
 * export or thumbnail that needs a page with its text in a given language.
 */
import { pickText } from '$lib/domain/library';
import type { Bubble, BubbleRole, BubbleShape, Page, Region } from '$lib/domain/manifest/schema';
import {
	fitText,
	fontRange,
	fontWeightFor,
	innerBox,
	shapeFor,
	type FitResult,
	type MeasureText
} from '$lib/domain/reader/text-fit';
import {
	burstPolygon,
	cloudBumps,
	fillFor,
	INK,
	shrinkTriangle,
	strokeWidthFor,
	tailTriangle,
	thoughtDots
} from './bubble-drawing';
import { READING_FONT } from './text-measure';

/** The body of a bubble as a drawing primitive (page pixels). */
export type BubbleBody =
	| { kind: 'ellipse'; cx: number; cy: number; rx: number; ry: number }
	| { kind: 'roundRect'; x: number; y: number; w: number; h: number; r: number }
	| { kind: 'rect'; x: number; y: number; w: number; h: number }
	| { kind: 'polygon'; points: number[] }
	| {
			kind: 'cloud';
			bumps: { x: number; y: number; r: number }[];
			inner: { cx: number; cy: number; rx: number; ry: number };
	  };

export interface SceneBubble {
	id: string;
	role: BubbleRole;
	/** Fill colour (0xRRGGBB), grey in black-and-white mode. */
	fill: number;
	strokeWidth: number;
	body: BubbleBody;
	/** A speech tail (triangle) or a thought's dots; none when the bubble has no tail. */
	tail:
		| { kind: 'triangle'; points: number[] }
		| { kind: 'dots'; dots: { x: number; y: number; r: number }[] }
		| null;
	text: {
		lines: string[];
		fontPx: number;
		lineHeightPx: number;
		weight: 400 | 700;
		/** Centre of the text block: lines are centred on cx, the block on cy. */
		cx: number;
		cy: number;
		fits: boolean;
		/** Language the text is in (the fallback's when the chosen language lacks it). */
		lang: string;
	};
}

/** A panel's number, printed in a disc at its top-left corner ("find it in panel 4"). */
export interface PanelMark {
	panelId: string;
	n: number;
	x: number;
	y: number;
	r: number;
}

export interface PageScene {
	width: number;
	height: number;
	image: string;
	panels: Region[];
	bubbles: SceneBubble[];
	marks: PanelMark[];
}

export interface ComposeOptions {
	lang: string;
	/** Language used for a bubble without text in `lang` (the comic's reference language). */
	fallback: string;
	/** Text measurer per weight (same fonts as the renderer). */
	measure: Record<400 | 700, MeasureText>;
	/** Where the page art is (a URL in the browser, any key the caller understands on the server). */
	image: string;
	/** Panel numbers to print, by panel id (numbered across the whole comic). */
	panelNumbers?: ReadonlyMap<string, number>;
	/** Black-and-white friendly: bubble fills become their grey (photocopies). */
	grayscale?: boolean;
	/** Languages this page's art already carries (text in the art): nothing is drawn over it in them. */
	lettered?: readonly string[];
}

/** A colour's grey of the same luminance (Rec. 709), so a pale caption stays pale on a photocopy. */
export function toGray(color: number): number {
	const r = (color >> 16) & 0xff;
	const g = (color >> 8) & 0xff;
	const b = color & 0xff;
	const y = Math.round(0.2126 * r + 0.7152 * g + 0.0722 * b);
	return (y << 16) | (y << 8) | y;
}

function bodyOf(shape: BubbleShape): BubbleBody {
	const { x, y, w, h } = shape.region;
	switch (shape.kind) {
		case 'ellipse':
			return { kind: 'ellipse', cx: x + w / 2, cy: y + h / 2, rx: w / 2, ry: h / 2 };
		case 'rounded':
			return { kind: 'roundRect', x, y, w, h, r: Math.min(w, h) * 0.28 };
		case 'rect':
			return { kind: 'rect', x, y, w, h };
		case 'burst':
			return { kind: 'polygon', points: burstPolygon(shape) };
		case 'cloud': {
			const bumps = cloudBumps(shape);
			const r = bumps[0]?.r ?? 0;
			return { kind: 'cloud', bumps, inner: { cx: x + w / 2, cy: y + h / 2, rx: w / 2 - r, ry: h / 2 - r } };
		}
	}
}

/** The text of a bubble in `lang`, else in the fallback (the library's rule, as the reader picks it). */
function textOf(
	text: Record<string, string>,
	lang: string,
	fallback: string
): { text: string; lang: string } {
	return pickText(text, lang, fallback) ?? { text: '', lang };
}

/**
 * Where a panel's number goes: the first of its corners (top left, top right, bottom left, bottom
 * right) where the disc covers no bubble, so the number never hides text; top left otherwise.
 */
function markPlace(panel: Region, r: number, bubbles: readonly Region[]): { x: number; y: number } {
	const inset = r * 1.3;
	const corners = [
		{ x: panel.x + inset, y: panel.y + inset },
		{ x: panel.x + panel.w - inset, y: panel.y + inset },
		{ x: panel.x + inset, y: panel.y + panel.h - inset },
		{ x: panel.x + panel.w - inset, y: panel.y + panel.h - inset }
	];
	const free = corners.find(
		(c) => !bubbles.some((b) => c.x + r > b.x && c.x - r < b.x + b.w && c.y + r > b.y && c.y - r < b.y + b.h)
	);
	return free ?? corners[0]!;
}

/**
 * One bubble of a scene: its outline, tail and fitted text (`fit`, of its text in `lang` fitted in
 * its shape's `innerBox`), filled with `fill`. The reader draws its bubbles from this too.
 */
export function sceneBubble(
	bubble: Bubble,
	shape: BubbleShape,
	fit: FitResult,
	{ fill, lang }: { fill: number; lang: string }
): SceneBubble {
	const box = innerBox(shape);
	return {
		id: bubble.id,
		role: bubble.role,
		fill,
		strokeWidth: strokeWidthFor(bubble.role, shape),
		body: bodyOf(shape),
		tail: !bubble.tail
			? null
			: bubble.role === 'thought'
				? { kind: 'dots', dots: thoughtDots(shape, bubble.tail) }
				: { kind: 'triangle', points: tailTriangle(shape, bubble.tail) },
		text: {
			lines: fit.lines,
			fontPx: fit.fontPx,
			lineHeightPx: fit.lineHeightPx,
			weight: fontWeightFor(bubble.role),
			cx: box.x + box.w / 2,
			cy: box.y + box.h / 2,
			fits: fit.fits,
			lang
		}
	};
}

/** Composes one page: what the reader draws, as data. */
export function composePage(page: Page, options: ComposeOptions): PageScene {
	const range = fontRange(page.width);
	const bubbles: SceneBubble[] = [];
	for (const panel of page.panels)
		for (const bubble of panel.bubbles) {
			// Not drawn in this language (the art carries the text, or the bubble has no shape).
			const shape = shapeFor(bubble, options.lang, options.lettered);
			if (!shape) continue;
			const weight = fontWeightFor(bubble.role);
			const { text, lang } = textOf(bubble.text, options.lang, options.fallback);
			const fit: FitResult = fitText(text, innerBox(shape), { measure: options.measure[weight], ...range });
			const fill = options.grayscale ? toGray(fillFor(bubble.role)) : fillFor(bubble.role);
			bubbles.push(sceneBubble(bubble, shape, fit, { fill, lang }));
		}
	const r = Math.max(14, Math.round(page.width * 0.022));
	const marks: PanelMark[] = [];
	const covered = page.panels.flatMap((p) =>
		p.bubbles.flatMap((b) => shapeFor(b, options.lang, options.lettered)?.region ?? [])
	);
	for (const panel of page.panels) {
		const n = options.panelNumbers?.get(panel.id);
		if (n === undefined) continue;
		marks.push({ panelId: panel.id, n, r, ...markPlace(panel.region, r, covered) });
	}
	return {
		width: page.width,
		height: page.height,
		image: options.image,
		panels: page.panels.map((p) => p.region),
		bubbles,
		marks
	};
}

/** Baseline offset of each line from the text block's top, for a line box of `lineHeightPx`. */
export function lineBaselines(text: SceneBubble['text']): number[] {
	const top = text.cy - (text.lines.length * text.lineHeightPx) / 2;
	// Noto Sans: ascender 1.069 em, descender 0.293 em; the glyphs sit centred in the line box.
	const ascent = 1.069 * text.fontPx;
	const descent = 0.293 * text.fontPx;
	const halfLeading = (text.lineHeightPx - (ascent + descent)) / 2;
	return text.lines.map((_, i) => top + i * text.lineHeightPx + halfLeading + ascent);
}

const hex = (c: number) => `#${c.toString(16).padStart(6, '0')}`;
const num = (n: number) => String(Math.round(n * 100) / 100);

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

function bodySvg(body: BubbleBody, paint: string, fillOnly = false): string {
	const p = fillOnly ? paint.replace(/ stroke="[^"]*" stroke-width="[^"]*"/, '') : paint;
	switch (body.kind) {
		case 'ellipse':
			return `<ellipse cx="${num(body.cx)}" cy="${num(body.cy)}" rx="${num(body.rx)}" ry="${num(body.ry)}"${p}/>`;
		case 'roundRect':
			return `<rect x="${num(body.x)}" y="${num(body.y)}" width="${num(body.w)}" height="${num(body.h)}" rx="${num(body.r)}"${p}/>`;
		case 'rect':
			return `<rect x="${num(body.x)}" y="${num(body.y)}" width="${num(body.w)}" height="${num(body.h)}"${p}/>`;
		case 'polygon':
			return `<polygon points="${body.points.map(num).join(' ')}"${p}/>`;
		case 'cloud': {
			const fill = /fill="[^"]*"/.exec(paint)?.[0] ?? '';
			return (
				body.bumps.map((b) => `<circle cx="${num(b.x)}" cy="${num(b.y)}" r="${num(b.r)}"${p}/>`).join('') +
				`<ellipse cx="${num(body.inner.cx)}" cy="${num(body.inner.cy)}" rx="${num(body.inner.rx)}" ry="${num(body.inner.ry)}" ${fill}/>`
			);
		}
	}
}

export interface SvgOptions {
	/** Draw the art in grey (black-and-white friendly). */
	grayscale?: boolean;
	/** `<title>` of the SVG (accessible name). */
	title?: string;
}

/** The scene as a standalone SVG document (page pixels as its viewBox). */
export function sceneToSvg(scene: PageScene, options: SvgOptions = {}): string {
	const out: string[] = [];
	out.push(
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 ${scene.width} ${scene.height}" width="${scene.width}" height="${scene.height}" role="img">`
	);
	if (options.title) out.push(`<title>${escapeXml(options.title)}</title>`);
	if (options.grayscale)
		out.push('<defs><filter id="k-gray"><feColorMatrix type="saturate" values="0"/></filter></defs>');
	out.push(
		`<image href="${escapeXml(scene.image)}" x="0" y="0" width="${scene.width}" height="${scene.height}" preserveAspectRatio="none"${options.grayscale ? ' filter="url(#k-gray)"' : ''}/>`
	);
	for (const b of scene.bubbles) {
		const paint = ` fill="${hex(b.fill)}" stroke="${hex(INK)}" stroke-width="${num(b.strokeWidth)}"`;
		out.push(`<g data-bubble="${escapeXml(b.id)}">`);
		if (b.tail?.kind === 'dots')
			for (const d of b.tail.dots)
				out.push(`<circle cx="${num(d.x)}" cy="${num(d.y)}" r="${num(d.r)}"${paint}/>`);
		else if (b.tail) out.push(`<polygon points="${b.tail.points.map(num).join(' ')}"${paint}/>`);
		out.push(bodySvg(b.body, paint));
		if (b.tail?.kind === 'triangle' && b.body.kind !== 'cloud')
			out.push(
				`<polygon points="${shrinkTriangle(b.tail.points, b.strokeWidth).map(num).join(' ')}" fill="${hex(b.fill)}"/>`
			);
		const baselines = lineBaselines(b.text);
		out.push(
			`<text lang="${escapeXml(b.text.lang)}" font-family="${READING_FONT}, sans-serif" font-size="${num(b.text.fontPx)}" font-weight="${b.text.weight}" fill="${hex(INK)}" text-anchor="middle">` +
				b.text.lines
					.map(
						(line, i) => `<tspan x="${num(b.text.cx)}" y="${num(baselines[i]!)}">${escapeXml(line)}</tspan>`
					)
					.join('') +
				'</text>'
		);
		out.push('</g>');
	}
	for (const m of scene.marks) {
		out.push(
			`<g data-panel-number="${m.n}"><circle cx="${num(m.x)}" cy="${num(m.y)}" r="${num(m.r)}" fill="#ffffff" stroke="${hex(INK)}" stroke-width="${num(m.r * 0.12)}"/>` +
				`<text x="${num(m.x)}" y="${num(m.y + m.r * 0.36)}" font-family="${READING_FONT}, sans-serif" font-size="${num(m.r)}" font-weight="700" fill="${hex(INK)}" text-anchor="middle">${m.n}</text></g>`
		);
	}
	out.push('</svg>');
	return out.join('');
}

/** Panel numbers across the whole comic, in reading order (1, 2, 3… over every page). */
export function numberPanels(pages: readonly Pick<Page, 'panels'>[]): Map<string, number> {
	const numbers = new Map<string, number>();
	for (const page of pages) for (const panel of page.panels) numbers.set(panel.id, numbers.size + 1);
	return numbers;
}
