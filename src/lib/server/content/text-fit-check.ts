/**
 * `comics:check` rule: every bubble's text must fit inside its bubble, in every language, at a
 * readable size. Uses the same pure fitting as the reader (domain/reader/text-fit) with widths
 * measured from the very font files the app bundles (@fontsource/noto-sans, latin + latin-ext, then
 * Noto Sans NKo and Noto Sans Tifinagh for those scripts), so
 * what passes here is what the reader draws without its "too small" warning.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import * as opentype from 'opentype.js';
import type { Font } from 'opentype.js';
import { finding } from '../../domain/manifest/findings';
import { letteredLanguages } from '../../domain/reader/lettering';
import type { Manifest } from '../../domain/manifest/schema';
import type { Reporter } from '../../domain/manifest/validate';
import { bubbleTextStatus } from '../../domain/studio/text-status';
import {
	fitText,
	fontRange,
	fontWeightFor,
	innerBox,
	shapeFor,
	type MeasureText
} from '../../domain/reader/text-fit';

// opentype.js ships a UMD build (Node/tsx load it as CommonJS: only `default`) and an ES module
// (Vite bundles it: only named exports). Take `parse` from whichever this runtime gave us.
const parse: typeof opentype.parse =
	opentype.parse ?? (opentype as unknown as { default: typeof opentype }).default.parse;

/** The bundled faces of one weight, in the order the browser's unicode-range picks them. */
export interface Face {
	fonts: Font[];
}

/**
 * The other scripts' bundled fonts (issue 17), after Noto Sans as in the app's font stack
 * (render/text-measure.ts `READING_FONTS`): regular only, the browser makes their bold.
 */
const SCRIPT_FONT_FILES = [
	'@fontsource/noto-sans-nko/files/noto-sans-nko-nko-400-normal.woff',
	'@fontsource/noto-sans-tifinagh/files/noto-sans-tifinagh-tifinagh-400-normal.woff'
];

