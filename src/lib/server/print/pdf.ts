/**
 * The printout as a PDF, drawn with PDFKit (server side: the school server makes it once for a
 * class, the fonts are embedded from the bundled files, and a tablet-less teacher's phone or an old
 * PC only has to download and print it). PDFKit is maintained since 2011, draws vectors and text
 * with embedded, subsetted fonts (fontkit reads the WOFF files the app serves) and needs no
 * browser; see README "Print".
 *
 * Comic pages draw the composer's scene (render/svg-page.ts: the same bubbles and fitted lines as
 * the reader and the print view's SVG), over the art in grey. A5 booklets are imposed two-up on
 * A4 landscape sheets (domain/print/booklet.ts). Worksheet and answer key are A4 pages.
 */
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { imposition, PAPER_SIZE } from '../../domain/print/booklet';
import type { KeyEntry, PaperExercise } from '../../domain/print/paper';
import { letter } from '../../domain/print/paper';
import { wrapText } from '../../domain/reader/text-fit';
import { sha256Hex } from '../../domain/signing/hash';
import { INK, shrinkTriangle } from '../../render/bubble-drawing';
import { lineBaselines, type BubbleBody, type PageScene } from '../../render/svg-page';
import { SUBSETS, type PrintFonts, type Weight } from './fonts';
import type { BackPage, LogicalPage, PrintModel } from './model';

/** Reads an asset of the published version (page art), or null. */
export type ReadArt = (assetPath: string) => Promise<Uint8Array | null>;

const hex = (c: number) => `#${c.toString(16).padStart(6, '0')}`;
const fontName = (subset: number, weight: Weight) => `noto-${weight}-${subset}`;

interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** Text setting shared by every part: lines split into runs, each in the subset file that has it. */
class Typesetter {
	constructor(
		readonly doc: PDFKit.PDFDocument,
		readonly fonts: PrintFonts
	) {}

	width(text: string, size: number, weight: Weight): number {
		return this.fonts.measure[weight](text, size);
	}

	/** One line with its baseline at y; `align` places it from x (left) or around x (center). */
	line(
		text: string,
		x: number,
		baseline: number,
		size: number,
		weight: Weight,
		align: 'left' | 'center' = 'left'
	) {
		let cx = align === 'center' ? x - this.width(text, size, weight) / 2 : x;
		for (const run of this.fonts.runs(text, weight)) {
			this.doc
				.font(fontName(run.subset, weight))
				.fontSize(size)
				.fillColor(hex(INK))
				.text(run.text, cx, baseline, { lineBreak: false, baseline: 'alphabetic' });
			cx += this.width(run.text, size, weight);
		}
	}

	/** Words wrapped to `width` (the reader's wrapping, no word ever split). */
	wrap(text: string, width: number, size: number, weight: Weight): string[] {
		return wrapText(text, width, size, this.fonts.measure[weight]) ?? [text];
	}
}

/** A column of text going down a box; `draw: false` only measures (to keep an exercise together). */
class Flow {
	y: number;
	constructor(
		readonly ts: Typesetter,
		readonly box: Box,
		readonly draw = true
	) {
		this.y = box.y;
	}

	get bottom() {
		return this.box.y + this.box.h;
	}

	para(text: string, size: number, weight: Weight = 400, indent = 0, after = size * 0.4): void {
		const lines = this.ts.wrap(text, this.box.w - indent, size, weight);
		for (const line of lines) {
			this.y += size * 1.25;
			if (this.draw) this.ts.line(line, this.box.x + indent, this.y - size * 0.3, size, weight);
		}
		this.y += after;
	}

	space(h: number) {
		this.y += h;
	}
}

function drawBody(doc: PDFKit.PDFDocument, body: BubbleBody) {
	switch (body.kind) {
		case 'ellipse':
			return doc.ellipse(body.cx, body.cy, body.rx, body.ry);
		case 'roundRect':
			return doc.roundedRect(body.x, body.y, body.w, body.h, body.r);
		case 'rect':
			return doc.rect(body.x, body.y, body.w, body.h);
		case 'polygon':
			return doc.polygon(...pairs(body.points));
		case 'cloud':
			for (const b of body.bumps) doc.circle(b.x, b.y, b.r);
			return doc;
	}
}

