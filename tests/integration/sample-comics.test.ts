/**
 * The three sample comics other features build on: ids, grades, themes and objective codes as the
 * team agreed, complete French and English, art without text, pages inside the size budget, and
 * art that the kit redraws identically.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import { loadComic, loadLanguages } from '../../src/lib/server/content/comic-folder';
import { contentChecks } from '../../src/lib/server/content/checks';
import { composePage, Scene } from '../../comics/tools/scene';
import { emphasisLines, motionLines } from '../../comics/tools/props';
import { Defs } from '../../comics/tools/svg';
import { awaEtLeCgs } from '../../comics/tools/scenes/awa-et-le-cgs';
import { leRobinetDeSikoro } from '../../comics/tools/scenes/le-robinet-de-sikoro';
import { trenteJours } from '../../comics/tools/scenes/trente-jours';

const root = path.resolve('comics');
const PAGE_BUDGET_BYTES = 90_000;

const SAMPLES = [
	{
		slug: 'trente-jours',
		art: trenteJours,
		grades: ['7', '8'],
		themes: ['COLL', 'DROITS'],
		objectives: ['SMP-ECM-7-COLL-04.1', 'SMP-ECM-7-COLL-04.2', 'SMP-ECM-7-DROITS-01.1']
	},
	{
		slug: 'awa-et-le-cgs',
		art: awaEtLeCgs,
		grades: ['8', '9'],
		themes: ['SERV', 'DROITS'],
		objectives: ['SMP-ECM-8-SERV-01.1', 'SMP-ECM-8-DROITS-02.1']
	},
	{
		slug: 'le-robinet-de-sikoro',
		art: leRobinetDeSikoro,
		grades: ['8', '9'],
		themes: ['COLL', 'SERV'],
		objectives: ['SMP-ECM-9-SERV-03.1', 'SMP-ECM-9-COLL-02.1']
	}
] as const;

async function load(slug: string): Promise<Manifest> {
	const comic = await loadComic(path.join(root, slug), await loadLanguages(root), await contentChecks(root));
	expect(comic.issues.filter((i) => i.severity === 'error')).toEqual([]);
	expect(comic.manifest).not.toBeNull();
	return comic.manifest!;
}

describe.each(SAMPLES)('sample comic $slug', (sample) => {
	it('validates with every content check and carries the agreed metadata', async () => {
		const m = await load(sample.slug);
		expect(m.id).toBe(sample.slug);
		expect(m.gradeLevels).toEqual(sample.grades);
		expect(m.themes).toEqual(sample.themes);
		expect(m.objectives).toEqual(sample.objectives);
		expect(m.license).toBe('CC-BY-4.0');
		expect(m.credits).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ role: 'story', name: 'Équipe Kalanso (échantillon)' }),
				expect.objectContaining({ role: 'art', name: 'Équipe Kalanso (échantillon)' })
			])
		);
		const status = Object.fromEntries(m.languages.map((l) => [l.tag, l.status]));
		expect(status).toMatchObject({ fr: 'complete', en: 'complete' });
	});

	it('has 2–3 pages and 8–14 panels, and every speech tail inside its panel', async () => {
		const m = await load(sample.slug);
		expect(m.pages.length).toBeGreaterThanOrEqual(2);
		expect(m.pages.length).toBeLessThanOrEqual(3);
		const panels = m.pages.flatMap((p) => p.panels);
		expect(panels.length).toBeGreaterThanOrEqual(8);
		expect(panels.length).toBeLessThanOrEqual(14);
		for (const panel of panels) {
			for (const bubble of panel.bubbles) {
				if (bubble.role === 'caption') continue;
				expect(bubble.character, bubble.id).toBeDefined();
				const { x, y, w, h } = panel.region;
				expect(bubble.tail, bubble.id).toBeDefined();
				expect(bubble.tail!.x).toBeGreaterThanOrEqual(x);
				expect(bubble.tail!.x).toBeLessThanOrEqual(x + w);
				expect(bubble.tail!.y).toBeGreaterThanOrEqual(y);
				expect(bubble.tail!.y).toBeLessThanOrEqual(y + h);
			}
		}
	});

	it('keeps words out of the art: SVG sources have no text elements', async () => {
		const dir = path.join(root, sample.slug, 'art', 'src');
		const files = (await readdir(dir)).filter((f) => f.endsWith('.svg'));
		expect(files.length).toBeGreaterThanOrEqual(3);
		for (const file of files) {
			const svg = await readFile(path.join(dir, file), 'utf8');
			expect(svg, file).not.toMatch(/<(text|tspan|textPath)\b|font-family/);
		}
	});

	it('ships WebP pages under the per-page budget and a cover', async () => {
		const m = await load(sample.slug);
		for (const page of m.pages) {
			const file = path.join(root, sample.slug, page.image);
			expect((await stat(file)).size, page.image).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
			expect((await sharp(file).metadata()).format).toBe('webp');
		}
		expect(m.cover).toBe('art/cover.webp');
		const cover = await sharp(path.join(root, sample.slug, m.cover!)).metadata();
		// Same shape as the pages, so the library can lay covers out before they load.
		expect(cover.width! / cover.height!).toBeCloseTo(m.pages[0]!.width / m.pages[0]!.height, 2);
	});

	it('is redrawn identically by the art kit (no randomness) and matches the committed sources', async () => {
		const m = await load(sample.slug);
		for (const [index, page] of m.pages.entries()) {
			const first = composePage(page, sample.art).svg;
			expect(composePage(page, sample.art).svg).toBe(first);
			const committed = await readFile(
				path.join(root, sample.slug, 'art', 'src', `page-${index + 1}.svg`),
				'utf8'
			);
			expect(committed.trimEnd()).toBe(first);
		}
	});
});

describe('the Bambara draft of trente-jours', () => {
	it('is declared a draft with its source, in NFC, with Bambara letters rather than look-alikes', async () => {
		const m = await load('trente-jours');
		const bm = m.languages.find((l) => l.tag === 'bm');
		expect(bm?.status).toBe('draft');
		expect(bm?.source).toMatch(/native speaker/);
		const texts = [
			m.title.bm,
			m.summary.bm,
			...m.pages.flatMap((p) => p.panels.flatMap((q) => q.bubbles.map((b) => b.text.bm)))
		].filter((t): t is string => typeof t === 'string');
		expect(texts.length).toBeGreaterThanOrEqual(4);
		for (const text of texts) {
			expect(text).toBe(text.normalize('NFC'));
			// Greek epsilon/omicron or French è/ò instead of ɛ/ɔ are the usual slips.
			expect(text).not.toMatch(/[εοèò]/);
		}
		expect(texts.join(' ')).toMatch(/[ɛɔ]/);
	});
});

describe('Awa et le CGS: a story with a real conflict', () => {
	it('names the real causes of dropping out and shows the CGS acting over weeks, not in one evening', async () => {
		const m = await load('awa-et-le-cgs');
		const say = (lang: string) =>
			m.pages.flatMap((p) => p.panels.flatMap((q) => q.bubbles.map((b) => b.text[lang] ?? ''))).join(' ');
		const fr = say('fr');
		// Housework, costs despite free schooling, an early marriage.
		expect(fr).toMatch(/l'eau, le mil, mes petits frères/);
		expect(fr).toMatch(/L'école est gratuite, dites-vous.*les cahiers, les stylos, l'uniforme/s);
		expect(fr).toMatch(/mon oncle veut me marier/);
		// Time passes between the committee's decision and the family's.
		expect(fr).toMatch(/Ça ne se réglera pas en un soir/);
		expect(fr).toMatch(/Trois semaines et trois visites plus tard/);
		expect(say('en')).toMatch(/Three weeks and three visits later/);
	});
});

describe('the art kit tells a story', () => {
	const scene = () => new Scene(600, 500, new Defs());
	const teen = {
		age: 'teen',
		sex: 'f',
		skin: '#6b4226',
		outfit: { kind: 'dress', main: '#c33' },
		hair: 'braids'
	} as const;

	it('draws a figure from behind with no face, for over-the-shoulder shots', () => {
		const front = scene()
			.person('a', { ...teen, x: 300, y: 480, height: 400, facing: 'front' })
			.result();
		const back = scene()
			.person('a', { ...teen, x: 300, y: 480, height: 400, facing: 'back' })
			.result();
		expect(front.faces).toHaveLength(1);
		expect(back.faces).toHaveLength(0);
		// No eyes: the back view draws fewer shapes than the face it hides.
		expect((back.svg.match(/<(circle|ellipse)\b/g) ?? []).length).toBeLessThan(
			(front.svg.match(/<(circle|ellipse)\b/g) ?? []).length
		);
	});

	it('leans a whole figure around its feet, and its mouth and face follow for bubble tails', () => {
		const upright = scene()
			.person('a', { ...teen, x: 300, y: 480, height: 400, facing: 'right' })
			.result();
		const leaning = scene()
			.person('a', { ...teen, x: 300, y: 480, height: 400, facing: 'right', lean: 10 })
			.result();
		expect(leaning.svg).toContain('rotate(10 300 480)');
		expect(leaning.mouths.a!.x).toBeGreaterThan(upright.mouths.a!.x + 40);
		expect(leaning.faces[0]!.x).toBeGreaterThan(upright.faces[0]!.x + 40);
	});

	it('draws motion lines that trail behind a movement, and emphasis lines around a point', () => {
		const lines = motionLines(100, 100, 1, 0, 60, 3);
		const ends = [...lines.matchAll(/M([\d.]+) [\d.]+L([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
		expect(ends).toHaveLength(3);
		// Moving right: every line runs back to the left of where it starts.
		for (const [start, end] of ends) expect(end!).toBeLessThan(start!);
		expect(emphasisLines(50, 50, 20, 40, 8).match(/<path/g)).toHaveLength(8);
	});
});
