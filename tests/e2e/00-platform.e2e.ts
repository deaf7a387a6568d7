import { expect, test } from '@playwright/test';
import {
	changePassword,
	rememberPassword,
	seededAccount,
	signInAs,
	signOut,
	submitLogin
} from './support/accounts';

test.describe('accounts and roles', () => {
	test('admin signs in with the seeded account, creates a teacher, the teacher signs in', async ({
		page
	}) => {
		// The seeded admin password is one-time: the first sign-in asks for a new one.
		const admin = seededAccount('admin');
		await page.goto('/admin');
		await expect(page).toHaveURL(/\/login\?reason=sign-in&next=%2Fadmin/);
		await submitLogin(page, admin.username, admin.password);
		await expect(page).toHaveURL(/\/password/);
		await expect(page.getByRole('status')).toContainText('mot de passe à usage unique');
		// Until then, the admin pages stay closed.
		expect((await page.request.get('/api/admin/users')).status()).toBe(403);
		await changePassword(page, admin.password, `${admin.password}-e2e-own`);
		rememberPassword('admin', `${admin.password}-e2e-own`);

		await expect(page).toHaveURL(/\/admin$/);
		await expect(page.locator('[data-ready="admin"]')).toBeVisible();
		await expect(page.locator('tr[data-username="demo-teacher"]')).toBeVisible();

		await page.locator('input[name="username"]').fill('E2E.Teacher');
		await page.locator('input[name="displayName"]').fill('Mariam Diarra');
		await page.locator('form.create select[name="role"]').selectOption('teacher');
		await page.getByRole('button', { name: 'Créer le compte' }).click();
		const oneTime = page.locator('[data-testid="one-time-password"] [data-password]');
		await expect(oneTime).toHaveText(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
		const teacherPassword = (await oneTime.textContent())!;
		await expect(page.locator('tr[data-username="e2e.teacher"]')).toContainText('usage unique');

		// A duplicate is refused with a clear message.
		await page.locator('input[name="username"]').fill('e2e.teacher');
		await page.locator('input[name="displayName"]').fill('Autre');
		await page.getByRole('button', { name: 'Créer le compte' }).click();
		await expect(page.locator('[data-error="username-taken"]')).toContainText('existe déjà');

		await signOut(page);

		await page.goto('/login');
		await submitLogin(page, 'e2e.teacher', teacherPassword);
		await expect(page).toHaveURL(/\/password/);
		await changePassword(page, teacherPassword, 'la rentrée à Sikasso');
		// A teacher's home is their classes (HOME_BY_ROLE).
		await expect(page).toHaveURL(/\/teacher$/);
		await expect(page.locator('[data-signed-in="yes"]')).toContainText('Mariam Diarra (enseignant)');

		// The teacher cannot open the admin page nor use the admin API.
		await page.goto('/admin');
		await expect(page).toHaveURL(/\/login\?reason=forbidden/);
		await expect(page.getByRole('status')).toContainText(
			'Votre compte (enseignant) ne peut pas ouvrir cette page'
		);
		const api = await page.request.get('/api/admin/users');
		expect(api.status()).toBe(403);
		expect(await api.json()).toMatchObject({ code: 'forbidden' });
	});

	test('a visitor without a session (a student) is refused the admin page and API', async ({
		page,
		request
	}) => {
		await page.goto('/admin');
		await expect(page).toHaveURL(/\/login\?reason=sign-in/);
		await expect(page.getByRole('status')).toContainText('Connectez-vous pour ouvrir cette page');

		// The library stays open to students.
		await page.goto('/');
		await expect(page.locator('[data-signed-in="no"]')).toBeVisible();

		const list = await request.get('/api/admin/users');
		expect(list.status()).toBe(401);
		expect(await list.json()).toMatchObject({
			code: 'sign-in',
			message: expect.stringContaining('Connectez-vous')
		});
		const create = await request.post('/api/admin/users', {
			data: { username: 'intruder', displayName: 'X', role: 'admin' }
		});
		expect(create.status()).toBe(401);
		const reset = await request.post('/api/admin/users/any-id/password');
		expect(reset.status()).toBe(401);
	});

	test('the admin API works for an admin and answers refusals clearly', async ({ page }) => {
		await signInAs(page, 'admin');
		const created = await page.request.post('/api/admin/users', {
			data: { username: 'api.author', displayName: 'Auteur API', role: 'author' }
		});
		expect(created.status()).toBe(201);
		const { account, password } = await created.json();
		expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

		const disabled = await page.request.patch(`/api/admin/users/${account.id}`, { data: { disabled: true } });
		expect(await disabled.json()).toMatchObject({ disabled: true });

		const bad = await page.request.post('/api/admin/users', {
			data: { username: 'x', displayName: 'X', role: 'author' }
		});
		expect(bad.status()).toBe(400);
		expect(await bad.json()).toMatchObject({
			code: 'username-invalid',
			message: expect.stringContaining('Identifiant')
		});

		// The disabled account cannot sign in.
		await signOut(page);
		await page.goto('/login');
		await submitLogin(page, 'api.author', password);
		await expect(page.locator('[data-error="disabled"]')).toContainText('désactivé');
	});

	test('repeated wrong passwords are throttled with a clear message', async ({ page }) => {
		// A throw-away account: locking a seeded one would lock out every later spec that signs in as it.
		await signInAs(page, 'admin');
		const created = await page.request.post('/api/admin/users', {
			data: { username: 'throttled.reviewer', displayName: 'Relecteur (essai)', role: 'reviewer' }
		});
		expect(created.status()).toBe(201);
		const { password } = await created.json();
		await signOut(page);
		await page.goto('/login');
		for (let i = 0; i < 5; i++) {
			await submitLogin(page, 'throttled.reviewer', `wrong-${i}`);
			await expect(page.locator('[data-error]')).toBeVisible();
		}
		await expect(page.locator('[data-error="throttled"]')).toContainText('Attendez 15 minutes');
		// Even the right password waits now, from this address.
		await submitLogin(page, 'throttled.reviewer', password);
		await expect(page.locator('[data-error="throttled"]')).toBeVisible();
	});
});
