/**
 * Issue 11 gap 1: the admin page lists the demo accounts and disables them all with one action.
 * Named to run after 00-platform.e2e.ts (files run in name order on each worker's server), which must be the
 * first to sign the admin in; the demo accounts are turned back on at the end for the files after.
 */
import { expect, test } from '@playwright/test';
import { seededAccount, signInAs, signOut, submitLogin } from './support/accounts';

test('the admin sees the demo accounts and disables them all with one action', async ({ page }) => {
	await signInAs(page, 'admin');
	await page.goto('/admin');
	const demo = page.getByTestId('demo-accounts');
	await expect(demo.locator('li')).toHaveCount(4);
	await expect(page.locator('tr[data-username="demo-reviewer"]')).toContainText('démo');

	await demo.getByRole('button', { name: 'Désactiver les 4 comptes de démo' }).click();
	await expect(page.getByRole('status')).toContainText('4 comptes de démo désactivés');
	for (const name of ['demo-author', 'demo-reviewer', 'demo-teacher', 'demo-translator'])
		await expect(page.locator(`tr[data-username="${name}"]`)).toHaveAttribute('data-disabled', 'yes');
	await expect(page.locator('tr[data-username="admin"]')).toHaveAttribute('data-disabled', 'no');
	await expect(demo).toContainText('Tous les comptes de démo sont désactivés');

	// A disabled demo account can no longer sign in.
	await signOut(page);
	const teacher = seededAccount('teacher');
	await page.goto('/login');
	await submitLogin(page, teacher.username, teacher.password);
	await expect(page.getByRole('alert')).toContainText('Ce compte est désactivé');

	// The other e2e files sign in with the demo accounts: turn them back on, one by one.
	await signInAs(page, 'admin');
	await page.goto('/admin');
	for (const name of ['demo-author', 'demo-reviewer', 'demo-teacher', 'demo-translator']) {
		await page.locator(`tr[data-username="${name}"]`).getByRole('button', { name: 'Réactiver' }).click();
		await expect(page.locator(`tr[data-username="${name}"]`)).toHaveAttribute('data-disabled', 'no');
	}
});
