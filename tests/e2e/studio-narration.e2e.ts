/**
 * The narration recorder (issue 16) in Chromium with a fake microphone that plays a committed
 * espeak-ng recording (tests/fixtures/narration-takes/bubble.wav: « Bonjour Moussa ! »). An author
 * edits a bubble (its narration goes stale), records it again, keeps the take, and the new
 * version's clip is stored and plays in the reader; the old version is untouched. A refused
 * microphone and a silent one are said plainly; garbage sent to the endpoint is refused.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import { decodeWav, encodeWav } from '../../src/lib/domain/narration/recording/pcm';
import { chromiumExecutable } from './browser.js';
import { signInAs } from './support/accounts';
import { clipRuns, startSampling, stopSampling, trackMedia } from './support/media';
import { tinyFiles } from './support/packs';

const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4173)}`;
const VOICE_FILE = path.resolve('tests/fixtures/narration-takes/bubble.wav');
const COMIC = 'tiny-studio';

/** Chromium with a fake microphone: `audioFile` plays into it, or prompts are refused. */
async function launch(microphone: { audioFile: string } | 'refused'): Promise<Browser> {
	const base = ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'];
	const media =
		microphone === 'refused'
			? ['--use-fake-device-for-media-stream', '--deny-permission-prompts']
			: [
					'--use-fake-device-for-media-stream',
					'--use-fake-ui-for-media-stream',
					`--use-file-for-fake-audio-capture=${microphone.audioFile}`
				];
	return chromium.launch({ executablePath: chromiumExecutable(), args: [...base, ...media] });
}

