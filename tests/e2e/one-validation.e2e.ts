/**
 * One validation on every path (issue 11, gap 2), as an author meets it: an uploaded quiz.json whose
 * answer is no option is refused, and an in-app text fix that makes a bubble overflow is refused,
 * each naming the problem in French; nothing is stored.
 */
import { expect, test } from '@playwright/test';
import { zipSync } from 'fflate';
import { signInAs } from './support/accounts';
import { tinyFiles } from './support/packs';

/** The tiny comic under its own id (so it meets no other test's versions), optionally with a broken quiz. */
function pack(id: string, breakQuiz: boolean): Buffer {
	const files = tinyFiles();
	const decode = (name: string) => JSON.parse(new TextDecoder().decode(files[name]));
	const comic = decode('comic.json');
	comic.id = id;
	files['comic.json'] = new TextEncoder().encode(JSON.stringify(comic));
	const quiz = decode('quiz.json');
	quiz.comic = id;
	if (breakQuiz) quiz.questions.find((q: { id: string }) => q.id === 'q-where').answer = 'lune';
	files['quiz.json'] = new TextEncoder().encode(JSON.stringify(quiz));
	return Buffer.from(zipSync(files));
}

test('an uploaded quiz whose answer is no option is refused, in French, and nothing is stored', async ({
	page
}) => {
	await signInAs(page, 'author');
	await page.goto('/author');
	await page
		.getByTestId('upload-form')
		.locator('input[type="file"]')
		.setInputFiles({ name: 'quiz.zip', mimeType: 'application/zip', buffer: pack('tiny-quiz', true) });
	await page.getByTestId('upload-form').locator('button[type="submit"]').click();
	const finding = page.getByTestId('upload-findings').locator('li[data-code="answerNotOption"]');
	await expect(finding).toContainText('quiz.json');
	await expect(finding).toContainText('la réponse « lune » n’est pas un des choix');
	await page.goto('/author');
	await expect(page.locator('[data-testid="author-versions"] tr[data-comic="tiny-quiz"]')).toHaveCount(0);
});

test('an in-app fix that makes a French bubble overflow is refused, saying why, and makes no version', async ({
	page
}) => {
	await signInAs(page, 'author');
	await page.goto('/author');
	await page
		.getByTestId('upload-form')
		.locator('input[type="file"]')
		.setInputFiles({ name: 'edit.zip', mimeType: 'application/zip', buffer: pack('tiny-edit', false) });
	await page.getByTestId('upload-form').locator('button[type="submit"]').click();
	await expect(page.getByTestId('author-version')).toBeVisible();
	const hash = await page.getByTestId('author-version').getAttribute('data-version');

	await page.getByTestId('edit-p1-1-b1-fr').fill('Bonjour Moussa ! '.repeat(30).trim());
	await page.getByTestId('save-new-version').click();
	const failure = page.getByTestId('review-failure');
	await expect(failure).toHaveAttribute('data-code', 'content-refused');
	await expect(failure).toContainText('La vérification du contenu');
	await expect(failure.locator('li[data-code="textTooManyLines"]')).toContainText(
		'le texte ne tient pas dans sa bulle'
	);
	await page.goto('/author');
	await expect(page.locator('[data-testid="author-versions"] tr[data-comic="tiny-edit"]')).toHaveCount(1);
	await expect(page.locator(`tr[data-version="${hash}"]`)).toHaveCount(1);
});