function pairs(points: number[]): number[][] {
	const out: number[][] = [];
	for (let i = 0; i < points.length; i += 2) out.push([points[i]!, points[i + 1]!]);
	return out;
}

/** Draws a composed page into a box of the sheet, scaled to fit, centred. */
async function drawComic(ts: Typesetter, scene: PageScene, art: Buffer | null, box: Box, n: number) {
	const doc = ts.doc;
	const footer = Math.max(12, box.h * 0.025);
	const k = Math.min(box.w / scene.width, (box.h - footer) / scene.height);
	const ox = box.x + (box.w - scene.width * k) / 2;
	const oy = box.y;
	if (art) doc.image(art, ox, oy, { width: scene.width * k, height: scene.height * k });
	doc.save();
	doc.translate(ox, oy).scale(k);
	doc.lineJoin('round');
	for (const b of scene.bubbles) {
		const fill = hex(b.fill);
		doc.lineWidth(b.strokeWidth).strokeColor(hex(INK));
		if (b.tail?.kind === 'dots')
			for (const d of b.tail.dots) doc.circle(d.x, d.y, d.r).fillAndStroke(fill, hex(INK));
		else if (b.tail) doc.polygon(...pairs(b.tail.points)).fillAndStroke(fill, hex(INK));
		drawBody(doc, b.body).fillAndStroke(fill, hex(INK));
		if (b.body.kind === 'cloud')
			doc.ellipse(b.body.inner.cx, b.body.inner.cy, b.body.inner.rx, b.body.inner.ry).fill(fill);
		if (b.tail?.kind === 'triangle' && b.body.kind !== 'cloud')
			doc.polygon(...pairs(shrinkTriangle(b.tail.points, b.strokeWidth))).fill(fill);
	}
	for (const m of scene.marks) {
		doc
			.lineWidth(m.r * 0.12)
			.circle(m.x, m.y, m.r)
			.fillAndStroke('#ffffff', hex(INK));
	}
	doc.restore();
	// Text in sheet points (the scale is applied to positions and sizes, both linear).
	for (const b of scene.bubbles) {
		const baselines = lineBaselines(b.text);
		b.text.lines.forEach((line, i) =>
			ts.line(line, ox + b.text.cx * k, oy + baselines[i]! * k, b.text.fontPx * k, b.text.weight, 'center')
		);
	}
	for (const m of scene.marks)
		ts.line(String(m.n), ox + m.x * k, oy + (m.y + m.r * 0.36) * k, m.r * k, 700, 'center');
	ts.line(String(n), box.x + box.w / 2, box.y + box.h - 2, Math.min(10, footer * 0.8), 400, 'center');
}

function drawBack(ts: Typesetter, back: BackPage, box: Box, t: PrintModel['t']) {
	const s = Math.min(1, box.w / 540);
	const flow = new Flow(ts, { x: box.x + 8 * s, y: box.y + 10 * s, w: box.w - 16 * s, h: box.h });
	flow.para(back.title, 20 * s, 700, 0, 10 * s);
	flow.para(t('back.summary'), 11 * s, 700);
	flow.para(back.summary, 10.5 * s, 400, 0, 10 * s);
	flow.para(t('back.languages'), 11 * s, 700);
	flow.para(back.languages.join(' · '), 10.5 * s, 400, 0, 10 * s);
	flow.para(t('back.objectives'), 11 * s, 700);
	for (const o of back.objectives) {
		flow.para(`${o.code}${o.sample ? ` (${t('back.sample')})` : ''}`, 10 * s, 700, 0, 0);
		if (o.title) flow.para(o.title, 10.5 * s, 400, 12 * s, 6 * s);
	}
	flow.space(6 * s);
	flow.para(back.approval, 10.5 * s, 700, 0, 10 * s);
	flow.para(t('back.credits'), 11 * s, 700);
	for (const c of back.credits) flow.para(c, 10 * s, 400, 0, 2 * s);
	flow.space(8 * s);
	flow.para(back.license, 10 * s);
	flow.para(back.printed, 10 * s);
}

