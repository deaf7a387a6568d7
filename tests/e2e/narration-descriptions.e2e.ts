/**
 * Recorded panel descriptions and comics without a quiz, on a server of its own whose comics folder
 * holds the `decrite` fixture (tests/fixtures/comics-described: two pages, narrated descriptions
 * in French and English made with comics/tools/narrate.ts --descriptions, page 2 has a panel with
 * a description and no bubble, no quiz) and the `tiny` fixture (which has a quiz).
 */
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import { startSampling, stopSampling, trackMedia, type MediaSample } from './support/media';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';

const port = Number(process.env.E2E_PORT ?? 4173) + 41;
const baseURL = `http://127.0.0.1:${port}`;
let server: FixtureServer | undefined;

test.use({ baseURL, viewport: { width: 1024, height: 720 } });

test.beforeAll(async () => {
	const root = mkdtempSync(path.join(tmpdir(), 'kalanso-described-comics-'));
	cpSync('tests/fixtures/comics-described', root, { recursive: true });
	cpSync('tests/fixtures/comics/tiny', path.join(root, 'tiny'), { recursive: true });
	server = await startFixtureServer({ port, comics: root });
});

test.afterAll(async () => {
	await server?.kill();
});

async function manifestOf(page: Page, slug: string): Promise<Manifest> {
	const response = await page.request.get(`/api/comics/${slug}`);
	expect(response.ok()).toBe(true);
	return (await response.json()) as Manifest;
}

/** Samples taken while the media element played inside a clip's range of its file, in order. */
function inside(samples: MediaSample[], file: string, clip: { startSec: number; endSec: number }) {
	return samples.filter(
		(s) => s.src.endsWith(file) && s.currentTime >= clip.startSec && s.currentTime <= clip.endSec
	);
}

test('the library offers "Quiz" only on a comic that has a quiz', async ({ page }) => {
	await page.goto('/');
	const described = page.locator('[data-testid="comic-card"][data-slug="decrite"]');
	const tiny = page.locator('[data-testid="comic-card"][data-slug="tiny"]');
	await expect(described.getByTestId('read-link')).toBeVisible();
	await expect(described.getByTestId('quiz-link')).toHaveCount(0);
	await expect(tiny.getByTestId('quiz-link')).toHaveAttribute('href', '/quiz/tiny');
});

test('"Read to me" plays the recorded panel descriptions, also on a page with no bubble', async ({
	page
}) => {
	const m = await manifestOf(page, 'decrite');
	const clips = new Map(m.narration!.fr!.clips.map((c) => [c.target, c]));
	const firstPanel = m.pages[0]!.panels[0]!;
	const picturesOnly = m.pages[1]!.panels[0]!;
	expect(picturesOnly.bubbles).toEqual([]);
	await trackMedia(page);
	await page.goto('/read/decrite');
	const reader = page.getByTestId('reader');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	const narration = page.getByTestId('narration');
	await expect(narration).toHaveAttribute('data-narration-state', 'idle');
	// On by default, since this comic has narrated descriptions.
	await expect(page.getByTestId('narration-descriptions')).toBeChecked();

	await startSampling(page);
	await page.getByTestId('narration-read').click();
	await expect(narration).toHaveAttribute('data-active-target', firstPanel.id);
	await expect(narration).toHaveAttribute('data-active-target', picturesOnly.id, { timeout: 60_000 });
	await expect(reader).toHaveAttribute('data-page', '2');
	await expect(narration).toHaveAttribute('data-narration-state', 'ended', { timeout: 30_000 });
	const samples = await stopSampling(page);

	// The sound really went through both description clips: the media element's time advanced
	// inside each clip's range of its page's file.
	for (const [panel, file] of [
		[firstPanel.id, 'fr/p1.ogg'],
		[picturesOnly.id, 'fr/p2.ogg']
	] as const) {
		const heard = inside(samples, file, clips.get(panel)!);
		expect(heard.length, `samples inside the description of ${panel}`).toBeGreaterThan(3);
		expect(heard.at(-1)!.currentTime - heard[0]!.currentTime, panel).toBeGreaterThan(0.5);
	}
	// And the bubbles were read too, after their panel's description.
	const firstBubble = clips.get(firstPanel.bubbles[0]!.id)!;
	expect(inside(samples, 'fr/p1.ogg', firstBubble).length).toBeGreaterThan(3);
	expect(firstBubble.startSec).toBeGreaterThan(clips.get(firstPanel.id)!.endSec);
});

test('a student can turn the descriptions off: only the bubbles are read, and the choice is kept', async ({
	page
}) => {
	const m = await manifestOf(page, 'decrite');
	const bubbles = m.pages.flatMap((p) => p.panels.flatMap((q) => q.bubbles.map((b) => b.id)));
	await trackMedia(page);
	await page.goto('/read/decrite');
	await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
	const narration = page.getByTestId('narration');
	await page.getByTestId('narration-descriptions').uncheck();
	await expect(narration).toHaveAttribute('data-read-descriptions', 'false');
	await page.getByTestId('narration-speed').selectOption('1.5');
	await startSampling(page);
	await page.getByTestId('narration-read').click();
	await expect(narration).toHaveAttribute('data-narration-state', 'ended', { timeout: 60_000 });
	const samples = await stopSampling(page);
	await expect(narration).toHaveAttribute('data-clips-started', String(bubbles.length));
	const description = m.narration!.fr!.clips.find((c) => c.target === m.pages[0]!.panels[0]!.id)!;
	expect(
		inside(samples, 'fr/p1.ogg', { startSec: description.startSec + 0.1, endSec: description.endSec - 0.1 })
	).toEqual([]);

	await page.reload();
	await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('narration-descriptions')).not.toBeChecked();
});

test('the end of a comic without a quiz offers to read again and the library, no quiz', async ({ page }) => {
	const m = await manifestOf(page, 'decrite');
	const last = m.pages.at(-1)!.panels.at(-1)!.id;
	await page.goto(`/read/decrite?panel=${last}`);
	await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
	const end = page.getByTestId('end-actions');
	await expect(end.getByRole('button', { name: 'Relire' })).toBeVisible();
	await expect(end.getByRole('link', { name: 'Bibliothèque' })).toBeVisible();
	await expect(page.getByTestId('end-quiz')).toHaveCount(0);

	await page.goto(`/read/tiny?panel=${(await manifestOf(page, 'tiny')).pages[0]!.panels.at(-1)!.id}`);
	await expect(page.getByTestId('end-quiz')).toHaveAttribute('href', '/quiz/tiny');
});