async function loadFace(dir: string, weight: 400 | 700): Promise<Face> {
	const require = createRequire(import.meta.url);
	const files = [
		...['latin', 'latin-ext'].map((subset) => path.join(dir, `noto-sans-${subset}-${weight}-normal.woff`)),
		...SCRIPT_FONT_FILES.map((file) => require.resolve(file))
	];
	const fonts = await Promise.all(
		files.map(async (file) => {
			const data = await readFile(file);
			return parse(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
		})
	);
	return { fonts };
}

/** Characters missing from every bundled subset: the browser would draw them in a fallback font. */
export function missingCharacters(face: Face, text: string): string[] {
	const missing = new Set<string>();
	for (const ch of text) {
		if (/\s/.test(ch)) continue;
		if (!face.fonts.some((f) => f.charToGlyphIndex(ch) > 0)) missing.add(ch);
	}
	return [...missing];
}

/**
 * Width of text as the browser sets it: runs of characters in the subset that has them, kerned.
 * The `kept` most recently measured texts are remembered (least recently used dropped first): a
 * first import of thousands of comics measures every substring of every bubble.
 */
export function measureWith(face: Face, kept = MEASURE_CACHE_MAX): MeasureText {
	const cache = new LRUCache<string, number>({ max: kept });
	return (text, fontPx) => {
		const key = `${fontPx}|${text}`;
		const hit = cache.get(key);
		if (hit !== undefined) return hit;
		let width = 0;
		let run = '';
		let runFont: Font | null = null;
		const flush = () => {
			if (run && runFont) width += runFont.getAdvanceWidth(run, fontPx, { kerning: true });
			run = '';
		};
		for (const ch of text) {
			const font = face.fonts.find((f) => f.charToGlyphIndex(ch) > 0) ?? face.fonts[0]!;
			if (font !== runFont) {
				flush();
				runFont = font;
			}
			run += ch;
		}
		flush();
		cache.set(key, width);
		return width;
	};
}

/** Texts whose width is remembered per face (a few MB at most). */
export const MEASURE_CACHE_MAX = 50_000;
const FIT_CACHE_MAX = 20_000;

/** The folder of the bundled font files (also embedded in printed PDFs). */
export function fontDir(): string {
	const require = createRequire(import.meta.url);
	// Resolved through the package's "./files/*" export, the same files the app's CSS serves.
	return path.dirname(require.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff'));
}

let faces: Promise<Record<400 | 700, Face>> | null = null;

/** The bundled Noto Sans faces (regular and bold), parsed once. */
export function loadReadingFaces(): Promise<Record<400 | 700, Face>> {
	faces ??= (async () => {
		const dir = fontDir();
		const [regular, bold] = await Promise.all([loadFace(dir, 400), loadFace(dir, 700)]);
		return { 400: regular, 700: bold };
	})();
	return faces;
}

/**
 * Builds the check. Text that does not fit is an error in a complete language and a warning in a
 * draft one (drafts are still being written); letters no bundled font has are errors.
 */
export async function textFitCheck(): Promise<(manifest: Manifest, report: Reporter) => void> {
	const loaded = await loadReadingFaces();
	const measures = { 400: measureWith(loaded[400]), 700: measureWith(loaded[700]) };
	// fitText is pure: the same text in the same box and font range fits the same way. A version is
	// validated several times on its way to publication (read, submitted, approved), and start-up
	// reads many comics: remember recent results (bounded) instead of fitting again.
	const fits = new Map<string, ReturnType<typeof fitText>>();
	const fitOnce = (
		text: string,
		box: { w: number; h: number },
		weight: 400 | 700,
		range: ReturnType<typeof fontRange>
	) => {
		const key = `${weight}|${box.w}|${box.h}|${range.minFontPx}|${range.maxFontPx}|${text}`;
		let fit = fits.get(key);
		if (!fit) {
			fit = fitText(text, box, { measure: measures[weight], ...range });
			if (fits.size >= FIT_CACHE_MAX) fits.clear();
			fits.set(key, fit);
		}
		return fit;
	};
	return (manifest, report) => {
		const status = new Map(manifest.languages.map((l) => [l.tag, l.status]));
		manifest.pages.forEach((page, p) => {
			const range = fontRange(page.width);
			const lettered = letteredLanguages(manifest, page);
			page.panels.forEach((panel, q) =>
				panel.bubbles.forEach((bubble, b) => {
					const weight = fontWeightFor(bubble.role);
					for (const [lang, text] of Object.entries(bubble.text)) {
						const where = ['pages', p, 'panels', q, 'bubbles', b, 'text', lang];
						// Not drawn in this language (the art carries the text, or no shape): nothing to fit.
						const shape = shapeFor(bubble, lang, lettered);
						const fit = shape && fitOnce(text, innerBox(shape), weight, range);
						if (shape && fit && !fit.fits) {
							// Only a draft bubble of a draft language may overflow while it is being written; a
							// complete language, or a bubble a native speaker reviewed, may not.
							const drafting =
								status.get(lang) === 'draft' &&
								bubbleTextStatus(bubble, lang, manifest.languages) === 'draft';
							const severity = drafting ? 'warning' : 'error';
							const source = bubble.shapeByLanguage?.[lang] ? `shapeByLanguage.${lang}` : 'shape';
							const bubbleParams = {
								shape: shape.kind,
								source,
								w: shape.region.w,
								h: shape.region.h,
								minPx: fit.fontPx
							};
							const why = fit.why;
							report(
								where,
								why.kind === 'word'
									? finding('textTooWideWord', { ...bubbleParams, word: why.word, boxW: why.boxW })
									: finding('textTooManyLines', {
											...bubbleParams,
											lines: why.lines,
											neededPx: why.neededPx,
											boxH: why.boxH
										}),
								severity
							);
						}
						// Refused: a letter no bundled font has would show as a box or in whatever font the
						// tablet has (N'Ko and Tifinagh included: each script's own font is in the stack).
						const missing = missingCharacters(loaded[weight], text);
						if (missing.length > 0) {
							report(
								where,
								finding('missingGlyphs', {
									bubble: bubble.id,
									chars: missing
										.map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`)
										.join(', ')
								}),
								'error'
							);
						}
					}
				})
			);
		});
	};
}
