/**
 * Page order on paper. A4: one page per sheet side, in reading order. A5 booklet: two A5 pages on
 * each side of an A4 landscape sheet, in saddle-stitch order, so the photocopied sheets, stacked,
 * folded in the middle and stapled, read 1, 2, 3… The page count is padded with blank pages
 * (before the back cover, which stays last) to a multiple of 4.
 */

export type PaperFormat = 'A4' | 'A5';

export const PAPER_FORMATS: readonly PaperFormat[] = ['A4', 'A5'];

/** Sheet sizes in PDF points (1/72 in). */
export const PAPER_SIZE: Record<PaperFormat, { w: number; h: number }> = {
	A4: { w: 595.28, h: 841.89 },
	A5: { w: 419.53, h: 595.28 }
};

/** One printed side of a sheet: the logical pages on it, left to right (null: blank). */
export type SheetSide = (number | null)[];

/**
 * Logical pages padded for a booklet: `pages` page indices in order, blanks (null) inserted before
 * the last page (the back cover) up to a multiple of 4.
 */
export function padForBooklet(count: number): (number | null)[] {
	const pages: (number | null)[] = Array.from({ length: count }, (_, i) => i);
	if (count === 0) return pages;
	const total = Math.ceil(count / 4) * 4;
	const back = pages.pop()!;
	while (pages.length < total - 1) pages.push(null);
	pages.push(back);
	return pages;
}

/**
 * The sides to print, in order. For A5, sheet s (from 0) has on its front the pages n-1-2s (left)
 * and 2s (right), and on its back 2s+1 (left) and n-2-2s (right), where n is the padded count.
 */
export function imposition(count: number, format: PaperFormat): SheetSide[] {
	if (format === 'A4') return Array.from({ length: count }, (_, i) => [i]);
	const pages = padForBooklet(count);
	const n = pages.length;
	const sides: SheetSide[] = [];
	for (let s = 0; s < n / 4; s++) {
		sides.push([pages[n - 1 - 2 * s] ?? null, pages[2 * s] ?? null]);
		sides.push([pages[2 * s + 1] ?? null, pages[n - 2 - 2 * s] ?? null]);
	}
	return sides;
}

export function isPaperFormat(value: unknown): value is PaperFormat {
	return value === 'A4' || value === 'A5';
}
