/**
 * What reaches the tablet (issue 11 gaps 4 and 5, issue 15): a pack file whose title was changed in
 * pack.json is refused in French; a tablet that opened Kalanso once imports a file with the server
 * unreachable; a comic withdrawn by a reviewer disappears from the tablet that downloaded it, with a
 * message, and its file can no longer be imported. Runs on a server of its own with the tiny fixture.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { packVersion } from '../../src/lib/domain/packs/format';
import { changePassword, submitLogin } from './support/accounts';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';

const port = Number(process.env.E2E_PORT ?? 4173) + 41;
const baseURL = `http://127.0.0.1:${port}`;
let server: FixtureServer | undefined;

test.use({ baseURL });

test.beforeAll(async () => {
	const root = mkdtempSync(path.join(tmpdir(), 'kalanso-trust-comics-'));
	cpSync('tests/fixtures/comics/languages.json', path.join(root, 'languages.json'));
	cpSync('tests/fixtures/comics/tiny', path.join(root, 'tiny'), { recursive: true });
	server = await startFixtureServer({ port, comics: root });
});

test.afterAll(async () => {
	await server?.kill();
});

async function tablet(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ baseURL });
	await context.addCookies([{ name: 'kalanso-lang', value: 'fr', url: baseURL }]);
	return context.newPage();
}

/** Opens the storage page and waits until the keys and the withdrawal list are kept. */
async function openStorage(page: Page): Promise<void> {
	await page.goto('/storage');
	await expect(page.getByTestId('storage-page')).toHaveAttribute('data-trust-synced', 'true');
}

async function importFile(page: Page, zip: Buffer): Promise<void> {
	await page
		.getByTestId('import-input')
		.setInputFiles({ name: 'tiny.kalanso.zip', mimeType: 'application/zip', buffer: zip });
}

function card(page: Page, slug: string) {
	return page.locator(`[data-testid="comic-card"][data-slug="${slug}"]`);
}

test('a forged title is refused, keys are kept from the first visit, a withdrawn comic leaves the tablet', async ({
	browser
}) => {
	// A tablet downloads the comic and exports it as a file.
	const student = await tablet(browser);
	await student.goto('/');
	// A tap before the page's scripts run is lost: the header's picker says when they have (data-ready).
	await expect(student.getByTestId('ui-language')).toHaveAttribute('data-ready', 'true');
	const c = card(student, 'tiny');
	await c.getByTestId('download-button').click();
	await expect(c.getByTestId('download-start')).toBeVisible();
	await c.getByTestId('download-start').click();
	await expect(c.getByTestId('download-ready')).toBeVisible();
	await openStorage(student);
	const saving = student.waitForEvent('download');
	await student.locator('[data-slug="tiny"]').getByTestId('export').click();
	const zip = readFileSync(await (await saving).path());
	const entries = unzipSync(new Uint8Array(zip));
	expect(Object.keys(entries)).toContain('withdrawals.json');

	// Gap 4: the title changed in pack.json, pack version recomputed: refused, in French.
	const pack = JSON.parse(new TextDecoder().decode(entries['pack.json']));
	pack.title = { ...pack.title, fr: 'Titre jamais approuvé' };
	pack.version = packVersion(pack);
	const forged = Buffer.from(zipSync({ ...entries, 'pack.json': strToU8(JSON.stringify(pack)) }));
	const other = await tablet(browser);
	await openStorage(other);
	await importFile(other, forged);
	const refused = other.getByTestId('storage-notice');
	await expect(refused).toHaveAttribute('data-kind', 'error');
	await expect(refused).toContainText('son titre ne correspond pas à la version approuvée');
	await expect(other.getByTestId('stored-comic')).toHaveCount(0);

	// Issue 15: that tablet opened Kalanso once and never downloaded anything; with the server out
	// of reach, the genuine file still verifies with the keys it kept.
	await other.route('**/api/**', (route) => route.abort('internetdisconnected'));
	await importFile(other, zip);
	await expect(other.getByTestId('storage-notice')).toHaveAttribute('data-kind', 'ok');
	await expect(other.locator('[data-testid="stored-comic"][data-slug="tiny"]')).toHaveAttribute(
		'data-status',
		'ready'
	);
	await other.context().close();

	// A reviewer withdraws the published version.
	const staff = await tablet(browser);
	const { versionHash } = await (await staff.request.get('/api/comics/tiny/version')).json();
	const { username, password } = server!.account('reviewer');
	await staff.goto('/login');
	await submitLogin(staff, username, password);
	await expect(staff.locator('[data-signed-in="yes"]')).toBeVisible();
	// Demo accounts' seeded passwords are one-time: the reviewer chooses their own first.
	await expect(staff).toHaveURL(/\/password/);
	await changePassword(staff, password, `${password}-e2e-own`);
	await expect(staff).not.toHaveURL(/\/password/);
	await staff.goto(`/review/${versionHash}`);
	await staff.getByTestId('decide-withdraw').click();
	await expect(staff.getByTestId('review-version')).toHaveAttribute('data-state', 'withdrawn');
	await staff.context().close();

	// The tablet reloads: the comic is gone, with a message the student understands.
	await student.goto('/');
	const notice = student.getByTestId('withdrawn-notice');
	await expect(notice).toContainText('a été retirée par les relecteurs du ministère');
	await expect(notice).toContainText('supprimée de cette tablette');
	await expect(card(student, 'tiny')).toHaveCount(0);
	await openStorage(student);
	await expect(student.getByTestId('stored-comic')).toHaveCount(0);
	await student.getByTestId('withdrawn-dismiss').click();
	await expect(student.getByTestId('withdrawn-notice')).toHaveCount(0);

	// Its file is refused from now on.
	await importFile(student, zip);
	const again = student.getByTestId('storage-notice');
	await expect(again).toHaveAttribute('data-kind', 'error');
	await expect(again).toContainText('a été retirée par les relecteurs du ministère');
	await expect(student.getByTestId('stored-comic')).toHaveCount(0);
});
