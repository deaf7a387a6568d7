/**
 * The spoken names of languages (issue 17) in Chromium with a fake microphone playing a committed
 * espeak-ng recording (a stand-in for a speaker: no voice is synthesised in the app). A translator
 * records the name of Bambara on /translate and keeps it; /languages plays it marked as a draft;
 * the translator cannot review it, a reviewer does; then /languages plays it with the network cut.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import path from 'node:path';
import { chromiumExecutable } from './browser.js';
import { signInAs } from './support/accounts';
import { trackMedia } from './support/media';

const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4173)}`;
const VOICE_FILE = path.resolve('tests/fixtures/narration-takes/bubble.wav');
const LANG = 'bm';

async function launch(): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumExecutable(),
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--autoplay-policy=no-user-gesture-required',
			'--use-fake-device-for-media-stream',
			'--use-fake-ui-for-media-stream',
			`--use-file-for-fake-audio-capture=${VOICE_FILE}`
		]
	});
}

/** Presses the speaker of `LANG` on /languages; resolves once its audio element has played to the end. */
async function playsToTheEnd(page: Page) {
	const row = page.locator(`li[data-lang="${LANG}"]`);
	await row.locator('audio').evaluate((audio: HTMLAudioElement) => {
		audio.addEventListener('ended', () => (audio.dataset.ended = 'yes'));
	});
	await row.getByTestId('language-recording').click();
	await expect(row.locator('audio')).toHaveAttribute('data-ended', 'yes', { timeout: 20_000 });
	const played = await row.locator('audio').evaluate((audio: HTMLAudioElement) => ({
		currentTime: audio.currentTime,
		duration: audio.duration,
		error: audio.error?.code ?? null
	}));
	expect(played.error).toBeNull();
	expect(played.currentTime).toBeGreaterThan(0.5);
}

test('a translator records the name of a language, a reviewer reviews it, /languages plays it offline too', async () => {
	test.setTimeout(240_000);
	const browser = await launch();
	try {
		// The translator records and keeps the name.
		const translator = await (await browser.newContext({ baseURL: BASE })).newPage();
		await signInAs(translator, 'translator');
		await translator.goto('/translate');
		const section = translator.getByTestId('name-recordings');
		const row = section.locator(`li[data-lang="${LANG}"]`);
		await expect(row).toHaveAttribute('data-status', 'none');
		await row.getByTestId('name-record').click();
		const take = row.getByTestId('name-take');
		await expect(take).toHaveAttribute('data-status', 'recording');
		await expect
			.poll(async () => Number(await row.getByTestId('level-meter').getAttribute('data-level')), {
				timeout: 10_000
			})
			.toBeGreaterThan(-40);
		// About one pass of the 1.5 s file: a name's length, under the 5 s limit once trimmed.
		await translator.waitForTimeout(1800);
		await row.getByTestId('name-stop').click();
		await expect(take).toHaveAttribute('data-status', 'review');
		await expect(row.getByTestId('name-preview')).toHaveAttribute('src', /^blob:/);
		await row.getByTestId('name-keep').click();
		await expect(row.getByTestId('name-done')).toBeVisible({ timeout: 60_000 });
		await expect(row).toHaveAttribute('data-status', 'draft');
		// The one who recorded it is not offered to review it, and the server refuses it too.
		await expect(row.getByTestId('name-review')).toHaveCount(0);
		const own = await translator.request.post(`/translate/name-recordings/${LANG}/review`, {
			headers: { origin: BASE }
		});
		expect(own.status()).toBe(403);
		expect(await own.json()).toMatchObject({ code: 'own-review' });

		// Garbage sent as a take is refused saying why.
		const garbage = await translator.request.post(`/translate/name-recordings/${LANG}`, {
			headers: { origin: BASE },
			multipart: {
				audio: { name: 'take.wav', mimeType: 'audio/wav', buffer: Buffer.from('not a recording') }
			}
		});
		expect(garbage.status()).toBe(400);
		expect(await garbage.json()).toMatchObject({ code: 'not-wav' });

		// A child sees (and hears) it, marked as a draft awaiting review.
		const child = await (await browser.newContext({ baseURL: BASE })).newPage();
		await trackMedia(child);
		await child.goto('/languages');
		await expect(child.locator('[data-ready="languages"]')).toBeVisible();
		const childRow = child.locator(`li[data-lang="${LANG}"]`);
		await expect(childRow.getByTestId('recording-draft')).toBeVisible();
		await expect(childRow.getByTestId('no-recording')).toHaveCount(0);
		// Languages nobody recorded still say so.
		await expect(child.locator('li[data-lang="fr"]').getByTestId('no-recording')).toBeVisible();
		await playsToTheEnd(child);
		// The header's chooser plays it too once the language is chosen, marked as a draft.
		await expect(child.getByTestId('ui-language')).toHaveAttribute('data-ready', 'true');
		await child.getByTestId('ui-language').selectOption(LANG);
		await expect(child.getByTestId('language-recording-draft')).toBeVisible();
		await child.getByTestId('language-listen').click();
		// The chooser's player is not in the page (new Audio()): it is the one out of the DOM.
		await expect
			.poll(() =>
				child.evaluate(() =>
					(window as unknown as { playedMedia: HTMLMediaElement[] }).playedMedia.some(
						(m) =>
							!m.isConnected &&
							m.currentSrc.includes('/languages/recordings/') &&
							(m.ended || m.currentTime > 0.2)
					)
				)
			)
			.toBe(true);

		// A reviewer marks it reviewed.
		const reviewer = await (await browser.newContext({ baseURL: BASE })).newPage();
		await signInAs(reviewer, 'reviewer');
		await reviewer.goto('/translate');
		const reviewRow = reviewer.getByTestId('name-recordings').locator(`li[data-lang="${LANG}"]`);
		await reviewRow.getByTestId('name-review').click();
		await expect(reviewRow).toHaveAttribute('data-status', 'reviewed');

		// Reviewed: no draft mark; the service worker keeps it, and it plays with the network cut.
		await child.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
		await child.reload();
		await expect(child.locator('[data-ready="languages"]')).toBeVisible();
		await expect(childRow.getByTestId('language-recording')).toBeVisible();
		await expect(childRow.getByTestId('recording-draft')).toHaveCount(0);
		const src = (await childRow.locator('audio').getAttribute('src'))!;
		await expect
			.poll(() => child.evaluate(async (url) => (await caches.match(url)) !== undefined, src), {
				timeout: 20_000
			})
			.toBe(true);
		await child.context().setOffline(true);
		await child.reload();
		await expect(child.locator('[data-ready="languages"]')).toBeVisible();
		await expect(childRow.getByTestId('recording-draft')).toHaveCount(0);
		await playsToTheEnd(child);
	} finally {
		await browser.close();
	}
});
