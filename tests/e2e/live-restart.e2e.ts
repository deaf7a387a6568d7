/**
 * A server restarted in the middle of a live quiz loses nothing acknowledged (issue 14): on a
 * server of its own (E2E_PORT+62), a teacher starts a session, two tablets join, one answers, the
 * server process is killed (SIGKILL) and started again on the same database. The projector goes on
 * at the same question with the answer counted (its event stream reconnects and carries on, and a
 * reload shows the same), and the tablet that answered rejoins at that question with its answer.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';

// E2E_PORT+60 is 5060 for E2E_PORT=5000: a SIP port, which browsers and fetch refuse ("bad port").
const port = Number(process.env.E2E_PORT ?? 4173) + 62;
const SLUG = 'tiny';
let server: FixtureServer;

test.beforeAll(async () => {
	test.setTimeout(240_000);
	const comics = mkdtempSync(path.join(tmpdir(), 'kalanso-live-restart-comics-'));
	cpSync('tests/fixtures/comics', comics, { recursive: true });
	server = await startFixtureServer({ port, comics, slugs: [SLUG] });
});

test.afterAll(async () => {
	await server?.kill();
});

async function newPage(browser: Browser, width: number): Promise<Page> {
	const context = await browser.newContext({ baseURL: server.baseURL, viewport: { width, height: 1000 } });
	await context.addCookies([{ name: 'kalanso-lang', value: 'fr', url: server.baseURL }]);
	return context.newPage();
}

test('a server killed mid-quiz comes back at the same question with the acknowledged answer', async ({
	browser
}) => {
	test.setTimeout(400_000);
	// --- The teacher signs in (replacing the one-time password), makes a class of two.
	const teacher = await newPage(browser, 1200);
	await server.signIn(teacher, 'teacher');
	await teacher.goto('/teacher');
	await expect(teacher.locator('[data-ready="teacher"]')).toBeVisible();
	await teacher.locator('input[name="name"]').fill('8e R');
	await teacher.locator('select[name="grade"]').selectOption('8e');
	await teacher.getByRole('button', { name: 'Créer la classe' }).click();
	await expect(teacher.locator('[data-ready="class"]')).toBeVisible();
	const add = teacher.getByTestId('add-student');
	for (const [name, picture] of [
		['Awa', 'sun'],
		['Moussa', 'moon']
	]) {
		await add.locator('input[name="displayName"]').fill(name!);
		await add.locator('select[name="picture"]').selectOption(picture!);
		await add.getByRole('button', { name: 'Ajouter' }).click();
		await expect(teacher.locator(`tr[data-student="${name}"]`)).toBeVisible();
	}
	await teacher.getByTestId('live-start').click();
	const hash = await teacher.locator(`option[data-comic="${SLUG}"]`).getAttribute('value');
	await teacher.locator('select[name="versionHash"]').selectOption(hash!);
	await teacher.getByRole('button', { name: 'Lancer la séance' }).click();
	await expect(teacher).toHaveURL(/\/teacher\/live\//);
	const code = (await teacher.getByTestId('live-code').textContent())!.trim();

	// --- Two tablets join; the first question opens; Awa's tablet answers.
	const a = await newPage(browser, 1000);
	await a.goto(`/live?code=${code}`);
	await a.getByLabel('Awa').check();
	await a.getByRole('button', { name: "C'est nous" }).click();
	await expect(a.getByTestId('live-wait')).toBeVisible();
	const b = await newPage(browser, 1000);
	await b.goto(`/live?code=${code}`);
	await b.getByLabel('Moussa').check();
	await b.getByRole('button', { name: "C'est nous" }).click();
	await expect(teacher.getByTestId('live-joined')).toHaveText('2 tablettes ont rejoint');
	await teacher.getByRole('button', { name: 'Première question' }).click();
	await expect(a.getByTestId('live-prompt')).toHaveText('Où est Awa ?');
	await a.locator('button[data-option-id="mairie"]').click();
	await expect(a.getByTestId('live-sent')).toBeVisible();
	await expect(teacher.getByTestId('live-count')).toHaveText('1 réponses sur 2');

	// --- Power cut: the server process is killed, then started again on the same database.
	await server.kill();
	await expect
		.poll(async () => (await fetch(`${server.baseURL}/healthz`).catch(() => null))?.status ?? 0)
		.toBe(0);
	await server.start();

	// The projector carries on at the same question: its stream reconnects and the other tablet's
	// answer, sent after the restart, is counted with the one acknowledged before it.
	await expect(b.getByTestId('live-prompt')).toBeVisible();
	await b.locator('button[data-option-id="ecole"]').click();
	await expect(b.getByTestId('live-sent')).toBeVisible();
	await expect(teacher.getByTestId('live-count')).toHaveText('2 réponses sur 2');
	// A reload of the projector shows the same question, both answers counted, closed by itself.
	await teacher.reload();
	await expect(teacher.locator('h1')).toContainText('Question 1 sur 6');
	await expect(teacher.locator('h1')).toContainText('Où est Awa ?');
	await expect(teacher.getByTestId('live-count')).toHaveText('2 réponses sur 2');
	await expect(teacher.getByRole('button', { name: 'Montrer la réponse' })).toBeVisible();

	// The tablet that answered before the cut rejoins (a reload) at that question with its answer.
	await a.reload();
	await expect(a.getByTestId('live-prompt')).toHaveText('Où est Awa ?');
	await expect(a.getByTestId('live-sent')).toBeVisible();
	await expect(a.locator('button[data-option-id="mairie"]')).toHaveAttribute('aria-pressed', 'true');

	// The reveal counts the answer acknowledged before the cut: one each for the town hall and school.
	await teacher.getByRole('button', { name: 'Montrer la réponse' }).click();
	await expect(teacher.getByTestId('live-tally').locator('desc')).toHaveText(
		"Devant la mairie: 1 (bonne réponse); Au marché: 0; À l'école: 1"
	);
});
