/**
 * The fonts of printed pages: the very files the app bundles and the reader draws with
 * (@fontsource/noto-sans, latin + latin-ext subsets, regular and bold; latin-ext carries
 * ɛ ɔ ɲ ŋ ɓ ɗ ƴ). Widths come from text-fit-check's opentype.js measurer, so bubble text is fitted
 * exactly as comics:check and the reader fit it; the PDF embeds the same files (subsetted by
 * pdfkit) and sets each run of characters in the subset file that has them, as the browser's
 * unicode-range does.
 */
import path from 'node:path';
import type { MeasureText } from '../../domain/reader/text-fit';
import { fontDir, loadReadingFaces, measureWith, type Face } from '../content/text-fit-check';

export type Weight = 400 | 700;
export const SUBSETS = ['latin', 'latin-ext'] as const;

export interface PrintFonts {
	measure: Record<Weight, MeasureText>;
	/** Runs of `text` by the subset (index into SUBSETS) whose file has their characters. */
	runs(text: string, weight: Weight): { subset: number; text: string }[];
	/** The font file of a subset and weight (WOFF, which pdfkit's fontkit reads). */
	file(subset: number, weight: Weight): string;
}

function runsWith(face: Face, text: string): { subset: number; text: string }[] {
	const out: { subset: number; text: string }[] = [];
	for (const ch of text) {
		let subset = face.fonts.findIndex((f) => f.charToGlyphIndex(ch) > 0);
		if (subset < 0) subset = 0;
		const last = out[out.length - 1];
		if (last && last.subset === subset) last.text += ch;
		else out.push({ subset, text: ch });
	}
	return out;
}

let fonts: Promise<PrintFonts> | null = null;

export function printFonts(): Promise<PrintFonts> {
	fonts ??= (async () => {
		const faces = await loadReadingFaces();
		const dir = fontDir();
		return {
			measure: { 400: measureWith(faces[400]), 700: measureWith(faces[700]) },
			runs: (text, weight) => runsWith(faces[weight], text),
			file: (subset, weight) => path.join(dir, `noto-sans-${SUBSETS[subset]}-${weight}-normal.woff`)
		};
	})();
	return fonts;
}