/** The tiny comic under its own id, uploaded by the author; returns its version hash. */
async function upload(page: Page): Promise<string> {
	const files = tinyFiles();
	const comic = JSON.parse(new TextDecoder().decode(files['comic.json']));
	comic.id = COMIC;
	files['comic.json'] = new TextEncoder().encode(JSON.stringify(comic));
	const quiz = JSON.parse(new TextDecoder().decode(files['quiz.json']));
	quiz.comic = COMIC;
	files['quiz.json'] = new TextEncoder().encode(JSON.stringify(quiz));
	await page.goto('/author');
	await page
		.getByTestId('upload-form')
		.locator('input[type="file"]')
		.setInputFiles({ name: 'studio.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(files)) });
	await page.getByTestId('upload-form').locator('button[type="submit"]').click();
	await expect(page.getByTestId('author-version')).toBeVisible();
	return (await page.getByTestId('author-version').getAttribute('data-version'))!;
}

async function manifestOf(page: Page, hash: string): Promise<Manifest> {
	const response = await page.request.get(`/api/versions/${hash}`);
	expect(response.ok()).toBe(true);
	return (await response.json()) as Manifest;
}

async function openStudio(page: Page, hash: string) {
	await page.goto(`/author/${hash}/narration`);
	await expect(page.getByTestId('narration-page')).toHaveAttribute('data-ready', 'true');
}

/** The version the kept take made, or (when that test did not run) the uploaded one. */
let hash: string | undefined;
const someVersion = async (page: Page) => hash ?? (await upload(page));
let dir: string;

test.beforeAll(() => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'studio-e2e-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('re-recording a stale bubble: the take is kept as a new version whose clip is stored and plays in the reader', async () => {
	test.setTimeout(180_000);
	const browser = await launch({ audioFile: VOICE_FILE });
	try {
		const page = await (await browser.newContext({ baseURL: BASE })).newPage();
		await signInAs(page, 'author');
		const uploaded = await upload(page);

		// The author fixes a text in the app: the bubble's narration is now stale.
		await page.getByTestId('edit-p1-1-b1-fr').fill('Oh, Bonjour Moussa\u00a0!');
		await page.getByTestId('save-new-version').click();
		await expect(page).toHaveURL(/edited=1/);
		const stale = (await page.getByTestId('author-version').getAttribute('data-version'))!;
		expect(stale).not.toBe(uploaded);
		await page.getByTestId('open-narration-studio').click();
		await expect(page.getByTestId('narration-page')).toHaveAttribute('data-ready', 'true');
		await expect(page.getByTestId('target-p1-1-b1')).toHaveAttribute('data-status', 'stale');
		await expect(page.getByTestId('stale-count')).toHaveAttribute('data-count', '1');
		await expect(page.getByTestId('stale-count')).toContainText('réenregistrez-la');
		await expect(page.getByTestId('target-p1-2-b1')).toHaveAttribute('data-status', 'ok');

		await page.getByTestId('voice').fill('Mariam Koné');
		await page.getByTestId('record-p1-1-b1').click();
		const take = page.getByTestId('take');
		await expect(take).toHaveAttribute('data-status', 'recording');
		// The meter shows the voice coming in (the fake microphone's speech reaches ≈ −20 dBFS).
		await expect
			.poll(async () => Number(await page.getByTestId('level-meter').getAttribute('data-level')), {
				timeout: 10_000
			})
			.toBeGreaterThan(-40);
		// A take has a length: about one pass of the 1.5 s file, with its silences.
		await page.waitForTimeout(1800);
		await page.getByTestId('take-stop').click();
		await expect(take).toHaveAttribute('data-status', 'review');
		await expect(page.getByTestId('take-preview')).toHaveAttribute('src', /^blob:/);
		// Nothing is stored before the author keeps the take.
		expect(
			(await manifestOf(page, stale)).narration!.fr!.clips.find((c) => c.target === 'p1-1-b1')!.audio
		).toBe('p1-fr');
		await page.getByTestId('take-keep').click();
		await expect(page.getByTestId('take-kept')).toBeVisible({ timeout: 60_000 });
		await expect(page.getByTestId('narration-page')).toHaveAttribute('data-ready', 'true');
		const made = (await page.getByTestId('narration-page').getAttribute('data-version'))!;
		hash = made;
		expect(made).not.toBe(stale);
		await expect(page.getByTestId('target-p1-1-b1')).toHaveAttribute('data-status', 'ok');
		await expect(page.getByTestId('stale-count')).toHaveAttribute('data-count', '0');

		// Stored: the new version's clip points at new Opus and MP3 files the server serves.
		const kept = await manifestOf(page, made);
		const clip = kept.narration!.fr!.clips.find((c) => c.target === 'p1-1-b1')!;
		expect(clip.audio).toMatch(/^rec-p1-1-b1-/);
		const file = kept.narration!.fr!.audio.find((a) => a.id === clip.audio)!;
		expect(file.sources.map((s) => s.type)).toEqual(['audio/ogg; codecs=opus', 'audio/mpeg']);
		for (const source of file.sources) {
			const response = await page.request.get(`/api/versions/${made}/${source.src}`);
			expect(response.status()).toBe(200);
			expect((await response.body()).length).toBeGreaterThan(1000);
		}
		expect(clip.endSec - clip.startSec).toBeGreaterThan(0.5);
		expect(kept.narration!.fr!.voice).toContain('Mariam Koné');
		// The version it was made from is as it was.
		expect(
			(await manifestOf(page, stale)).narration!.fr!.clips.find((c) => c.target === 'p1-1-b1')!.audio
		).toBe('p1-fr');

		// It plays in the reader: the media element plays the new file while p1-1-b1 is read.
		await trackMedia(page);
		await page.goto(`/read/${COMIC}?version=${made}`);
		await expect(page.getByTestId('reader')).toHaveAttribute('data-ready', 'true');
		const narration = page.getByTestId('narration');
		await expect(narration).toHaveAttribute('data-narration-state', 'idle');
		await startSampling(page);
		await page.getByTestId('narration-read').click();
		await expect(narration).toHaveAttribute('data-active-bubble', 'p1-2-b1', { timeout: 30_000 });
		const runs = clipRuns(await stopSampling(page), 300);
		const played = runs.find((r) => r.bubble === 'p1-1-b1');
		expect(played?.src).toContain(`/${file.sources[0]!.src}`);
		expect(played!.samples.at(-1)!.currentTime).toBeGreaterThan(played!.samples[0]!.currentTime);
	} finally {
		await browser.close();
	}
});

test('a page read in one take is split at the pauses into its bubbles; a dragged split point is kept', async () => {
	test.setTimeout(180_000);
	// The page's three bubbles, then silence, so the fake microphone's loop does not start again mid-take.
	const page3 = decodeWav(readFileSync(path.resolve('tests/fixtures/narration-takes/tiny-page.wav')));
	const padded = new Float32Array(page3.samples.length + page3.sampleRate * 6);
	padded.set(page3.samples);
	const file = path.join(dir, 'page-take.wav');
	writeFileSync(file, encodeWav({ samples: padded, sampleRate: page3.sampleRate }));
	const browser = await launch({ audioFile: file });
	try {
		const page = await (await browser.newContext({ baseURL: BASE })).newPage();
		await signInAs(page, 'author');
		const version = await someVersion(page);
		await openStudio(page, version);
		await page.getByTestId('voice').fill('Mariam Koné');
		await page.getByTestId('record-page-p1').click();
		await expect(page.getByTestId('take')).toHaveAttribute('data-status', 'recording');
		// The whole page (5.6 s) and a little of the silence after it.
		await page.waitForTimeout(7000);
		await page.getByTestId('take-stop').click();
		const wave = page.getByTestId('split-waveform');
		await expect(wave).toBeVisible();
		const found = (await wave.getAttribute('data-points'))!.split(',').map(Number);
		expect(found).toHaveLength(2);
		// Where the recording started is unknown, but the points are as far apart as the true pauses.
		const truth = JSON.parse(readFileSync(path.resolve('tests/fixtures/narration-takes/truth.json'), 'utf8'));
		const [t0, t1] = truth['tiny-page'].pointsSec as [number, number];
		expect(Math.abs(found[1]! - found[0]! - (t1 - t0))).toBeLessThan(0.15);
		// The author moves the first cut 0.5 s later with the keyboard: 0.2 s into the second bubble.
		await page.getByTestId('split-point-0').focus();
		for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
		await expect(wave).toHaveAttribute(
			'data-points',
			`${(found[0]! + 0.5).toFixed(3)},${found[1]!.toFixed(3)}`
		);
		await page.getByTestId('take-keep').click();
		await expect(page.getByTestId('take-kept')).toBeVisible({ timeout: 60_000 });
		await expect(page.getByTestId('narration-page')).toHaveAttribute('data-ready', 'true');
		const made = (await page.getByTestId('narration-page').getAttribute('data-version'))!;
		for (const id of ['p1-1-b1', 'p1-2-b1', 'p1-2-b2'])
			await expect(page.getByTestId(`target-${id}`)).toHaveAttribute('data-status', 'ok');
		const clips = (await manifestOf(page, made)).narration!.fr!.clips;
		const [a, b, c] = ['p1-1-b1', 'p1-2-b1', 'p1-2-b2'].map((id) => clips.find((x) => x.target === id)!);
		expect(new Set([a!.audio, b!.audio, c!.audio]).size).toBe(1);
		expect(a!.audio).toMatch(/^rec-p1-1-b1-page-/);
		expect(b!.startSec).toBeGreaterThanOrEqual(a!.endSec);
		expect(c!.startSec).toBeGreaterThanOrEqual(b!.endSec);
		// The kept clip of the second bubble starts at the moved cut. In the kept (trimmed) file the
		// first voice starts at 0.12 s, so the true pause's middle is at t0 − 0.4 + 0.12 (the fixture
		// has 0.4 s before the voice): unmoved, the clip would start ≈ 0.18 s after it; moved, 0.5 s.
		expect(b!.startSec).toBeGreaterThan(t0 - 0.4 + 0.12 + 0.35);
	} finally {
		await browser.close();
	}
});

test('a silent microphone: the take is refused as silence, in French, and nothing can be kept', async () => {
	const silent = path.join(dir, 'silent.wav');
	writeFileSync(silent, encodeWav({ samples: new Float32Array(16000 * 2), sampleRate: 16000 }));
	const browser = await launch({ audioFile: silent });
	try {
		const page = await (await browser.newContext({ baseURL: BASE })).newPage();
		await signInAs(page, 'author');
		await openStudio(page, await someVersion(page));
		await page.getByTestId('record-p1-2-b1').click();
		await expect(page.getByTestId('take')).toHaveAttribute('data-status', 'recording');
		await page.waitForTimeout(1500);
		await page.getByTestId('take-stop').click();
		const failure = page.getByTestId('take-failure');
		await expect(failure).toHaveAttribute('data-code', 'silence');
		await expect(failure).toContainText('On n’entend aucune voix');
		await expect(page.getByTestId('take-keep')).toHaveCount(0);
	} finally {
		await browser.close();
	}
});

test('a refused microphone is said plainly, in French and in English', async () => {
	const browser = await launch('refused');
	try {
		const page = await (await browser.newContext({ baseURL: BASE })).newPage();
		await signInAs(page, 'author');
		await openStudio(page, await someVersion(page));
		await page.getByTestId('record-p1-2-b1').click();
		const failure = page.getByTestId('take-failure');
		await expect(failure).toHaveAttribute('data-code', 'permission-refused');
		await expect(failure).toContainText('L’accès au micro a été refusé');
		await expect(page.getByTestId('ui-language')).toHaveAttribute('data-ready', 'true');
		await page.getByTestId('ui-language').selectOption('en');
		await expect(failure).toContainText('Access to the microphone was refused');
	} finally {
		await browser.close();
	}
});

test('garbage sent as a take is refused with its reason, and no version is made', async ({ page }) => {
	await signInAs(page, 'author');
	const version = await someVersion(page);
	const rows = page.locator(`[data-testid="author-versions"] tr[data-comic="${COMIC}"]`);
	await page.goto('/author');
	const before = await rows.count();
	expect(before).toBeGreaterThan(0);
	const response = await page.request.post(`/author/${version}/narration/take`, {
		// A same-site post, as the studio's own fetch is (cross-site form posts are refused).
		headers: { origin: BASE },
		multipart: {
			language: 'fr',
			voice: 'Mariam Koné',
			targets: JSON.stringify(['p1-2-b1']),
			audio: { name: 'take.wav', mimeType: 'audio/wav', buffer: Buffer.from('GIF89a, not a recording') }
		}
	});
	expect(response.status()).toBe(400);
	expect(await response.json()).toMatchObject({
		code: 'not-wav',
		message: expect.stringContaining('not a WAV')
	});
	await page.goto('/author');
	await expect(rows).toHaveCount(before);
});
