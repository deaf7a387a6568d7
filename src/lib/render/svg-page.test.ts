import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Page } from '$lib/domain/manifest/schema';
import { fitText, fontRange, innerBox, type MeasureText } from '$lib/domain/reader/text-fit';
import { composePage, numberPanels, sceneToSvg, toGray } from './svg-page';

/** A monospaced stand-in for the font: every character 0.55 em wide. */
const measure: MeasureText = (text, px) => [...text].length * px * 0.55;
const measures = { 400: measure, 700: (t: string, px: number) => measure(t, px) * 1.1 };

const page: Page = {
	id: 'p1',
	image: 'art/page-1.webp',
	width: 1200,
	height: 1700,
	panels: [
		{
			id: 'p1-a',
			region: { x: 0, y: 0, w: 1200, h: 800 },
			description: { fr: 'Une rue.' },
			bubbles: [
				{
					id: 'b1',
					role: 'speech',
					character: 'awa',
					shape: { kind: 'ellipse', region: { x: 100, y: 100, w: 500, h: 260 } },
					tail: { x: 300, y: 600 },
					text: { fr: 'Bonjour <Awa> & Seydou, on y va après les cours !', bm: 'I ni sɔgɔma, an bɛ taa !' }
				},
				{
					id: 'b2',
					role: 'caption',
					shape: { kind: 'rect', region: { x: 700, y: 40, w: 460, h: 140 } },
					text: { fr: 'Le lendemain.' }
				}
			]
		},
		{ id: 'p1-b', region: { x: 0, y: 820, w: 1200, h: 860 }, description: { fr: 'Ici.' }, bubbles: [] }
	]
};

const compose = (lang: string) =>
	composePage(page, {
		lang,
		fallback: 'fr',
		measure: measures,
		image: 'art/page-1.webp',
		panelNumbers: numberPanels([page]),
		grayscale: true
	});

describe('the vector page composer', () => {
	it("fits each bubble's text with the reader's fitter and the injected measurer", () => {
		const scene = compose('fr');
		const bubble = page.panels[0]!.bubbles[0]!;
		const fit = fitText(bubble.text.fr!, innerBox(bubble.shape!), { measure, ...fontRange(page.width) });
		expect(scene.bubbles[0]!.text).toMatchObject({ lines: fit.lines, fontPx: fit.fontPx, fits: true });
		expect(scene.bubbles[0]!.text.lines.length).toBeGreaterThan(1);
	});

	it('sets the text in the chosen language, and in the reference language where it has none', () => {
		const scene = compose('bm');
		expect(scene.bubbles[0]!.text).toMatchObject({ lang: 'bm' });
		expect(scene.bubbles[0]!.text.lines.join(' ').replace(/\u00a0/g, ' ')).toBe('I ni sɔgɔma, an bɛ taa !');
		expect(scene.bubbles[1]!.text).toMatchObject({ lang: 'fr', lines: ['Le lendemain.'] });
	});

	it('writes every fitted line into the SVG, escaped, with its language', () => {
		const svg = sceneToSvg(compose('fr'), { title: 'Page <1>' });
		const tspans = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
		const decoded = tspans.map((s) => s!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
		expect(
			decoded
				.slice(0, -1)
				.join(' ')
				.replace(/\u00a0/g, ' ')
		).toBe('Bonjour <Awa> & Seydou, on y va après les cours !');
		expect(svg).not.toContain('<Awa>');
		expect(svg).toContain('<title>Page &lt;1&gt;</title>');
		expect(svg).toContain('lang="fr"');
		expect(svg).toContain('<image href="art/page-1.webp"');
	});

	it('numbers the panels, away from the bubbles', () => {
		const scene = compose('fr');
		expect(scene.marks.map((m) => m.n)).toEqual([1, 2]);
		const [mark] = scene.marks;
		for (const b of page.panels[0]!.bubbles) {
			const r = b.shape!.region;
			const overlaps =
				mark!.x + mark!.r > r.x &&
				mark!.x - mark!.r < r.x + r.w &&
				mark!.y + mark!.r > r.y &&
				mark!.y - mark!.r < r.y + r.h;
			expect(overlaps).toBe(false);
		}
		expect(numberPanels([page, { panels: [page.panels[0]!] }]).size).toBe(2);
	});

	it('draws bubble bodies and tails over the art, in grey for photocopies', async () => {
		const black = await sharp({ create: { width: 12, height: 17, channels: 3, background: '#000' } })
			.png()
			.toBuffer();
		const scene = { ...compose('fr'), image: `data:image/png;base64,${black.toString('base64')}` };
		// Text left out: this checks the shapes (no font needed to rasterise them).
		scene.bubbles = scene.bubbles.map((b) => ({ ...b, text: { ...b.text, lines: [] } }));
		const { data, info } = await sharp(Buffer.from(sceneToSvg(scene, { grayscale: true })))
			.raw()
			.toBuffer({ resolveWithObject: true });
		const at = (x: number, y: number) => data[(y * info.width + x) * info.channels]!;
		expect(at(350, 230)).toBeGreaterThan(240); // inside the speech ellipse: white
		expect(at(324, 420)).toBeGreaterThan(240); // inside its tail, below the ellipse: white
		expect(at(600, 600)).toBeLessThan(20); // the art
		expect(at(930, 110)).toBe(toGray(0xfff1c1) & 0xff); // the caption, its pale yellow as grey
	});
});
