/**
 * Measures bubble text in the browser with the same font string the renderer draws with, so the
 * fitted lines are exactly the drawn lines. The server measures with opentype.js on the same
 * font files (src/lib/server/content/text-fit-check.ts).
 */
import type { MeasureText } from '$lib/domain/reader/text-fit';

/** The bundled reading font (@fontsource/noto-sans, latin + latin-ext for ɛ ɔ ɲ ŋ ɓ ɗ ƴ). */
export const READING_FONT = 'Noto Sans';

export function cssFont(weight: number, fontPx: number): string {
	return `${weight} ${fontPx}px "${READING_FONT}"`;
}

/** A measure function for one weight, backed by a 2D canvas context; widths are cached. */
export function canvasMeasure(weight: number): MeasureText {
	const canvas = document.createElement('canvas');
	const ctx = canvas.getContext('2d');
	const cache = new Map<string, number>();
	return (text, fontPx) => {
		const key = `${fontPx}|${text}`;
		let width = cache.get(key);
		if (width === undefined) {
			if (!ctx) return text.length * fontPx * 0.55;
			ctx.font = cssFont(weight, fontPx);
			width = ctx.measureText(text).width;
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
	await Promise.all([
		document.fonts.load(cssFont(400, 32), text),
		document.fonts.load(cssFont(700, 32), text)
	]);
}
