/**
 * Build-time patches of Pixi's modules (applied by vite.config.ts to the browser build only).
 * Pure string functions, unit-tested against the installed Pixi (pixi-patches.test.ts), so a Pixi
 * upgrade that changes the patched code fails the tests and the build instead of silently
 * dropping the patch.
 */

/** The module whose text metrics are patched. */
export const CANVAS_TEXT_METRICS = /\/pixi\.js\/lib\/scene\/text\/canvas\/CanvasTextMetrics\.mjs$/;

const EAGER_SEGMENTER = `    const segmenter = new Intl.Segmenter();
    return (s) => {
      const segments = segmenter.segment(s);`;
const LAZY_SEGMENTER = `    let segmenter = null;
    return (s) => {
      const segments = (segmenter || (segmenter = new Intl.Segmenter())).segment(s);`;

const SPACING_ALWAYS = `letterSpacingVal = (_CanvasTextMetrics.graphemeSegmenter(text).length - 1) * letterSpacing;`;
const SPACING_WHEN_SET = `letterSpacingVal = letterSpacing === 0 ? 0 : (_CanvasTextMetrics.graphemeSegmenter(text).length - 1) * letterSpacing;`;

/**
 * Issue 21 (cold start): Pixi builds an `Intl.Segmenter` when its text module is evaluated, and
 * splits every measured line into graphemes to multiply their count by the letter spacing, which
 * is 0 for all of Kalanso's text. Making the segmenter ICU's break-iterator data load on the
 * reader's critical path (≈ 13 % of the JavaScript self time from tap to first panel in a 4× CPU
 * profile). Patched: the segmenter is made on first use, and not used at all when the letter
 * spacing is 0 (the product was 0 anyway). Word wrapping and letter-spaced text still segment.
 */
export function lazyGraphemeSegmenter(code: string): string {
	if (!code.includes(EAGER_SEGMENTER) || !code.includes(SPACING_ALWAYS))
		throw new Error('pixi-patches: CanvasTextMetrics.mjs changed; review lazyGraphemeSegmenter');
	return code.replace(EAGER_SEGMENTER, LAZY_SEGMENTER).replace(SPACING_ALWAYS, SPACING_WHEN_SET);
}
