/**
 * How the bubble being read is outlined, as plain data (no Pixi), so its contrast is tested.
 *
 * WCAG 2.2 SC 1.4.11 (non-text contrast) asks 3:1 between the outline and what it sits on: the
 * white or tinted bubble and any colour of the art. No single colour has 3:1 against every colour
 * (the old orange #f39c12 had 2.2:1 on white). So the outline is three concentric bands: a white
 * halo outside, a near-black edge, the orange core. Any colour `c` has at least √21 ≈ 4.6:1 with
 * white or with black (their ratios with `c` multiply to 21), so the halo or the edge stands out
 * on whatever lies under it, and the core keeps the orange a student learns to follow.
 */

/** Outer band, drawn widest. */
export const HIGHLIGHT_HALO = 0xffffff;
/** Middle band: dark against light art and against the halo. */
export const HIGHLIGHT_EDGE = 0x1a1208;
/** Inner band, the colour a student follows. */
export const HIGHLIGHT_CORE = 0xf39c12;
/** Width of each band relative to the whole outline (halo = 1). */
export const HIGHLIGHT_BANDS = [
	{ color: HIGHLIGHT_HALO, share: 1 },
	{ color: HIGHLIGHT_EDGE, share: 0.7 },
	{ color: HIGHLIGHT_CORE, share: 0.4 }
] as const;

/** Relative luminance of an sRGB colour (0xRRGGBB), per WCAG 2.2. */
export function relativeLuminance(rgb: number): number {
	const [r, g, b] = [(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff].map((v) => {
		const c = v / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: number, b: number): number {
	const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
	return (hi! + 0.05) / (lo! + 0.05);
}
