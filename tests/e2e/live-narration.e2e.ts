/**
 * Narration in a live class quiz, asserted on what the browsers' media elements really play
 * (support/media.ts: every element played, sampled every 50 ms with its source and position):
 * the projector device reads the question when it opens and the explanation at the reveal; a
 * tablet reads nothing until the teacher allows it, then reads the question too; during "follow
 * me" the teacher's device reads the followed panel (its bubbles' clips of the comic's narration).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import type { Quiz, QuizClip } from '../../src/lib/domain/quiz/schema';
import { signInAs } from './support/accounts';
import { startSampling, trackMedia, type MediaSample } from './support/media';

const SLUG = 'trente-jours';
const quiz = JSON.parse(readFileSync(path.resolve('comics', SLUG, 'quiz.json'), 'utf8')) as Quiz;
const manifest = JSON.parse(readFileSync(path.resolve('comics', SLUG, 'comic.json'), 'utf8')) as Manifest;

async function samples(page: Page): Promise<MediaSample[]> {
	return page.evaluate(() => (window as unknown as { mediaSamples: MediaSample[] }).mediaSamples);
}

/** A sample of the page's media playing one of the clip's files, inside the clip's segment. */
function plays(s: MediaSample, clip: Pick<QuizClip, 'sources' | 'startSec' | 'endSec'>): boolean {
	const path = new URL(s.src).pathname;
	return (
		clip.sources.some((source) => path === `/comics/${SLUG}/${source.src}`) &&
		s.currentTime >= clip.startSec - 0.05 &&
		s.currentTime <= clip.endSec + 0.3
	);
}

async function expectHeard(page: Page, clip: Pick<QuizClip, 'sources' | 'startSec' | 'endSec'>) {
	await expect
		.poll(async () => (await samples(page)).some((s) => plays(s, clip)), { timeout: 30_000 })
		.toBe(true);
}

async function device(browser: Browser, width: number): Promise<Page> {
	const context = await browser.newContext({ viewport: { width, height: 1000 } });
	await context.addCookies([{ name: 'kalanso-lang', value: 'fr', url: 'http://127.0.0.1' }]);
	const page = await context.newPage();
	await trackMedia(page);
	return page;
}

test('the projector narrates the question and the explanation, tablets when allowed, the followed panel on the teacher device', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const q1 = quiz.questions[0]!;
	const spoken = q1.narration!.fr!;
	const teacher = await device(browser, 1200);
	await signInAs(teacher, 'teacher');
	await expect(teacher.locator('[data-ready="teacher"]')).toBeVisible();
	await teacher.locator('input[name="name"]').fill(`8e N ${Date.now() % 100000}`);
	await teacher.locator('select[name="grade"]').selectOption('8e');
	await teacher.getByRole('button', { name: 'Créer la classe' }).click();
	await expect(teacher.locator('[data-ready="class"]')).toBeVisible();
	const add = teacher.getByTestId('add-student');
	await add.locator('input[name="displayName"]').fill('Awa');
	await add.locator('select[name="picture"]').selectOption('sun');
	await add.getByRole('button', { name: 'Ajouter' }).click();
	await expect(teacher.locator('tr[data-student="Awa"]')).toBeVisible();
	await teacher.getByTestId('live-start').click();
	const hash = await teacher.locator(`option[data-comic="${SLUG}"]`).getAttribute('value');
	await teacher.locator('select[name="versionHash"]').selectOption(hash!);
	await teacher.getByRole('button', { name: 'Lancer la séance' }).click();
	await expect(teacher).toHaveURL(/\/teacher\/live\//);
	const code = (await teacher.getByTestId('live-code').textContent())!.trim();
	await startSampling(teacher);
	// Tablets do not narrate unless the teacher allows it.
	await expect(teacher.getByTestId('live-tablet-narration')).not.toBeChecked();

	const tablet = await device(browser, 1000);
	await tablet.goto(`/live?code=${code}`);
	await tablet.getByLabel('Awa').check();
	await tablet.getByRole('button', { name: "C'est nous" }).click();
	await expect(tablet.getByTestId('live-wait')).toBeVisible();
	await startSampling(tablet);

	// --- The question opens: the projector device reads it.
	await teacher.getByRole('button', { name: 'Première question' }).click();
	await expect(tablet.getByTestId('live-prompt')).toBeVisible();
	await expectHeard(teacher, spoken.prompt!);
	// The whole prompt went by on the projector; the tablet played nothing and offers no listening.
	await expect(teacher.locator('main.projector')).toHaveAttribute('data-narrating', '', { timeout: 30_000 });
	expect(await samples(tablet)).toEqual([]);
	await expect(tablet.getByTestId('live-listen')).toHaveCount(0);
	await expect(tablet.getByTestId('quiz-listen-option')).toHaveCount(0);

	// --- The teacher allows it: the tablet reads the open question, and offers each option's clip.
	await teacher.getByTestId('live-tablet-narration').check();
	await expectHeard(tablet, spoken.prompt!);
	await expect(tablet.getByTestId('quiz-listen-option')).toHaveCount(Object.keys(spoken.options!).length);

	// --- The tablet answers (the question closes: everyone answered); the reveal reads the explanation.
	await tablet.locator(`button[data-option-id="${(q1 as { answer: string }).answer}"]`).click();
	await expect(tablet.getByTestId('live-sent')).toBeVisible();
	await teacher.getByRole('button', { name: 'Montrer la réponse' }).click();
	await expect(teacher.getByTestId('live-explanation')).toBeVisible();
	await expectHeard(teacher, spoken.explanation!);

	// --- Follow me: the teacher's device reads the followed panel (page 1, panel 2) from the comic.
	const panel = manifest.pages[0]!.panels[1]!;
	const narration = manifest.narration!.fr!;
	const bubbleIds = new Set(panel.bubbles.map((b) => b.id));
	const clips = narration.clips.filter((c) => bubbleIds.has(c.target));
	expect(clips.length).toBeGreaterThan(0);
	const file = narration.audio.find((f) => f.id === clips[0]!.audio)!;
	await teacher.getByText('Lecture en classe').click();
	await teacher.getByRole('button', { name: 'Page 1, vignette 2' }).click();
	await expect(tablet.getByText('Suivez la lecture au tableau')).toBeVisible();
	await expectHeard(teacher, {
		sources: file.sources,
		startSec: Math.min(...clips.map((c) => c.startSec)),
		endSec: Math.max(...clips.map((c) => c.endSec))
	});
	await teacher.getByRole('button', { name: 'Terminer la séance' }).click();
	await expect(tablet.getByText('Séance terminée. Merci !')).toBeVisible();
});
