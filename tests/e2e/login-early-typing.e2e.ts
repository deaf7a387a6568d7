/**
 * On a slow tablet the login page shows (server-rendered) before its JavaScript has run. What a
 * teacher types in that moment must survive the page coming to life: the scripts are held back here
 * until both fields are filled, then let through.
 */
import { expect, test } from '@playwright/test';
import { seededAccount } from './support/accounts';

test('what is typed before the page’s scripts have run is kept, and signing in works', async ({ page }) => {
	let release: () => void = () => {};
	const scriptsMayLoad = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await scriptsMayLoad;
		await route.continue();
	});
	const { username, password } = seededAccount('teacher');
	await page.goto('/login', { waitUntil: 'commit' });
	await page.locator('input[name="username"]').fill(username);
	await page.locator('input[name="password"]').fill(password);

	release();
	await page.waitForLoadState('networkidle');
	await expect(page.locator('input[name="username"]')).toHaveValue(username);
	await expect(page.locator('input[name="password"]')).toHaveValue(password);
	await page.locator('main form button[type="submit"]').click();
	await expect(page.locator('[data-signed-in="yes"]')).toBeVisible();
});
