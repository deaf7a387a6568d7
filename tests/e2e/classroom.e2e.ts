/**
 * The teacher's classroom end to end, on the production build: a teacher builds a class (roster
 * with a private note, an assignment), a shared tablet joins it with the code, two students pick
 * their names, one-tap download of the assigned comic, a quiz whose result waits in the outbox
 * while the server is unreachable and reaches the teacher with "Envoyer mes résultats" (scored
 * again by the server: the same score as the tablet's), a second student's result carried with no
 * network as QR codes (photographed, scanned from the photos) and as a file (imported again:
 * nothing twice; edited: refused), then the report and its CSV. The private note never reaches a
 * tablet or an export. Waits on data attributes only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { Quiz } from '../../src/lib/domain/quiz/schema';
import { signInAs } from './support/accounts';

const SLUG = 'trente-jours';
const quiz = JSON.parse(readFileSync(path.resolve('comics', SLUG, 'quiz.json'), 'utf8')) as Quiz;
const NOTE = 'Awa Traoré, rang 2';

test.use({ viewport: { width: 1000, height: 1000 } });

async function tablet(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1000, height: 1000 } });
	await context.addCookies([{ name: 'kalanso-lang', value: 'fr', url: 'http://127.0.0.1' }]);
	return context.newPage();
}

/** Answers every question with the first thing a hurried student would tap, then finishes. */
async function takeQuiz(page: Page): Promise<number> {
	await page.goto(`/quiz/${SLUG}`);
	const root = page.getByTestId('quiz');
	for (const q of quiz.questions) {
		await expect(root).toHaveAttribute('data-ready', 'true');
		await expect(root).toHaveAttribute('data-question-id', q.id);
		switch (q.type) {
			case 'single':
				await page.locator(`button[data-option-id="${q.options[1]!.id}"]`).click();
				break;
			case 'true-false':
				await page.locator('button[data-option-id="true"]').click();
				break;
			case 'multiple':
				await page.locator(`[data-option-id="${q.options[0]!.id}"] input`).check();
				await page.getByTestId('quiz-check').click();
				break;
			case 'ordering':
				await page.getByTestId('quiz-check').click();
				break;
			case 'matching':
				for (const pair of q.pairs)
					await page.locator(`[data-pair-id="${pair.id}"] select`).selectOption({ index: 1 });
				await page.getByTestId('quiz-check').click();
				break;
			case 'find':
				await page.locator('[data-testid="find-page"] [data-panel-id]').first().click();
				break;
		}
		await expect(root).toHaveAttribute('data-answered', 'true');
		await page.getByTestId('quiz-next').click();
	}
	await expect(root).toHaveAttribute('data-finished', 'true');
	return Number(await page.getByTestId('quiz-results').getAttribute('data-score'));
}

