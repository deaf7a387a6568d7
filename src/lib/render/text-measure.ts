/**
 * Measures bubble text in the browser with the same font string the renderer draws with, so the
 * fitted lines are exactly the drawn lines. The server measures with opentype.js on the same
 * font files (src/lib/server/content/text-fit-check.ts).
 */
import type { MeasureText } from '$lib/domain/reader/text-fit';
import { scriptsIn, type ScriptCode } from '$lib/domain/languages/languages';

/** The bundled reading font (@fontsource/noto-sans, latin + latin-ext for ɛ ɔ ɲ ŋ ɓ ɗ ƴ). */
export const READING_FONT = 'Noto Sans';
/**
 * The bundled fonts of the other scripts (comics/languages.json), after the reading font: each
 * face's `unicode-range` makes the browser fetch it only for text in its script (issue 17).
 */
export const SCRIPT_FONTS = ['Noto Sans NKo', 'Noto Sans Tifinagh'] as const;
/** The script each of SCRIPT_FONTS is bundled for. */
const SCRIPT_OF_FONT: Record<(typeof SCRIPT_FONTS)[number], ScriptCode> = {
	'Noto Sans NKo': 'Nkoo',
	'Noto Sans Tifinagh': 'Tfng'
};
/** The font stack bubbles are drawn and measured with. */
export const READING_FONTS: readonly string[] = [READING_FONT, ...SCRIPT_FONTS];

export function cssFont(weight: number, fontPx: number): string {
	return `${weight} ${fontPx}px ${READING_FONTS.map((f) => `"${f}"`).join(', ')}`;
}

/** The size text is measured at; widths (and Pixi's font metrics, ./font-metrics) at other sizes are scaled from it. */
export const REFERENCE_PX = 100;

/**
 * A measure function for one weight, backed by a 2D canvas context. Each string is measured once,
 * at `REFERENCE_PX`, and scaled: text advances are linear in the font size (the server's check with
 * opentype.js assumes as much; in Chromium scaled and measured widths agree within 1e-5). Fitting
 * tries many sizes for the same words and lines, so this spares most `measureText` calls and the
 * font switch before each, which made fitting a page's text the slowest step of showing it.
 */
export function canvasMeasure(weight: number): MeasureText {
	const canvas = document.createElement('canvas');
	const ctx = canvas.getContext('2d');
	const cache = new Map<string, number>();
	// Built once: building it for every string measured was a share of fitting a page's text.
	const font = cssFont(weight, REFERENCE_PX);
	return (text, fontPx) => {
		let width = cache.get(text);
		if (width === undefined) {
			if (!ctx) return text.length * fontPx * 0.55;
			// Set each time (cheap when unchanged): a font that loaded since must be picked up.
			ctx.font = font;
			width = ctx.measureText(text).width;
			cache.set(text, width);
		}
		return (width * fontPx) / REFERENCE_PX;
	};
}

/**
 * A text line's width as Pixi takes it to lay out and centre the lines of a `Text`: the larger of
 * its advance and its ink's width (a glyph can reach past its advance, as N'Ko's do). Measured at
 * the size drawn, as Pixi measures it: the ink's box is not linear in the size (at 14 px an N'Ko
 * line's ink is 1.5 % wider than scaled from 100 px). The canvas renderer places its baked lines
 * with it (./bubble-canvas).
 */
export function canvasLineWidth(weight: number): MeasureText {
	// Made on first use: the WebGL renderer never measures with it.
	let ctx: CanvasRenderingContext2D | null | undefined;
	const cache = new Map<string, number>();
	return (text, fontPx) => {
		const key = `${fontPx}|${text}`;
		let width = cache.get(key);
		if (width === undefined) {
			ctx ??= document.createElement('canvas').getContext('2d');
			if (!ctx) return text.length * fontPx * 0.55;
			ctx.font = cssFont(weight, fontPx);
			const m = ctx.measureText(text);
			width = Math.max(m.width, m.actualBoundingBoxRight + m.actualBoundingBoxLeft);
			cache.set(key, width);
		}
		return width;
	};
}

/**
 * Waits until the reading font's faces needed for `sample` are loaded (latin-ext is only fetched
 * when text uses its letters), so no bubble is ever drawn or measured in a fallback font.
 */
export async function loadReadingFont(sample: string): Promise<void> {
	if (typeof document === 'undefined' || !document.fonts) return;
	const text = sample || 'Aa';
	// Only the families that will draw some of the text: loading the whole stack for Latin text
	// also fetched the N'Ko and Tifinagh fonts' Latin faces (their unicode-range covers Latin), two
	// font files on the cold start's path that draw nothing, since the reading font comes first.
	const scripts = scriptsIn(text);
	const families = [READING_FONT, ...SCRIPT_FONTS.filter((f) => scripts.has(SCRIPT_OF_FONT[f]))];
	await Promise.all(
		families.flatMap((family) =>
			[400, 700].map((weight) => document.fonts.load(`${weight} 32px "${family}"`, text))
		)
	);
}
