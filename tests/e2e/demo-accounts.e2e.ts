import { expect, test } from '@playwright/test';
import {
	changePassword,
	rememberPassword,
	seededAccount,
	signInAs,
	signOut,
	submitLogin
} from './support/accounts';

// Issue 11 gap 1 (demo accounts) and gap 9 (passwords people choose), as a person meets them.

test('a demo account must choose its own password at first sign-in, and trivial ones are refused', async ({
	page
}) => {
	const { username, password } = seededAccount('reviewer');
	await page.goto('/login');
	await submitLogin(page, username, password);
	await expect(page).toHaveURL(/\/password/);
	await expect(page.getByRole('status')).toContainText('mot de passe à usage unique');
	// Labelled as a demo account in the header.
	await expect(page.getByTestId('account-demo')).toHaveText(/démo/i);

	for (const weak of ['azertyuiop', '0123456789', 'aaaaaaaaaa']) {
		await changePassword(page, password, weak);
		await expect(page.locator('[data-error="common"]')).toContainText('trop facile à deviner');
	}
	await changePassword(page, password, `${username}-2026`);
	await expect(page.locator('[data-error="username"]')).toContainText(
		'ne doit pas contenir votre identifiant'
	);

	const own = `${password}-e2e-own`;
	await changePassword(page, password, own);
	await expect(page).not.toHaveURL(/\/password/);
	rememberPassword('reviewer', own);
	await expect(page.getByTestId('account-demo')).toBeVisible();
	await signOut(page);
});

test('the reason a password is refused reads in English when the interface is in English', async ({
	page,
	context,
	baseURL
}) => {
	await context.addCookies([{ name: 'kalanso-lang', value: 'en', url: baseURL! }]);
	await signInAs(page, 'author');
	await page.goto('/password');
	const { password } = seededAccount('author');
	await changePassword(page, password, 'azertyuiop');
	await expect(page.locator('[data-error="common"]')).toContainText('too easy to guess');
	await expect(page.getByTestId('account-demo')).toHaveText(/demo/i);
	await signOut(page);
});

test('the admin sees the demo accounts and disables them all with one action', async ({ page }) => {
	await signInAs(page, 'admin');
	await page.goto('/admin');
	const demo = page.getByTestId('demo-accounts');
	await expect(demo.locator('li')).toHaveCount(3);
	await expect(page.locator('tr[data-username="demo-reviewer"]')).toContainText('démo');

	await demo.getByRole('button', { name: 'Désactiver les 3 comptes de démo' }).click();
	await expect(page.getByRole('status')).toContainText('3 comptes de démo désactivés');
	for (const name of ['demo-author', 'demo-reviewer', 'demo-teacher'])
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
	for (const name of ['demo-author', 'demo-reviewer', 'demo-teacher']) {
		await page.locator(`tr[data-username="${name}"]`).getByRole('button', { name: 'Réactiver' }).click();
		await expect(page.locator(`tr[data-username="${name}"]`)).toHaveAttribute('data-disabled', 'no');
	}
});
