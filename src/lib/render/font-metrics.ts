/**
 * Pixi's font metrics for bubble text, scaled from one measure per font instead of one per size.
 *
 * Before drawing a text, Pixi measures its font (`CanvasTextMetrics.measureFont`: the bounding box
 * of a few tall glyphs) once per font string, and the size is part of the string. Bubble text is
 * fitted, so nearly every bubble has a size of its own and each paid that measure on the cold
 * start's path (issue 21: ≈ 10 % of drawing the first panel at 4× CPU). A font's ascent and descent
 * are linear in its size, as the fitting's widths are (text-measure.ts): Pixi measures the font
 * once at `REFERENCE_PX` and the metrics of the other sizes are that measure scaled.
 */
import { CanvasTextMetrics } from './pixi';
import type { FontExtent } from './bubble-canvas';
import { cssFont, REFERENCE_PX } from './text-measure';

interface FontProperties {
	ascent: number;
	descent: number;
	fontSize: number;
}

/** Pixi's cache of measured fonts, by font string (private in its types, a plain object). */
function measuredFonts(): Record<string, FontProperties> {
	return (CanvasTextMetrics as unknown as { _fonts: Record<string, FontProperties> })._fonts;
}

/**
 * Gives Pixi the metrics of `style`'s font (its font string, as Pixi builds it) before Pixi
 * measures it: those measured at `REFERENCE_PX`, scaled to `style.fontSize`.
 */
export function seedFontMetrics(style: { readonly _fontString: string; readonly fontSize: number }): void {
	const font = style._fontString;
	const fonts = measuredFonts();
	if (fonts[font] || !(style.fontSize > 0)) return;
	const size = ` ${style.fontSize}px `;
	if (!font.includes(size)) return;
	const reference = CanvasTextMetrics.measureFont(font.replace(size, ` ${REFERENCE_PX}px `));
	// Pixi's own fallback for a font it could not measure (fontSize 0) stays Pixi's.
	if (!(reference.fontSize > 0)) return;
	const k = style.fontSize / REFERENCE_PX;
	fonts[font] = {
		ascent: reference.ascent * k,
		descent: reference.descent * k,
		fontSize: reference.fontSize * k
	};
}

/**
 * The reading font's extent at `fontPx` as Pixi measures a font for a `Text` (the bounding box of
 * a few tall glyphs), scaled from its measure at `REFERENCE_PX`: the canvas renderer places its
 * bubbles' lines with it as Pixi places them on WebGL (./bubble-canvas).
 */
export function fontExtent(weight: number, fontPx: number): FontExtent {
	const reference = CanvasTextMetrics.measureFont(cssFont(weight, REFERENCE_PX));
	// Pixi's own fallback for a font it could not measure.
	if (!(reference.fontSize > 0)) return { ascent: fontPx, descent: 0 };
	const k = fontPx / REFERENCE_PX;
	return { ascent: reference.ascent * k, descent: reference.descent * k };
}