/** One exercise; returns nothing, moves the flow down. */
function exercise(flow: Flow, ex: PaperExercise, i: number, t: PrintModel['t']) {
	const { doc } = flow.ts;
	const size = 11;
	flow.para(`${t('sheet.question', { n: i + 1 })}. ${ex.prompt}`, 12, 700, 0, 2);
	flow.para(ex.instruction, 10, 400, 0, 6);
	const x = flow.box.x;
	const body = ex.body;
	if (body.kind === 'tick' || body.kind === 'number') {
		const items = body.kind === 'tick' ? body.boxes : body.items;
		items.forEach((item, j) => {
			const top = flow.y + 2;
			if (flow.draw) {
				doc.lineWidth(0.8).strokeColor(hex(INK));
				if (body.kind === 'tick') doc.rect(x + 14, top + 1.5, 10, 10).stroke();
				else doc.rect(x + 8, top, 18, 14).stroke();
				if (body.kind === 'tick') flow.ts.line(`${letter(j)}.`, x + 30, top + 10, size, 700);
			}
			flow.para(item, size, 400, body.kind === 'tick' ? 46 : 34, 5);
		});
	} else if (body.kind === 'link') {
		const col = (flow.box.w - 70) / 2;
		const rows = Math.max(body.left.length, body.right.length);
		for (let j = 0; j < rows; j++) {
			const left = flow.ts.wrap(`${j + 1}. ${body.left[j] ?? ''}`, col, size, 400);
			const right = flow.ts.wrap(`${letter(j)}. ${body.right[j] ?? ''}`, col, size, 400);
			const top = flow.y;
			const h = Math.max(left.length, right.length) * size * 1.25;
			if (flow.draw) {
				left.forEach((l, k) => flow.ts.line(l, x, top + (k + 1) * size * 1.25 - size * 0.3, size, 400));
				right.forEach((l, k) =>
					flow.ts.line(l, x + col + 70, top + (k + 1) * size * 1.25 - size * 0.3, size, 400)
				);
				doc.circle(x + col + 12, top + size * 0.75, 2.5).fill(hex(INK));
				doc.circle(x + col + 58, top + size * 0.75, 2.5).fill(hex(INK));
			}
			flow.space(h + 8);
		}
	} else {
		const label = t('paper.panelBlank');
		const top = flow.y + 2;
		if (flow.draw) {
			flow.ts.line(label, x + 14, top + 13, size, 400);
			const w = flow.ts.width(label, size, 400);
			doc
				.lineWidth(0.8)
				.rect(x + 20 + w, top, 44, 18)
				.stroke();
		}
		flow.space(24);
	}
	flow.space(12);
}

function keyEntry(flow: Flow, entry: KeyEntry, i: number, t: PrintModel['t']) {
	flow.para(`${t('sheet.question', { n: i + 1 })}. ${entry.prompt}`, 11.5, 700, 0, 3);
	flow.para(t('sheet.answer'), 10.5, 700, 10, 1);
	for (const a of entry.answer) flow.para(a, 10.5, 400, 22, 1);
	flow.para(t('sheet.explanation'), 10.5, 700, 10, 1);
	flow.para(entry.explanation, 10.5, 400, 22, 1);
	if (entry.evidence) flow.para(`${t('sheet.evidence')} ${entry.evidence}`, 10.5, 400, 10, 1);
	flow.space(10);
}

/** Items laid out on A4 pages, each kept whole on one page, with a heading on the first. */
function flowPages<T>(
	ts: Typesetter,
	items: readonly T[],
	heading: (flow: Flow) => void,
	draw: (flow: Flow, item: T, i: number) => void,
	pageLabel: (n: number) => string
) {
	const size = PAPER_SIZE.A4;
	const margin = 48;
	const box = { x: margin, y: margin, w: size.w - 2 * margin, h: size.h - 2 * margin - 16 };
	let n = 1;
	const newPage = () => {
		ts.doc.addPage({ size: [size.w, size.h], margin: 0 });
		ts.line(pageLabel(n++), size.w / 2, size.h - 30, 9, 400, 'center');
		return new Flow(ts, box);
	};
	let flow = newPage();
	heading(flow);
	items.forEach((item, i) => {
		const probe = new Flow(ts, { ...box, y: 0 }, false);
		draw(probe, item, i);
		if (flow.y + probe.y > flow.bottom && flow.y > box.y) flow = newPage();
		draw(flow, item, i);
	});
}

