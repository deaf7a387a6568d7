/**
 * The admin's audit log (issue 11, gap 6) on the production build: the decisions of the demo
 * seeding (samples published) and account events (the admin's own password change), filterable,
 * with action names in the reader's language.
 */
import { expect, test } from '@playwright/test';
import { signInAs } from './support/accounts';

test('an admin reads the audit log, filters it, and reads the action names in French and English', async ({
	page,
	context,
	baseURL
}) => {
	await signInAs(page, 'admin');
	await page.goto('/admin');
	await page.getByRole('link', { name: "Journal d'audit" }).click();
	await expect(page.locator('[data-ready="audit"]')).toBeVisible();
	const rows = page.getByTestId('audit-log').locator('tbody tr');
	await expect(page.locator('tr[data-action="publish"]').first()).toContainText('Publiée');
	await expect(page.locator('tr[data-action="password-changed"]').first()).toContainText(
		'Mot de passe changé'
	);
	await expect(page.locator('tr[data-action="rate"]').first()).toContainText('Convient');
	// The samples were rated and published by the demo reviewer: a demo account is labelled as such.
	await expect(page.locator('tr[data-action="publish"]').first().getByTestId('audit-demo')).toHaveText(
		'démo'
	);
	await expect(
		page.locator('tr[data-action="password-changed"]').first().getByTestId('audit-demo')
	).toHaveCount(0);

	// By action.
	await page.getByLabel('Action').selectOption('publish');
	await page.getByRole('button', { name: 'Filtrer' }).click();
	await expect(page).toHaveURL(/action=publish/);
	const actions = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
	expect(actions.length).toBeGreaterThan(0);
	expect(new Set(actions)).toEqual(new Set(['publish']));

	// By comic: only that comic's entries, no account event.
	await page.goto('/admin/audit?comic=trente-jours');
	const kinds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kind')));
	expect(kinds.length).toBeGreaterThan(0);
	expect(new Set(kinds)).toEqual(new Set(['content']));
	await expect(rows.first()).toContainText('trente-jours');

	// By actor and comic, typed: the server suggests a few as the admin types (never every account
	// or comic), and the login filters.
	await page.goto('/admin/audit');
	const actor = page.getByTestId('audit-actor');
	await actor.fill('relecteur');
	const suggested = page.getByTestId('audit-actor-choices').locator('option');
	await expect(suggested.first()).toHaveAttribute('value', 'demo-reviewer');
	await expect(suggested.first()).toHaveText('Relecteur MEN (démo)');
	const comic = page.getByTestId('audit-comic');
	await comic.fill('tren');
	await expect(page.getByTestId('audit-comic-choices').locator('option')).toHaveCount(1);
	await expect(page.getByTestId('audit-comic-choices').locator('option')).toHaveAttribute(
		'value',
		'trente-jours'
	);
	await actor.fill('demo-reviewer');
	await comic.fill('trente-jours');
	await page.getByRole('button', { name: 'Filtrer' }).click();
	await expect(page).toHaveURL(/actor=demo-reviewer/);
	await expect(page.getByTestId('audit-actor-name')).toHaveText('Relecteur MEN (démo)');
	const actors = await rows.evaluateAll((trs) => trs.map((tr) => tr.children[2]?.textContent ?? ''));
	expect(actors.length).toBeGreaterThan(0);
	for (const name of actors) expect(name).toContain('Relecteur MEN (démo)');
	const subjects = await rows.evaluateAll((trs) => trs.map((tr) => tr.children[3]?.textContent ?? ''));
	for (const subject of subjects) expect(subject).toContain('trente-jours');

	// By date: nothing happened in 2001.
	await page.goto('/admin/audit?from=2001-01-01&to=2001-12-31');
	await expect(page.getByTestId('audit-empty')).toBeVisible();

	// In English.
	await context.addCookies([{ name: 'kalanso-lang', value: 'en', url: baseURL! }]);
	await page.goto('/admin/audit?action=publish');
	await expect(page.locator('tr[data-action="publish"]').first()).toContainText('Published');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
});

test('the audit log is refused to other roles', async ({ page }) => {
	await signInAs(page, 'reviewer');
	await page.goto('/admin/audit');
	// The guard sends a refused page to the login page, saying why.
	await expect(page).toHaveURL(/\/login\?/);
	await expect(page.getByTestId('audit-log')).toHaveCount(0);
});
