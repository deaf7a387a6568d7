/**
 * The admin's account list a page at a time (issue 19): on a server of its own (E2E_PORT+47, so the
 * shared server's accounts stay as other tests expect them), the admin creates 30 teacher accounts
 * and sees 25 accounts a page, the rest on page 2, finds one by a name typed without accents, and
 * keeps one role; the admin API answers the same pages.
 */
import { expect, test } from '@playwright/test';
import { emptyComicsFolder, startFixtureServer, type FixtureServer } from './support/fixture-server';

const port = Number(process.env.E2E_PORT ?? 4173) + 47;
let server: FixtureServer;

test.beforeAll(async () => {
	test.setTimeout(240_000);
	server = await startFixtureServer({ port, comics: emptyComicsFolder(), slugs: [] });
});

test.afterAll(async () => {
	await server?.kill();
});

test('an admin with 30 more teachers sees the accounts 25 a page, searches by name and keeps one role', async ({
	browser
}) => {
	test.setTimeout(600_000);
	const context = await browser.newContext({ baseURL: server.baseURL });
	await context.addCookies([{ name: 'kalanso-lang', value: 'fr', url: server.baseURL }]);
	const page = await context.newPage();
	await server.signIn(page, 'admin');

	for (let i = 1; i <= 30; i++) {
		const n = String(i).padStart(2, '0');
		const response = await page.request.post('/admin?/create', {
			maxRedirects: 0,
			headers: { origin: server.baseURL },
			form: {
				username: `prof${n}`,
				displayName: i === 17 ? 'Aïssata Traoré' : `Enseignant ${n}`,
				role: 'teacher'
			}
		});
		expect(response.status(), `create ${i}`).toBe(200);
	}

	await page.goto('/admin');
	const rows = page.getByTestId('accounts').locator('tbody tr');
	const count = page.getByTestId('account-count');
	await expect(count).toHaveText(/^\d+ comptes$/);
	const total = Number((await count.textContent())!.split(' ')[0]);
	expect(total).toBeGreaterThanOrEqual(31);
	expect(total).toBeLessThanOrEqual(50);
	await expect(rows).toHaveCount(25);
	await expect(page.getByTestId('account-pager')).toHaveText('Page 1 sur 2');

	await page.getByRole('link', { name: 'Suivantes →' }).click();
	await expect(page).toHaveURL(/\?page=2$/);
	await expect(page.getByTestId('account-pager')).toHaveText('Page 2 sur 2');
	await expect(rows).toHaveCount(total - 25);
	// Sorted by login: the last teachers created are on page 2.
	await expect(page.locator('tr[data-username="prof30"]')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Suivantes →' })).toHaveCount(0);

	// A name typed without accents or capitals, in the URL.
	const search = page.getByTestId('account-search');
	await search.getByLabel('Chercher par nom ou identifiant').fill('aissata traore');
	await search.getByRole('button', { name: 'Chercher' }).click();
	await expect(page).toHaveURL(/[?&]q=aissata(\+|%20)traore/);
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toHaveAttribute('data-username', 'prof17');
	await expect(rows.first()).toContainText('Aïssata Traoré');
	await expect(count).toHaveText('1 compte');

	// One role: the admin alone among the administrators.
	await page.goto('/admin?role=admin');
	await expect(search.getByLabel('Rôle')).toHaveValue('admin');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toHaveAttribute('data-username', server.account('admin').username);

	// The admin API answers the same pages, never every account.
	const api = async (query: string) => (await page.request.get(`/api/admin/users${query}`)).json();
	const teachers = await api('?role=teacher');
	expect(teachers).toMatchObject({ page: 1, pages: 2, role: 'teacher' });
	expect(teachers.items).toHaveLength(25);
	expect(teachers.total).toBeGreaterThanOrEqual(30);
	const second = await api('?role=teacher&page=2');
	expect(second.items).toHaveLength(teachers.total - 25);
	expect(second.items.map((a: { username: string }) => a.username)).toContain('prof30');
	const found = await api('?q=AISSATA');
	expect(found.items.map((a: { username: string }) => a.username)).toEqual(['prof17']);
	expect(found.items[0]).not.toHaveProperty('passwordHash');
	await context.close();
});
