/**
 * Fitting bubble text: wrap words into lines and pick the largest font size at which the lines fit
 * inside the bubble's inner box. Pure: the caller measures text (canvas in the browser, the font
 * file's metrics on the server), so the reader and `comics:check` decide the same way.
 *
 * All sizes are page pixels (the text is drawn on the page and zooms with it).
 */
import type { Bubble, BubbleRole, BubbleShape, Region } from '../manifest/schema';
import { drawnShape } from './lettering';

/** Width in page pixels of `text` set at `fontPx` in the style chosen for the bubble. */
export type MeasureText = (text: string, fontPx: number) => number;

/** Weight of the text for a bubble role: shouts and sounds are bold. */
export function fontWeightFor(role: BubbleRole): 400 | 700 {
	return role === 'shout' || role === 'sound' ? 700 : 400;
}

/** Line height as a multiple of the font size. */
export const LINE_HEIGHT = 1.2;

/**
 * The readable font sizes for a page, page pixels. Relative to the page width because art is
 * drawn at any resolution; the minimum stays legible when a tablet shows the whole page.
 */
export function fontRange(pageWidth: number): { minFontPx: number; maxFontPx: number } {
	return {
		minFontPx: Math.max(8, Math.round(pageWidth * 0.016)),
		maxFontPx: Math.max(12, Math.round(pageWidth * 0.034))
	};
}

/**
 * The shape a bubble has in a language (some languages run longer and get a bigger bubble), or null
 * when it is not drawn in that language: text in the art (`lettered`: the languages the page's art
 * carries, see lettering.ts), or a bubble with no shape.
 */
export function shapeFor(
	bubble: Pick<Bubble, 'shape' | 'shapeByLanguage'>,
	lang: string,
	lettered: readonly string[] = []
): BubbleShape | null {
	return drawnShape(bubble, lang, lettered);
}

/**
 * How much of each outline's box text may use, as fractions of width and height. An ellipse holds
 * the inscribed rectangle (1/√2 on each axis); a cloud's bumps and a burst's spikes eat more.
 */
const INNER: Record<BubbleShape['kind'], { w: number; h: number }> = {
	rect: { w: 0.9, h: 0.8 },
	rounded: { w: 0.86, h: 0.76 },
	ellipse: { w: 0.7, h: 0.68 },
	cloud: { w: 0.64, h: 0.6 },
	burst: { w: 0.56, h: 0.52 }
};

/** The box, centred in the bubble, that the text must stay inside. */
export function innerBox(shape: BubbleShape): Region {
	const f = INNER[shape.kind];
	const w = shape.region.w * f.w;
	const h = shape.region.h * f.h;
	return {
		x: shape.region.x + (shape.region.w - w) / 2,
		y: shape.region.y + (shape.region.h - h) / 2,
		w,
		h
	};
}

/**
 * Breakable units of the text. French puts a space before ! ? : ; » and after «; those spaces must
 * not break, or a lone "!" ends up on its own line.
 */
function words(paragraph: string): string[] {
	return paragraph
		.replace(/[ \u00a0\u202f]+(?=[!?:;»])/g, '\u00a0')
		.replace(/«[ \u00a0\u202f]+/g, '«\u00a0')
		.split(/[ \t]+/)
		.filter((w) => w.length > 0);
}

/**
 * Greedy word wrap at one font size. Explicit line breaks are kept. Returns null when a single
 * word is wider than the box (we never split words: hyphenation rules differ per language).
 */
export function wrapText(
	text: string,
	maxWidth: number,
	fontPx: number,
	measure: MeasureText
): string[] | null {
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of words(paragraph)) {
			if (measure(word, fontPx) > maxWidth) return null;
			const candidate = line ? `${line} ${word}` : word;
			if (!line || measure(candidate, fontPx) <= maxWidth) line = candidate;
			else {
				lines.push(line);
				line = word;
			}
		}
		lines.push(line);
	}
	return lines;
}

export interface FitOptions {
	measure: MeasureText;
	minFontPx: number;
	maxFontPx: number;
	lineHeight?: number;
	/** Even out line lengths (default true): "On y va / après les cours !" not "On y va après les / cours !". */
	balance?: boolean;
}

/**
 * The same number of lines as a greedy wrap at `maxWidth`, but with the narrowest width that still
 * gives that many lines, so the lines come out of similar length (as a letterer would set them).
 */
export function balanceLines(
	text: string,
	maxWidth: number,
	fontPx: number,
	measure: MeasureText
): string[] | null {
	const greedy = wrapText(text, maxWidth, fontPx, measure);
	if (!greedy || greedy.length < 2) return greedy;
	let lo = 0;
	let hi = maxWidth;
	// 12 halvings get within maxWidth/4096 of the narrowest width: far below a pixel.
	for (let i = 0; i < 12; i++) {
		const mid = (lo + hi) / 2;
		const lines = wrapText(text, mid, fontPx, measure);
		if (lines && lines.length <= greedy.length) hi = mid;
		else lo = mid;
	}
	return wrapText(text, hi, fontPx, measure);
}

export type FitResult =
	| { fits: true; fontPx: number; lines: string[]; lineHeightPx: number }
	| {
			fits: false;
			fontPx: number;
			lines: string[];
			lineHeightPx: number;
			reason: string;
			/** The same as `reason`, as data (for translated messages); sizes in whole px. */
			why:
				| { kind: 'word'; word: string; boxW: number }
				| { kind: 'lines'; lines: number; neededPx: number; boxH: number };
	  };

/** The largest whole font size between min and max at which the wrapped text fits in the box. */
export function fitText(text: string, box: Pick<Region, 'w' | 'h'>, options: FitOptions): FitResult {
	const lineHeight = options.lineHeight ?? LINE_HEIGHT;
	const min = Math.max(1, Math.floor(options.minFontPx));
	for (let fontPx = Math.floor(options.maxFontPx); fontPx >= min; fontPx--) {
		const lines = wrapText(text, box.w, fontPx, options.measure);
		if (lines && lines.length * fontPx * lineHeight <= box.h) {
			const balanced = options.balance === false ? null : balanceLines(text, box.w, fontPx, options.measure);
			return { fits: true, fontPx, lines: balanced ?? lines, lineHeightPx: fontPx * lineHeight };
		}
	}
	// Say why at the smallest size, so an author knows whether to widen or heighten the bubble.
	const lines = wrapText(text, box.w, min, options.measure);
	const lineHeightPx = min * lineHeight;
	if (!lines) {
		const widest = words(text.replace(/\n/g, ' ')).reduce(
			(a, w) => (options.measure(w, min) > options.measure(a, min) ? w : a),
			''
		);
		return {
			fits: false,
			fontPx: min,
			lines: [text],
			lineHeightPx,
			reason: `the word "${widest}" is wider than the bubble's text area (${Math.round(box.w)} px) even at ${min} px`,
			why: { kind: 'word', word: widest, boxW: Math.round(box.w) }
		};
	}
	return {
		fits: false,
		fontPx: min,
		lines,
		lineHeightPx,
		reason: `text needs ${lines.length} lines (${Math.round(lines.length * lineHeightPx)} px) but the bubble's text area is ${Math.round(box.h)} px high even at ${min} px`,
		why: {
			kind: 'lines',
			lines: lines.length,
			neededPx: Math.round(lines.length * lineHeightPx),
			boxH: Math.round(box.h)
		}
	};
}
