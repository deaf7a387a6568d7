/**
 * `npm run comics:art [-- options] [slug…]`: draws the sample comics' pages from the art kit.
 *
 * For each comic it reads `comics/<slug>/comic.json` (page sizes and panel regions are the
 * manifest's, so the text and the art share one layout), writes the SVG source of every page to
 * `art/src/page-N.svg` and renders it with sharp to `art/page-N.webp`, plus `art/cover.webp`.
 *
 * Options:
 *   --preview DIR   also write PNGs with the bubbles and their French text drawn on top, to look
 *                   at the page as a reader will (not committed).
 *   --lang TAG      language of the preview text (default fr).
 *   --sync-tails    move each speech/thought/shout tail in comic.json onto the speaker's mouth as
 *                   drawn (the art knows where mouths are; hand-typed tails drift).
 *
 * It also reports bubbles whose text would not fit at 22 px (measured with the bundled Noto Sans).
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import opentype, { type Font } from 'opentype.js';
import {
	fitText,
	fontRange,
	fontWeightFor,
	innerBox,
	shapeFor,
	type MeasureText
} from '../../src/lib/domain/reader/text-fit';
import type { Bubble, BubbleShape } from '../../src/lib/domain/manifest/schema';
import { PAGE_ART_BUDGET_BYTES } from '../../src/lib/domain/manifest/budgets';
import { composeCover, composePage, type Box, type ComicArt, type Mouth } from './scene';
import { formatJson } from './json-format';
import { el, n } from './svg';
import { awaEtLeCgs } from './scenes/awa-et-le-cgs';
import { leRobinetDeSikoro } from './scenes/le-robinet-de-sikoro';
import { trenteJours } from './scenes/trente-jours';

const COMICS: ComicArt[] = [trenteJours, awaEtLeCgs, leRobinetDeSikoro];

const here = path.dirname(fileURLToPath(import.meta.url));
const comicsDir = path.resolve(here, '..');

/** Largest page WebP we accept: a page plus one narration language must stay ≤ 150 KB. */
// The one page budget (comics:check and imports warn over it too).
const PAGE_BUDGET_BYTES = PAGE_ART_BUDGET_BYTES;
/** The library card shows the cover 8rem (128 CSS px) wide: 400 px covers a 3× screen (issue 21: it was 600, 33 KB). */
const COVER_WIDTH = 400;
/** Smallest readable bubble text at page scale, in page pixels (the reader accepts less). */
export const MIN_TEXT_PX = 22;
const PAGE_WIDTH = 1200;

interface Manifest {
	pages: {
		id: string;
		image: string;
		width: number;
		height: number;
		panels: { id: string; region: { x: number; y: number; w: number; h: number }; bubbles: Bubble[] }[];
	}[];
}

function args(): { preview: string | null; lang: string; syncTails: boolean; only: string[] } {
	const argv = process.argv.slice(2);
	let preview: string | null = null;
	let lang = 'fr';
	let syncTails = false;
	const only: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i]!;
		if (a === '--preview') preview = path.resolve(argv[++i] ?? 'preview');
		else if (a === '--lang') lang = argv[++i] ?? 'fr';
		else if (a === '--sync-tails') syncTails = true;
		else only.push(a);
	}
	return { preview, lang, syncTails, only };
}

interface Fonts {
	regular: Font[];
	bold: Font[];
}

async function loadFonts(): Promise<Fonts> {
	const dir = path.resolve(comicsDir, '..', 'node_modules', '@fontsource', 'noto-sans', 'files');
	const load = async (subset: string, weight: number) => {
		const bytes = await readFile(path.join(dir, `noto-sans-${subset}-${weight}-normal.woff`));
		return opentype.parse(
			bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
		);
	};
	// The reader's font: latin for French and English, latin-ext for ɛ ɔ ɲ ŋ ɓ ɗ ƴ.
	return {
		regular: [await load('latin', 400), await load('latin-ext', 400)],
		bold: [await load('latin', 700), await load('latin-ext', 700)]
	};
}

/** Width of a string at `size` px in the first font that has each letter (else 0.6 em). */
function measurer(fonts: Font[]): MeasureText {
	return (text, size) => {
		let w = 0;
		for (const ch of text) {
			const font = fonts.find((f) => f.charToGlyph(ch).index !== 0);
			const glyph = font?.charToGlyph(ch);
			w += font && glyph?.advanceWidth ? (glyph.advanceWidth / font.unitsPerEm) * size : 0.6 * size;
		}
		return w;
	};
}

/**
 * Fits a bubble's text the way the reader does (same inner box, wrapping and sizes: the reader's
 * pure text-fit module), but demands at least MIN_TEXT_PX so text stays readable on a tablet.
 */