/** Grey JPEGs of page art by the SHA-256 of the art file: a class prints the same pages again and again. */
const greyCache = new Map<string, Promise<Buffer>>();
const GREY_CACHE_SIZE = 24;

/**
 * Page art in grey, as JPEG: black-and-white friendly (photocopies) and a fraction of the size of
 * a lossless copy. Cached (the least recently used is dropped past GREY_CACHE_SIZE).
 */
function greyArt(bytes: Uint8Array): Promise<Buffer> {
	const key = sha256Hex(bytes);
	let grey = greyCache.get(key);
	if (grey) greyCache.delete(key);
	else {
		grey = sharp(bytes).grayscale().jpeg({ quality: 72 }).toBuffer();
		grey.catch(() => greyCache.delete(key));
	}
	greyCache.set(key, grey);
	while (greyCache.size > GREY_CACHE_SIZE) greyCache.delete(greyCache.keys().next().value!);
	return grey;
}

/** The printout as PDF bytes. */
export async function printPdf(model: PrintModel, readArt: ReadArt, fonts: PrintFonts): Promise<Buffer> {
	const doc = new PDFDocument({
		autoFirstPage: false,
		compress: true,
		lang: model.lang,
		displayTitle: true,
		info: { Title: model.title, Creator: 'Kalanso', Producer: 'Kalanso (PDFKit)' }
	});
	for (const weight of [400, 700] as const)
		SUBSETS.forEach((_, subset) => doc.registerFont(fontName(subset, weight), fonts.file(subset, weight)));
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	const ts = new Typesetter(doc, fonts);
	const t = model.t;

	const art = new Map<string, Buffer | null>();
	for (const page of model.pages) {
		if (page.kind !== 'comic' || art.has(page.asset)) continue;
		const bytes = await readArt(page.asset);
		art.set(page.asset, bytes ? await greyArt(bytes) : null);
	}
	const drawLogical = async (page: LogicalPage | undefined, box: Box) => {
		if (!page) return;
		if (page.kind === 'comic') await drawComic(ts, page.scene, art.get(page.asset) ?? null, box, page.n);
		else drawBack(ts, page.back, box, t);
	};

	if (model.pages.length > 0) {
		const sides = imposition(model.pages.length, model.format);
		const a4 = PAPER_SIZE.A4;
		for (const side of sides) {
			if (model.format === 'A4') {
				doc.addPage({ size: [a4.w, a4.h], margin: 0 });
				await drawLogical(model.pages[side[0]!], { x: 28, y: 28, w: a4.w - 56, h: a4.h - 56 });
			} else {
				// Two A5 pages side by side on an A4 landscape sheet.
				doc.addPage({ size: [a4.h, a4.w], margin: 0 });
				const half = a4.h / 2;
				for (const [j, index] of side.entries()) {
					const box = { x: j * half + 20, y: 20, w: half - 40, h: a4.w - 40 };
					await drawLogical(index === null ? undefined : model.pages[index], box);
				}
			}
		}
	}
	if (model.worksheet) {
		flowPages(
			ts,
			model.worksheet,
			(flow) => {
				flow.para(`${t('sheet.worksheet')} — ${model.title}`, 16, 700, 0, 8);
				const y = flow.y + 14;
				const w = flow.box.w / 3;
				[t('sheet.name'), t('sheet.class'), t('sheet.date')].forEach((label, i) => {
					const x = flow.box.x + i * w;
					ts.line(label, x, y, 10.5, 400);
					const lw = ts.width(label, 10.5, 400);
					doc
						.lineWidth(0.6)
						.moveTo(x + lw + 4, y + 2)
						.lineTo(x + w - 12, y + 2)
						.stroke(hex(INK));
				});
				flow.space(34);
			},
			(flow, ex, i) => exercise(flow, ex, i, t),
			(n) => `${model.title} — ${t('sheet.worksheet')} — ${t('sheet.page', { n })}`
		);
	}
	if (model.key) {
		flowPages(
			ts,
			model.key,
			(flow) => flow.para(`${t('sheet.key')} — ${model.title}`, 16, 700, 0, 14),
			(flow, entry, i) => keyEntry(flow, entry, i, t),
			(n) => `${model.title} — ${t('sheet.key')} — ${t('sheet.page', { n })}`
		);
	}
	doc.end();
	return done;
}
