/**
 * N'Ko and Tifinagh in the reader's bubbles (issue 17), on a server of its own whose comics folder
 * holds the `scripts` fixture: real sentences from cited sources (tests/fixtures/scripts-comic/scripts,
 * `languages[].source`), drawn by Pixi's canvas renderer (stable pixels) with the bundled fonts and
 * compared with committed reference screenshots; and N'Ko laid out right to left, seen in the ink.
 */
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Manifest, Region } from '../../src/lib/domain/manifest/schema';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';

const port = Number(process.env.E2E_PORT ?? 4173) + 70;
const baseURL = `http://127.0.0.1:${port}`;
const FIXTURE = 'tests/fixtures/scripts-comic/scripts';
const manifest = JSON.parse(readFileSync(path.join(FIXTURE, 'comic.json'), 'utf8')) as Manifest;
let server: FixtureServer | undefined;

test.use({ baseURL, viewport: { width: 800, height: 1000 } });

test.beforeAll(async () => {
	const root = mkdtempSync(path.join(tmpdir(), 'kalanso-scripts-'));
	cpSync(FIXTURE, path.join(root, 'scripts'), { recursive: true });
	// The fixture's Tifinagh text is Standard Moroccan Tamazight (its source), not Tamasheq: the
	// language is added for this server only, never to comics/languages.json.
	const languages = JSON.parse(readFileSync('comics/languages.json', 'utf8'));
	languages.languages.push({
		tag: 'zgh',
		name: { fr: 'Tamazight standard marocain', en: 'Standard Moroccan Tamazight' },
		nativeName: 'ⵜⴰⵎⴰⵣⵉⵖⵜ',
		nativeNameSource: 'test fixture; the word as written in the source cited in the comic',
		script: 'Tfng',
		plural: null,
		recording: null
	});
	writeFileSync(path.join(root, 'languages.json'), JSON.stringify(languages));
	server = await startFixtureServer({ port, comics: root });
});

test.afterAll(async () => {
	await server?.kill();
});

const bubbles = manifest.pages[0]!.panels.flatMap((p) => p.bubbles);
const bubble = (id: string) => bubbles.find((b) => b.id === id)!;

/** Opens the comic at `panel` in text language `lang`, with the camera at rest. */
async function openIn(page: Page, lang: string, panel: string) {
	await page.goto(`/read/scripts?renderer=canvas&panel=${panel}`);
	const reader = page.getByTestId('reader');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	await page.locator(`[data-testid="text-language"] button[data-lang="${lang}"]`).click();
	await expect(reader).toHaveAttribute('data-text-language', lang);
	await expect
		.poll(() => reader.getAttribute('data-camera'))
		.toBe(await reader.getAttribute('data-camera-target'));
	await page.evaluate(() => document.fonts.ready);
	return reader;
}

/** Where a page region is on the screen, from the reader's camera (x, y, scale). */
async function onScreen(page: Page, region: Region) {
	const [cx, cy, scale] = (await page.getByTestId('reader').getAttribute('data-camera'))!
		.split(',')
		.map(Number) as [number, number, number];
	const box = (await page.getByTestId('reader-canvas').boundingBox())!;
	return {
		x: box.x + (region.x - cx) * scale + box.width / 2,
		y: box.y + (region.y - cy) * scale + box.height / 2,
		width: region.w * scale,
		height: region.h * scale
	};
}

for (const [lang, name] of [
	['nqo', 'nko'],
	['zgh', 'tifinagh']
] as const) {
	test(`${name} text in bubbles, as in the reference screenshots`, async ({ page }) => {
		for (const [panel, id] of [
			['p1-1', 'p1-1-b1'],
			['p1-2', 'p1-2-b1']
		] as const) {
			await openIn(page, lang, panel);
			const clip = await onScreen(page, bubble(id).shape!.region);
			await expect(page).toHaveScreenshot(`${name}-${id}.png`, { clip, maxDiffPixelRatio: 0.02 });
		}
	});
}

test("N'Ko is laid out right to left: the first word's ink is at the right", async ({ page }) => {
	// « ߡߏߘߌߓߐ߬ ߞߋߕߊ߬ » (Modibo Keïta): the first word is the longer one, and N'Ko letters join, so
	// the one gap in the line's ink is the space between the words. Read right to left, the first
	// word is at the right and the gap left of the line's middle; drawn left to right, right of it.
	const id = 'p1-2-b1';
	expect(bubble(id).text.nqo).toBe('ߡߏߘߌߓߐ߬ ߞߋߕߊ߬');
	await openIn(page, 'nqo', 'p1-2');
	const clip = await onScreen(page, bubble(id).shape!.region);
	const shot = await page.screenshot({ clip });
	const { data, info } = await sharp(shot)
		.removeAlpha()
		.greyscale()
		.raw()
		.toBuffer({ resolveWithObject: true });
	// Columns with ink (dark pixels) in the middle band of the bubble, away from its outline.
	const top = Math.round(info.height * 0.2);
	const bottom = Math.round(info.height * 0.8);
	const margin = Math.round(info.width * 0.06);
	const ink: boolean[] = [];
	for (let x = 0; x < info.width; x++) {
		let dark = false;
		for (let y = top; y < bottom && !dark; y++) dark = data[y * info.width + x]! < 110;
		ink.push(x >= margin && x < info.width - margin && dark);
	}
	const first = ink.indexOf(true);
	const last = ink.lastIndexOf(true);
	expect(first).toBeGreaterThanOrEqual(0);
	// The widest run of inkless columns inside the line: the space between the two words.
	let gap = { start: -1, width: 0 };
	for (let x = first, start = -1; x <= last; x++) {
		if (!ink[x] && start < 0) start = x;
		if (ink[x] && start >= 0) {
			if (x - start > gap.width) gap = { start, width: x - start };
			start = -1;
		}
	}
	expect(gap.width).toBeGreaterThan(2);
	const gapMiddle = gap.start + gap.width / 2;
	const lineMiddle = (first + last) / 2;
	expect(gapMiddle).toBeLessThan(lineMiddle);
});
