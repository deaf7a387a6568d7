import { expect, test } from '@playwright/test';
import {
	changePassword,
	rememberPassword,
	seededAccount,
	signInAs,
	signOut,
	submitLogin
} from './support/accounts';

// Issue 11 gap 1 (demo accounts) and gap 9 (passwords people choose), as a person meets them. This
// file must sign in the demo reviewer before any other does (a11y, audit, review…): files run in
// name order on each worker's server (playwright.config.ts), hence the 00- prefix. Disabling the demo accounts is in security-demo-disable.e2e.ts, after
// 00-platform.e2e.ts, which needs the admin's first sign-in.

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
