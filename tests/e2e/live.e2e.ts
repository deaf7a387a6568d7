/**
 * The live class quiz end to end, on the production build: a teacher starts a session from a
 * class on the projector, two tablets join with the code (one student; a team of two taking
 * turns), every question of the comic's quiz (every type, find-it included) is answered on both
 * tablets, closes by itself when all answered, is revealed with the chart, the explanation and the
 * evidence panel, a tablet reloaded mid-question comes back with the answer it gave, "follow me"
 * puts the teacher's panel on the tablets, and the end puts the results in the class report.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { Quiz } from '../../src/lib/domain/quiz/schema';
import { signInAs } from './support/accounts';

const SLUG = 'trente-jours';
const quiz = JSON.parse(readFileSync(path.resolve('comics', SLUG, 'quiz.json'), 'utf8')) as Quiz;

async function tablet(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1000, height: 1000 } });
	await context.addCookies([{ name: 'kalanso-lang', value: 'fr', url: 'http://127.0.0.1' }]);
	return context.newPage();
}

/** Answers the question on screen with what a hurried student taps first. */
async function answer(page: Page, q: Quiz['questions'][number]) {
	await expect(page.getByTestId('live-prompt')).toBeVisible();
	switch (q.type) {
		case 'single':
			await page.locator(`button[data-option-id="${q.options[0]!.id}"]`).click();
			break;
		case 'true-false':
			await page.locator('button[data-option-id="true"]').click();
			break;
		case 'multiple':
			await page.locator(`[data-option-id="${q.options[0]!.id}"] input`).check();
			await page.getByTestId('live-send').click();
			break;
		case 'ordering':
			await page.getByTestId('live-send').click();
			break;
		case 'matching':
			for (const pair of q.pairs)
				await page.locator(`[data-pair-id="${pair.id}"] select`).selectOption({ index: 1 });
			await page.getByTestId('live-send').click();
			break;
		case 'find':
			await page.locator('[data-testid="find-page"] [data-panel-id]').first().click();
			break;
	}
	await expect(page.getByTestId('live-sent')).toBeVisible();
}

