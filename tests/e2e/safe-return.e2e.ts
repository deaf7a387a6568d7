/**
 * Issue 11 gap 10 where a person meets it: a crafted `?return=` or `?next=` never becomes a way off
 * the site (the one check is safeReturnPath, table-tested in src/lib/domain/navigation).
 */
import { expect, test } from '@playwright/test';
import { seededAccount, signInAs, submitLogin } from './support/accounts';

test('the reader shows "back to the quiz" only for a path of this site', async ({ page }) => {
	await page.goto('/read/awa-et-le-cgs?return=/%5Cevil.example');
	const reader = page.getByTestId('reader');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('return-to-quiz')).toHaveCount(0);

	await page.goto('/read/awa-et-le-cgs?return=%2Fquiz%2Fawa-et-le-cgs');
	await expect(reader).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('return-to-quiz')).toHaveAttribute('href', '/quiz/awa-et-le-cgs');
});

test('signing in with a crafted next= lands on this site', async ({ page }) => {
	// The teacher's password is one-time until signInAs replaces it.
	await signInAs(page, 'teacher');
	await page.locator('form[action="/logout"] button').click();
	const { username, password } = seededAccount('teacher');
	await page.goto('/login?next=/%5Cevil.example');
	await submitLogin(page, username, password);
	await expect(page.locator('[data-signed-in="yes"]')).toBeVisible();
	expect(page.url()).not.toContain('evil.example');
	// The crafted path is dropped: the teacher lands on their own home page, their classes.
	expect(new URL(page.url()).pathname).toBe('/teacher');
});