export function fit(fonts: Fonts, bubble: Bubble, lang: string) {
	const shape = drawn(bubble, lang);
	const measure = measurer(fontWeightFor(bubble.role) === 700 ? fonts.bold : fonts.regular);
	const { maxFontPx } = fontRange(PAGE_WIDTH);
	const result = fitText(bubble.text[lang] ?? '', innerBox(shape), {
		measure,
		minFontPx: MIN_TEXT_PX,
		maxFontPx
	});
	return { ...result, box: innerBox(shape) };
}

/** The art kit draws textless art: every bubble of the samples has a shape. */
function drawn(bubble: Bubble, lang?: string): BubbleShape {
	const shape = lang ? shapeFor(bubble, lang) : bubble.shape;
	if (!shape) throw new Error(`${bubble.id}: no shape (the sample art kit draws textless art only)`);
	return shape;
}

function bubbleSvg(fonts: Fonts, b: Bubble, lang: string): string {
	const r = drawn(b).region;
	const fill = b.role === 'caption' ? '#fff3c4' : '#ffffff';
	let out = '';
	if (b.tail) {
		const cx = r.x + r.w / 2;
		const cy = r.y + r.h / 2;
		const dx = b.tail.x - cx;
		const dy = b.tail.y - cy;
		const len = Math.hypot(dx, dy) || 1;
		const px = (-dy / len) * Math.min(r.w, r.h) * 0.14;
		const py = (dx / len) * Math.min(r.w, r.h) * 0.14;
		out += el('path', {
			d: `M${n(cx + px)} ${n(cy + py)}L${n(b.tail.x)} ${n(b.tail.y)}L${n(cx - px)} ${n(cy - py)}Z`,
			fill,
			stroke: '#000',
			'stroke-width': 3
		});
	}
	const common = {
		fill,
		stroke: '#000',
		'stroke-width': 3,
		'stroke-dasharray': b.role === 'thought' ? '8 6' : undefined
	};
	if (drawn(b).kind === 'ellipse' || drawn(b).kind === 'cloud' || drawn(b).kind === 'burst')
		out += el('ellipse', { cx: r.x + r.w / 2, cy: r.y + r.h / 2, rx: r.w / 2, ry: r.h / 2, ...common });
	else
		out += el('rect', {
			x: r.x,
			y: r.y,
			width: r.w,
			height: r.h,
			rx: drawn(b).kind === 'rounded' ? 18 : 0,
			...common
		});
	const fitted = fit(fonts, b, lang);
	const size = fitted.fontPx;
	const lines = fitted.lines;
	const top = r.y + r.h / 2 - (lines.length * size * 1.2) / 2 + size * 0.9;
	lines.forEach((lineText, i) => {
		out += el(
			'text',
			{
				x: r.x + r.w / 2,
				y: top + i * size * 1.2,
				'font-family': 'DejaVu Sans',
				'font-size': size * 0.93,
				'text-anchor': 'middle',
				fill: fitted.fits ? '#000' : '#c00',
				'font-weight': fontWeightFor(b.role)
			},
			lineText.replace(/&/g, '&amp;').replace(/</g, '&lt;')
		);
	});
	return out;
}

/**
 * Where a tail should end: on the line from the mouth to the bubble, stopping a little short of
 * the mouth (at the edge of the face) so the tail never covers the speaker's features.
 */
function tailPoint(mouth: Mouth, r: BubbleShape['region']): { x: number; y: number } {
	const dx = r.x + r.w / 2 - mouth.x;
	const dy = r.y + r.h / 2 - mouth.y;
	const len = Math.hypot(dx, dy) || 1;
	const stop = Math.min(mouth.u * 0.6, len * 0.5);
	return { x: Math.round(mouth.x + (dx / len) * stop), y: Math.round(mouth.y + (dy / len) * stop) };
}

function intersect(a: Box, b: Box): Box | null {
	const x = Math.max(a.x, b.x);
	const y = Math.max(a.y, b.y);
	const w = Math.min(a.x + a.w, b.x + b.w) - x;
	const h = Math.min(a.y + a.h, b.y + b.h) - y;
	return w > 0 && h > 0 ? { x, y, w, h } : null;
}

async function size(file: string): Promise<number> {
	return (await stat(file)).size;
}

/** Renders SVG to WebP, lowering quality until the page fits the budget. */
async function toWebp(
	svg: string,
	file: string,
	width?: number
): Promise<{ bytes: number; quality: number }> {
	for (let quality = 80; ; quality -= 4) {
		let pipeline = sharp(Buffer.from(svg));
		if (width) pipeline = pipeline.resize({ width });
		await pipeline.webp({ quality, effort: 6, smartSubsample: true }).toFile(file);
		const bytes = await size(file);
		if (bytes <= PAGE_BUDGET_BYTES || quality <= 40) return { bytes, quality };
	}
}