test('a live session: projector, a student and a team of two, every question type, rejoin, follow me, report', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const teacher = await (await browser.newContext({ viewport: { width: 1200, height: 1000 } })).newPage();
	await signInAs(teacher, 'teacher');
	await expect(teacher.locator('[data-ready="teacher"]')).toBeVisible();
	await teacher.locator('input[name="name"]').fill(`8e L ${Date.now() % 100000}`);
	await teacher.locator('select[name="grade"]').selectOption('8e');
	await teacher.getByRole('button', { name: 'Créer la classe' }).click();
	await expect(teacher.locator('[data-ready="class"]')).toBeVisible();
	const classUrl = teacher.url();
	const add = teacher.getByTestId('add-student');
	for (const [name, picture] of [
		['Awa', 'sun'],
		['Moussa', 'moon'],
		['Fatou', 'star']
	]) {
		await add.locator('input[name="displayName"]').fill(name!);
		await add.locator('select[name="picture"]').selectOption(picture!);
		await add.getByRole('button', { name: 'Ajouter' }).click();
		await expect(teacher.locator(`tr[data-student="${name}"]`)).toBeVisible();
	}

	// --- The projector: start on the comic's quiz (scoring options off by default).
	await teacher.getByTestId('live-start').click();
	const hash = await teacher.locator(`option[data-comic="${SLUG}"]`).getAttribute('value');
	await teacher.locator('select[name="versionHash"]').selectOption(hash!);
	await expect(teacher.locator('input[name="speedBonus"]')).not.toBeChecked();
	await expect(teacher.locator('input[name="leaderboard"]')).not.toBeChecked();
	await teacher.getByRole('button', { name: 'Lancer la séance' }).click();
	await expect(teacher).toHaveURL(/\/teacher\/live\//);
	const code = (await teacher.getByTestId('live-code').textContent())!.trim();
	expect(code).toMatch(/^[A-Z0-9]{6}$/);
	await expect(teacher.locator('svg.qr')).toHaveAttribute('data-qr', new RegExp(`/live\\?code=${code}$`));

	// --- A wrong code says so; then two tablets join.
	const a = await tablet(browser);
	await a.goto('/live');
	await a.locator('input[name="code"]').fill('ZZZZZZ');
	await a.getByRole('button', { name: 'Rejoindre' }).click();
	await expect(a.getByTestId('live-problem')).toContainText('Ce code ne correspond à aucune séance');
	await a.locator('input[name="code"]').fill(code.toLowerCase());
	await a.getByRole('button', { name: 'Rejoindre' }).click();
	await a.getByLabel('Awa').check();
	await a.getByRole('button', { name: "C'est nous" }).click();
	await expect(a.getByTestId('live-wait')).toBeVisible();

	const b = await tablet(browser);
	await b.goto(`/live?code=${code}`);
	await b.getByLabel('Moussa').check();
	await b.getByLabel('Fatou').check();
	await b.getByLabel('Chacun son tour').check();
	await b.getByRole('button', { name: "C'est nous" }).click();
	await expect(teacher.getByTestId('live-joined')).toHaveText('2 tablettes ont rejoint');

	// --- Every question: both tablets answer, it closes by itself, the teacher reveals.
	// Turns follow the roster order (by name).
	const names = ['Fatou', 'Moussa'];
	for (const [i, q] of quiz.questions.entries()) {
		await teacher.getByRole('button', { name: i === 0 ? 'Première question' : 'Question suivante' }).click();
		await expect(teacher.getByTestId('live-count')).toHaveText('0 réponses sur 2');
		await expect(b.getByTestId('live-turn')).toHaveText(`C'est au tour de ${names[i % 2]}`);
		await answer(a, q);
		if (i === 1) {
			// Tablet A drops (reload) mid-question: back at this question with its answer.
			await a.reload();
			await expect(a.getByTestId('live-prompt')).toBeVisible();
			await expect(a.getByTestId('live-sent')).toBeVisible();
			await expect(a.locator('button[data-option-id="true"]')).toHaveAttribute('aria-pressed', 'true');
		}
		await expect(teacher.getByTestId('live-count')).toHaveText('1 réponses sur 2');
		await answer(b, q);
		await expect(teacher.getByTestId('live-count')).toHaveText('2 réponses sur 2');
		await expect(teacher.getByRole('button', { name: 'Montrer la réponse' })).toBeVisible();
		await teacher.getByRole('button', { name: 'Montrer la réponse' }).click();
		const chart = teacher.getByTestId('live-tally');
		await expect(chart).toBeVisible();
		await expect(chart.locator('desc')).toContainText(': 2');
		await expect(teacher.getByTestId('live-explanation')).toHaveText(q.explanation.fr!);
	}

	// --- Follow me: the tablets show the teacher's panel, then the class is freed.
	await teacher.getByText('Lecture en classe').click();
	await teacher.getByRole('button', { name: 'Page 1, vignette 2' }).click();
	await expect(a.getByText('Suivez la lecture au tableau')).toBeVisible();
	await expect(b.getByText('Suivez la lecture au tableau')).toBeVisible();
	await teacher.getByRole('button', { name: 'Libérer la classe' }).click();
	await expect(a.getByText('Suivez la lecture au tableau')).toBeHidden();

	// --- The end: results land in the class report for all three students.
	await teacher.getByRole('button', { name: 'Terminer la séance' }).click();
	await expect(teacher.getByText('Séance terminée')).toBeVisible();
	await expect(a.getByText('Séance terminée. Merci !')).toBeVisible();
	await teacher.goto(`${classUrl}/report`);
	for (const name of ['Awa', 'Moussa', 'Fatou']) await expect(teacher.locator('main')).toContainText(name);
});
