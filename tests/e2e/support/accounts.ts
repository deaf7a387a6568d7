/**
 * Signing in as the seeded accounts in e2e tests. The e2e server (serve.js) starts on a fresh data
 * folder with KALANSO_DEMO_PASSWORDS_FILE set, so first start writes the random passwords there
 * (never a fixed demo password). Roles: admin (one-time password), author, reviewer, teacher
 * (demo-author, demo-reviewer, demo-teacher), translator (demo-translator).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

export type SeededRole = 'admin' | 'author' | 'reviewer' | 'teacher' | 'translator';

/** Same formula as tests/e2e/serve.js. */
export const passwordsFile = path.join(
	tmpdir(),
	`kalanso-e2e-${process.env.E2E_PORT ?? 4173}-passwords.json`
);

type Passwords = Record<SeededRole, { username: string; password: string }>;

export function seededAccount(role: SeededRole): { username: string; password: string } {
	const all = JSON.parse(readFileSync(passwordsFile, 'utf8')) as Passwords;
	return all[role];
}

/** Records a seeded account's new password (after a one-time password was replaced). */
export function rememberPassword(role: SeededRole, password: string) {
	const all = JSON.parse(readFileSync(passwordsFile, 'utf8')) as Passwords;
	all[role].password = password;
	writeFileSync(passwordsFile, JSON.stringify(all, null, 2), { mode: 0o600 });
}

/** Fills and sends the login form (the page must be /login). */
export async function submitLogin(page: Page, username: string, password: string) {
	await expect(page.locator('[data-ready="login"]')).toBeVisible();
	await page.locator('input[name="username"]').fill(username);
	await page.locator('input[name="password"]').fill(password);
	await page.locator('main form button[type="submit"]').click();
}

/** Replaces the current password on /password. */
export async function changePassword(page: Page, current: string, next: string) {
	await expect(page.locator('[data-ready="password"]')).toBeVisible();
	await page.locator('input[name="current"]').fill(current);
	await page.locator('input[name="new"]').fill(next);
	await page.locator('input[name="confirm"]').fill(next);
	await page.locator('main form button[type="submit"]').click();
}

/**
 * Signs `page` in as a seeded role. When the password is still the one-time one (the admin's), it is
 * replaced and the new one written back to the file, so later tests sign in the same way.
 */
export async function signInAs(page: Page, role: SeededRole) {
	const { username, password } = seededAccount(role);
	await page.goto('/login');
	await submitLogin(page, username, password);
	await expect(page.locator('[data-signed-in="yes"]')).toBeVisible();
	if (new URL(page.url()).pathname === '/password') {
		const next = `${password}-e2e-own`;
		await changePassword(page, password, next);
		await expect(page).not.toHaveURL(/\/password/);
		rememberPassword(role, next);
	}
}

/** Signs out through the header's button. */
export async function signOut(page: Page) {
	await page.locator('form[action="/logout"] button').click();
	await expect(page.locator('[data-signed-in="no"]')).toBeVisible();
}
