/**
 * The demo teacher signed in on a bench page. Demo passwords are one-time: the first sign-in of a
 * run replaces it, and the new one is written back to the passwords file for the next measure.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

export async function signInTeacher(teacher: Page, baseUrl: string, passwordsFile: string): Promise<void> {
	const accounts = JSON.parse(readFileSync(passwordsFile, 'utf8')) as Record<
		string,
		{ username: string; password: string }
	>;
	await teacher.goto(`${baseUrl}/login`);
	await teacher.locator('input[name="username"]').fill(accounts.teacher!.username);
	await teacher.locator('input[name="password"]').fill(accounts.teacher!.password);
	await teacher.locator('main form button[type="submit"]').click();
	await teacher.locator('[data-ready="teacher"], [data-ready="password"]').first().waitFor();
	if (new URL(teacher.url()).pathname === '/password') {
		const next = `${accounts.teacher!.password}-bench-own`;
		await teacher.locator('input[name="current"]').fill(accounts.teacher!.password);
		await teacher.locator('input[name="new"]').fill(next);
		await teacher.locator('input[name="confirm"]').fill(next);
		await teacher.locator('main form button[type="submit"]').click();
		await teacher.waitForURL((url) => url.pathname !== '/password');
		accounts.teacher!.password = next;
		writeFileSync(passwordsFile, JSON.stringify(accounts, null, 2), { mode: 0o600 });
		await teacher.goto(`${baseUrl}/teacher`);
	}
	await teacher.locator('[data-ready="teacher"]').waitFor();
}