test('a class from roster to report: outbox, QR codes and file, nothing lost, nothing twice', async ({
	browser
}) => {
	// Two people's whole morning on a loaded 2-core machine: a teacher's pages and two quizzes.
	test.setTimeout(300_000);
	// --- The teacher builds the class.
	const teacher = await (await browser.newContext()).newPage();
	await signInAs(teacher, 'teacher');
	await expect(teacher).toHaveURL(/\/teacher$/);
	await expect(teacher.locator('[data-ready="teacher"]')).toBeVisible();
	await teacher.locator('input[name="name"]').fill(`8e B ${Date.now() % 100000}`);
	await teacher.locator('select[name="grade"]').selectOption('8e');
	await teacher.getByRole('button', { name: 'Créer la classe' }).click();
	await expect(teacher.locator('[data-ready="class"]')).toBeVisible();
	const classUrl = teacher.url();
	const code = (await teacher.getByTestId('join-code').textContent())!.trim();
	expect(code).toMatch(/^[A-Z0-9]{6}$/);
	await expect(teacher.locator('svg.qr')).toHaveAttribute('data-qr', new RegExp(`/join\\?code=${code}$`));

	const add = teacher.getByTestId('add-student');
	for (const [name, picture, note] of [
		['Awa', 'sun', NOTE],
		['Moussa', 'moon', '']
	]) {
		await add.locator('input[name="displayName"]').fill(name!);
		await add.locator('select[name="picture"]').selectOption(picture!);
		await add.locator('input[name="privateNote"]').fill(note!);
		await add.getByRole('button', { name: 'Ajouter' }).click();
		await expect(teacher.locator(`tr[data-student="${name}"]`)).toBeVisible();
	}
	await expect(teacher.locator('tr[data-student="Awa"] .note')).toHaveText(NOTE);
	// The picker finds comics with the library's search (a catalog of 2,000 is never one list):
	// words typed without accents, only the comics they match.
	const find = teacher.getByTestId('comic-find');
	await find.locator('input[name="find"]').fill('trente JOURS');
	await find.getByRole('button', { name: 'Chercher' }).click();
	await expect(teacher).toHaveURL(/find=trente\+JOURS/);
	const assign = teacher.getByTestId('assign');
	await expect
		.poll(() =>
			assign
				.locator('select[name="comic"] option')
				.evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value))
		)
		.toEqual([SLUG]);
	await find.locator('input[name="find"]').fill('zzzz');
	await find.getByRole('button', { name: 'Chercher' }).click();
	await expect(teacher.getByTestId('comic-find-none')).toContainText('zzzz');
	await expect(assign.locator('select[name="comic"] option')).toHaveCount(0);
	await find.locator('input[name="find"]').fill('trente');
	await find.getByRole('button', { name: 'Chercher' }).click();
	await assign.locator('select[name="comic"]').selectOption(SLUG);
	await assign.getByRole('button', { name: 'Donner à la classe' }).click();
	await expect(teacher.locator(`[data-assignment="${SLUG}"]`)).toBeVisible();
	// The assigned comic is named by its title whatever the picker shows.
	await find.locator('input[name="find"]').fill('zzzz');
	await find.getByRole('button', { name: 'Chercher' }).click();
	await expect(teacher.getByTestId('comic-find-none')).toBeVisible();
	await expect(teacher.locator(`[data-assignment="${SLUG}"]`)).toContainText('Trente jours');

	// --- A shared tablet joins; the roster it gets has no private note.
	const tab = await tablet(browser);
	const joinAnswer = tab.waitForResponse((r) => r.url().includes('/api/classroom/join'));
	await tab.goto('/join');
	await expect(tab.locator('[data-ready="join"]')).toBeVisible();
	await tab.getByTestId('join-code-input').fill(code.toLowerCase());
	await tab.getByRole('button', { name: 'Rejoindre', exact: true }).click();
	expect(await (await joinAnswer).text()).not.toContain('Traoré');
	await tab.locator('button[data-student="Awa"]').click();
	await expect(tab.locator('button[data-student="Awa"]')).toHaveAttribute('data-joined', 'yes');
	await expect(tab.locator('main')).not.toContainText('Traoré');

	// --- "À faire" first on the library; one tap downloads the assigned comic.
	await tab.goto('/');
	const todo = tab.locator('[data-ready="todo"]');
	await expect(todo).toContainText('À faire pour Awa');
	await expect(todo.locator(`[data-comic="${SLUG}"]`)).toHaveAttribute('data-status', 'none');
	await tab.getByTestId('download-assigned').click();
	await expect(todo).toContainText('Tout est sur la tablette.');
	await expect(tab.locator(`[data-testid="offline-download"][data-slug="${SLUG}"]`)).toHaveAttribute(
		'data-state',
		'ready'
	);

	// --- The quiz, with the server unreachable for results: the result waits in the outbox.
	await tab.route('**/api/classroom/results', (route) => route.abort('connectionrefused'));
	const tabletScore = await takeQuiz(tab);
	await tab.goto('/');
	await expect(todo.locator(`[data-comic="${SLUG}"]`)).toHaveAttribute('data-status', 'quiz');
	await expect(tab.getByTestId('outbox-status')).toHaveAttribute('data-waiting', '1');
	await expect(tab.getByTestId('outbox-status')).toContainText("1 résultat attend d'être envoyé.");
	// A reload keeps it waiting.
	await tab.reload();
	await expect(tab.getByTestId('outbox-status')).toHaveAttribute('data-waiting', '1');

	// --- Server reachable again: "Envoyer mes résultats".
	await tab.unroute('**/api/classroom/results');
	await tab.getByTestId('send-results').click();
	await expect(tab.getByTestId('outbox-status')).toHaveAttribute('data-waiting', '0');
	await expect(tab.getByTestId('outbox-status')).toContainText('Aucun résultat en attente.');

	// --- Awa reads the comic to the end: a reading result reaches the teacher too.
	const comic = JSON.parse(readFileSync(path.resolve('comics', SLUG, 'comic.json'), 'utf8')) as {
		pages: { panels: { id: string }[] }[];
	};
	const lastPanels = comic.pages.at(-1)!.panels.map((p) => p.id);
	await tab.goto(`/read/${SLUG}?panel=${lastPanels.at(-1)}`);
	const reader = tab.getByTestId('reader');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	const readingSent = tab.waitForResponse((r) => r.url().endsWith('/api/classroom/results') && r.ok());
	await tab.keyboard.press('ArrowLeft');
	await expect(reader).toHaveAttribute('data-panel-id', lastPanels.at(-2)!);
	expect(((await (await readingSent).json()) as { stored: string[] }).stored).toHaveLength(1);

	// --- Moussa on the same tablet, with no network at all for results.
	await tab.route('**/api/classroom/results', (route) => route.abort('connectionrefused'));
	await tab.goto(`/join?code=${code}`);
	await tab.locator('button[data-student="Moussa"]').click();
	await expect(tab.getByTestId('linked')).toContainText('Moussa');
	const moussaScore = await takeQuiz(tab);
	await tab.goto('/join/results');
	await expect(tab.locator('[data-ready="results"]')).toBeVisible();
	const photos: string[] = [];
	const count = Number((await tab.getByTestId('qr-index').textContent())!.match(/sur (\d+)/)![1]);
	for (let i = 0; i < count; i++) {
		const file = path.join(tmpdir(), `kalanso-e2e-qr-${process.pid}-${i}.png`);
		await tab.locator('svg.qr').screenshot({ path: file });
		photos.push(file);
		if (i < count - 1) await tab.getByRole('button', { name: 'Suivant' }).click();
	}
	const download = tab.waitForEvent('download');
	await tab.getByTestId('save-file').click();
	const resultsFile = path.join(tmpdir(), `kalanso-e2e-results-${process.pid}.json`);
	await (await download).saveAs(resultsFile);

	// The teacher scans the photos of the codes (in reverse order): imported once.
	await teacher.goto(classUrl);
	await teacher.getByTestId('scan-photos').setInputFiles([...photos].reverse());
	await expect(teacher.locator('[data-done="imported"]')).toHaveText(
		'Import terminé : 1 nouveau(x) résultat(s), 0 déjà reçu(s).'
	);
	// The same results from the USB stick: nothing twice.
	await teacher.getByTestId('import-file').setInputFiles(resultsFile);
	await teacher.getByRole('button', { name: 'Importer le fichier' }).click();
	await expect(teacher.locator('[data-done="imported"]')).toHaveText(
		'Import terminé : 0 nouveau(x) résultat(s), 1 déjà reçu(s).'
	);
	// An edited file is refused with the reason, and changes nothing.
	const edited = JSON.parse(readFileSync(resultsFile, 'utf8')) as { results: { finishedAt: string }[] };
	edited.results[0]!.finishedAt = '2020-01-01T00:00:00.000Z';
	const editedFile = path.join(tmpdir(), `kalanso-e2e-edited-${process.pid}.json`);
	writeFileSync(editedFile, JSON.stringify(edited));
	await teacher.getByTestId('import-file').setInputFiles(editedFile);
	await teacher.getByRole('button', { name: 'Importer le fichier' }).click();
	await expect(teacher.locator('[data-error="tampered"]')).toContainText('a été modifié ou abîmé');

	// When the tablet reaches the server again, Moussa's result is acknowledged, not stored again.
	await tab.unroute('**/api/classroom/results');
	await tab.goto('/');
	await tab.getByTestId('send-results').click();
	await expect(tab.getByTestId('outbox-status')).toHaveAttribute('data-waiting', '0');

	// --- The report: the server's scores are the tablet's; one attempt each.
	await teacher.goto(`${classUrl}/report`);
	await expect(teacher.locator('[data-ready="report"]')).toBeVisible();
	const pct = (x: number) => `${Math.round(x * 100)} %`;
	const row = (name: string) => teacher.locator(`[data-testid="students-table"] tr[data-student="${name}"]`);
	await expect(row('Awa').locator('[data-score]')).toHaveText(pct(tabletScore));
	await expect(row('Moussa').locator('[data-score]')).toHaveText(pct(moussaScore));
	await expect(row('Awa').locator('td').nth(1)).toHaveText('1');
	await expect(row('Moussa').locator('td').nth(1)).toHaveText('1');
	// Comics read to the end.
	await expect(row('Awa').locator('td').nth(3)).toHaveText('1');
	await expect(row('Moussa').locator('td').nth(3)).toHaveText('0');
	await expect(teacher.getByTestId('threshold')).toContainText('75 %');
	await expect(teacher.locator('svg[data-chart="objectives"]')).toHaveAttribute('role', 'img');
	const objectiveRows = teacher.locator('[data-testid="objectives-table"] tbody tr');
	expect(await objectiveRows.count()).toBe(new Set(quiz.questions.flatMap((q) => q.objectives)).size);
	await expect(teacher.locator('main')).not.toContainText('Traoré');

	const csv = await teacher.request.get(`${classUrl}/report.csv?view=students`);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const bytes = await csv.body();
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const text = bytes.toString('utf8');
	expect(text).toContain('Élève;Quiz faits;Tentatives;Score (%)');
	expect(text).toMatch(/\r\nAwa;1;1;\d+(,\d)?;/);
	expect(text).not.toContain('Traoré');
});

test('the teacher’s guide gives the answer key with explanations and evidence panels', async ({
	browser
}) => {
	const page = await (await browser.newContext()).newPage();
	await signInAs(page, 'teacher');
	await page.goto(`/teacher/guide/${SLUG}`);
	await expect(page.locator('[data-ready="guide"]')).toBeVisible();
	const single = quiz.questions.find((q) => q.type === 'single')!;
	if (single.type !== 'single') throw new Error('no single question');
	await expect(page.locator(`[data-question="${single.id}"] [data-answer]`)).toHaveText(
		single.options.find((o) => o.id === single.answer)!.text.fr!
	);
	await expect(page.locator(`[data-question="${single.id}"]`)).toContainText(single.explanation.fr!);
	const withEvidence = quiz.questions.filter((q) => q.evidence).length;
	await expect(page.locator('.questions [role="img"]')).toHaveCount(withEvidence);
});

test('an admin cannot open a class or its report', async ({ browser }) => {
	const page = await (await browser.newContext()).newPage();
	await signInAs(page, 'admin');
	await page.goto('/teacher');
	await expect(page).toHaveURL(/\/login\?reason=forbidden/);
});