async function buildComic(art: ComicArt, fonts: Fonts, opts: ReturnType<typeof args>): Promise<boolean> {
	const dir = path.join(comicsDir, art.slug);
	const manifestFile = path.join(dir, 'comic.json');
	const manifestText = await readFile(manifestFile, 'utf8');
	const manifest = JSON.parse(manifestText) as Manifest;
	await mkdir(path.join(dir, 'art', 'src'), { recursive: true });
	if (opts.preview) await mkdir(opts.preview, { recursive: true });
	let ok = true;
	let tailsMoved = 0;
	for (const [index, page] of manifest.pages.entries()) {
		const number = index + 1;
		const expected = `art/page-${number}.webp`;
		if (page.image !== expected)
			console.warn(`${art.slug}: page ${page.id} image is "${page.image}", the build writes "${expected}"`);
		const { svg, mouths, faces } = composePage(page, art);
		await writeFile(path.join(dir, 'art', 'src', `page-${number}.svg`), svg + '\n');
		const out = await toWebp(svg, path.join(dir, expected));
		console.log(
			`${art.slug}/${expected}: ${page.width}×${page.height}, ${out.bytes} bytes (WebP q${out.quality})`
		);
		if (out.bytes > PAGE_BUDGET_BYTES) {
			console.warn(`  over the ${PAGE_BUDGET_BYTES}-byte page budget`);
			ok = false;
		}
		let overlay = '';
		for (const panel of page.panels) {
			for (const bubble of panel.bubbles) {
				const mouth = bubble.character ? mouths[panel.id]?.[bubble.character] : undefined;
				if (mouth && bubble.tail && bubble.role !== 'caption') {
					const aim = tailPoint(mouth, drawn(bubble).region);
					const off = Math.hypot(aim.x - bubble.tail.x, aim.y - bubble.tail.y);
					if (off > 2 && opts.syncTails) {
						bubble.tail = aim;
						tailsMoved++;
					} else if (off > 24)
						console.warn(
							`  ${bubble.id}: tail is ${Math.round(off)} px from ${bubble.character}'s mouth (use --sync-tails)`
						);
				} else if (bubble.tail && bubble.character && !mouth) {
					console.warn(`  ${bubble.id}: ${bubble.character} is not drawn in panel ${panel.id}`);
				}
				const panelRegion = panel.region;
				for (const face of faces[panel.id] ?? []) {
					const clipped = intersect(face, panelRegion);
					if (clipped && intersect(clipped, drawn(bubble).region))
						console.warn(
							`  ${bubble.id}: bubble covers a face at (${Math.round(face.x)}, ${Math.round(face.y)})`
						);
				}
				for (const [lang, text] of Object.entries(bubble.text)) {
					if (!fit(fonts, bubble, lang).fits) {
						console.warn(`  ${bubble.id} [${lang}]: text does not fit at ${MIN_TEXT_PX} px: "${text}"`);
						if (lang === 'fr' || lang === 'en') ok = false;
					}
				}
				overlay += bubbleSvg(fonts, bubble, opts.lang);
			}
		}
		if (opts.preview) {
			const withText = svg.replace(/<\/svg>$/, overlay + '</svg>');
			await sharp(Buffer.from(withText))
				.png()
				.toFile(path.join(opts.preview, `${art.slug}-page-${number}.png`));
		}
	}
	const first = manifest.pages[0]!;
	const coverSvg = composeCover(first.width, first.height, art);
	await writeFile(path.join(dir, 'art', 'src', 'cover.svg'), coverSvg + '\n');
	const cover = await toWebp(coverSvg, path.join(dir, 'art', 'cover.webp'), COVER_WIDTH);
	console.log(
		`${art.slug}/art/cover.webp: ${COVER_WIDTH}px wide, ${cover.bytes} bytes (WebP q${cover.quality})`
	);
	if (opts.preview)
		await sharp(Buffer.from(coverSvg))
			.resize({ width: COVER_WIDTH })
			.png()
			.toFile(path.join(opts.preview, `${art.slug}-cover.png`));
	// --sync-tails also normalises the file's layout, so diffs of hand edits stay small.
	if (opts.syncTails) {
		await writeFile(manifestFile, formatJson(manifest) + '\n');
		console.log(`${art.slug}: moved ${tailsMoved} tail(s) onto the speakers' mouths in comic.json`);
	}
	return ok;
}

async function main(): Promise<number> {
	const opts = args();
	const fonts = await loadFonts();
	const chosen = opts.only.length ? COMICS.filter((c) => opts.only.includes(c.slug)) : COMICS;
	let ok = true;
	for (const art of chosen) ok = (await buildComic(art, fonts, opts)) && ok;
	return ok ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`comics:art failed: ${(error as Error).stack ?? error}`);
		process.exit(2);
	}
);
