/**
 * Comics with their text in the art (issue 20), in the reader, on a server of its own whose comics
 * folder holds the spec-made Readium test comic (tests/fixtures/readium/le-puits) imported the way
 * `comics:import` does it: French lettered in the art, an English translation on two bubbles that
 * have a region. What a student sees: in French the reader draws nothing over the art (the canvas
 * shows the art's own pixels there); in English the translation covers the lettering; "Read to me"
 * outlines the panel while its clip plays; the transcript has every text.
 */
import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Manifest, Region } from '../../src/lib/domain/manifest/schema';
import { importPublication, readFiles, writeFiles } from '../../src/lib/server/interop/readium';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';

const port = Number(process.env.E2E_PORT ?? 4173) + 61;
const baseURL = `http://127.0.0.1:${port}`;
let server: FixtureServer | undefined;
let manifest: Manifest;
let root: string;

test.use({ baseURL, viewport: { width: 1024, height: 720 } });

test.beforeAll(async () => {
	root = mkdtempSync(path.join(tmpdir(), 'kalanso-lettered-comics-'));
	copyFileSync('comics/languages.json', path.join(root, 'languages.json'));
	const imported = await importPublication(await readFiles('tests/fixtures/readium/le-puits'), {
		fallbackId: 'le-puits',
		knownLanguages: new Set(['fr', 'en'])
	});
	await writeFiles(path.join(root, 'le-puits'), imported.files!);
	manifest = JSON.parse(new TextDecoder().decode(imported.files!.get('comic.json'))) as Manifest;
	server = await startFixtureServer({ port, comics: root });
});

test.afterAll(async () => {
	await server?.kill();
});

async function open(page: Page, url: string) {
	await page.goto(url);
	const reader = page.getByTestId('reader');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	return reader;
}

/**
 * Mean difference per channel between the canvas and the page's own art over a page region, at the
 * best of the nine alignments within a pixel: the camera attribute is rounded (x, y to 1/100, scale
 * to 1/10000), and a one-pixel shift of lettering's sharp edges alone costs several levels (seen: 8.9
 * at one canvas size, 12.5 at a canvas 4 px shorter). Something drawn over the art differs at every
 * alignment.
 */
async function differenceFromArt(page: Page, region: Region): Promise<number> {
	const camera = (await page.getByTestId('reader').getAttribute('data-camera'))!.split(',').map(Number);
	const [cx, cy, scale] = camera as [number, number, number];
	const box = (await page.getByTestId('reader-canvas').boundingBox())!;
	const screen = {
		left: Math.round((region.x - cx) * scale + box.width / 2),
		top: Math.round((region.y - cy) * scale + box.height / 2),
		width: Math.round(region.w * scale),
		height: Math.round(region.h * scale)
	};
	const shot = await page.getByTestId('reader-canvas').screenshot();
	const art = await sharp(path.join(root, 'le-puits', manifest.pages[0]!.image))
		.extract({ left: region.x, top: region.y, width: region.w, height: region.h })
		.resize(screen.width, screen.height, { fit: 'fill' })
		.removeAlpha()
		.raw()
		.toBuffer();
	let best = Infinity;
	for (const dx of [-1, 0, 1])
		for (const dy of [-1, 0, 1]) {
			const canvas = await sharp(shot)
				.extract({ ...screen, left: screen.left + dx, top: screen.top + dy })
				.removeAlpha()
				.raw()
				.toBuffer();
			let sum = 0;
			for (let i = 0; i < art.length; i++) sum += Math.abs(art[i]! - canvas[i]!);
			best = Math.min(best, sum / art.length);
		}
	return best;
}

test('French is in the art: nothing drawn over it; English: the translation covers the lettering', async ({
	page
}) => {
	const bubble = manifest.pages[0]!.panels[1]!.bubbles[0]!;
	expect(bubble.shape).toBeDefined();
	const reader = await open(page, `/read/le-puits?renderer=canvas&panel=${manifest.pages[0]!.panels[1]!.id}`);
	await expect(reader).toHaveAttribute('data-text-language', 'fr');
	await expect
		.poll(() => reader.getAttribute('data-camera'))
		.toBe(await reader.getAttribute('data-camera-target'));
	const region = bubble.shape!.region;
	const inFrench = await differenceFromArt(page, region);
	// The canvas shows the art's own lettering (scaling and JPEG→WebP cost a few levels, no more).
	expect(inFrench).toBeLessThan(12);

	await page.locator('[data-testid="text-language"] button[data-lang="en"]').click();
	await expect(reader).toHaveAttribute('data-text-language', 'en');
	// The English text covers the French lettering: the bubble no longer shows the art's pixels.
	await expect.poll(() => differenceFromArt(page, region)).toBeGreaterThan(inFrench + 3);
});

test('"Read to me" outlines the panel of a lettered bubble while its clip plays; the transcript has its text', async ({
	page
}) => {
	const panel = manifest.pages[0]!.panels[0]!;
	const caption = panel.bubbles[0]!;
	expect(caption.shape).toBeUndefined();
	await open(page, '/read/le-puits?renderer=canvas');
	const narration = page.getByTestId('narration');
	await expect(page.locator(`[data-testid="transcript"] [data-bubble="${caption.id}"]`)).toContainText(
		'Sikasso, à la saison sèche.'
	);
	const before = await differenceFromArt(page, panel.region);
	await page.getByTestId('narration-stop-after-each').check();
	await page.getByTestId('narration-read').click();
	await expect(narration).toHaveAttribute('data-active-target', caption.id);
	// The outline is drawn over the panel's edge: the panel no longer matches the bare art there.
	await expect.poll(() => differenceFromArt(page, panel.region)).toBeGreaterThan(before + 2);
});
