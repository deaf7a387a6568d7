/**
 * Updating the installed app: a tablet that has the app cached gets a newer version from the server;
 * the page offers it (it never swaps files under a running page), and accepting reloads onto it.
 *
 * Needs two builds on the same address in turn: ./build (the suite's) and a second one built here
 * into .svelte-kit/ with its own version name; each is served by src/cli/serve.js on a port of
 * this test's own, with one data folder.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 50;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const NEXT_VERSION = 'e2e-next-version';
const work = mkdtempSync(path.join(tmpdir(), 'kalanso-update-'));
// Inside the project, so that the build finds its packages (node_modules); .svelte-kit is not committed.
const nextBuild = path.resolve('.svelte-kit/e2e-update-build');

test.describe.configure({ mode: 'serial', timeout: 600_000 });

let server: ChildProcess | null = null;

async function serve(buildDir: string): Promise<void> {
	server = spawn(process.execPath, ['src/cli/serve.js'], {
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			KALANSO_BUILD_DIR: buildDir,
			KALANSO_DATA: path.join(work, 'data'),
			KALANSO_DEMO_PASSWORDS_FILE: path.join(work, 'passwords.json'),
			KALANSO_QUIET: '1'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	await expect
		.poll(
			async () =>
				fetch(`${ORIGIN}/healthz`).then(
					(r) => r.status,
					() => 0
				),
			{ timeout: 60_000 }
		)
		.toBe(200);
}

async function stop(): Promise<void> {
	const running = server;
	server = null;
	if (!running || running.exitCode !== null) return;
	await new Promise<void>((resolve) => {
		running.once('exit', () => resolve());
		running.kill('SIGTERM');
	});
}

const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

test.beforeAll(() => {
	// The newer app: same code, another version name, so its service worker is a new one.
	execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], {
		env: { ...process.env, KALANSO_BUILD_OUT: nextBuild, KALANSO_BUILD_VERSION: NEXT_VERSION },
		stdio: ['ignore', 'ignore', 'inherit']
	});
});

test.afterAll(async () => {
	await stop();
	rmSync(work, { recursive: true, force: true });
	rmSync(nextBuild, { recursive: true, force: true });
});

test('a newer version is offered, not forced, and accepting it reloads onto it', async ({ browser }) => {
	await serve('build');
	const context = await browser.newContext({ baseURL: ORIGIN });
	const page = await context.newPage();
	await page.goto('/');
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 60_000 });
	const before = await cacheNames(page);
	expect(before.some((n) => n.startsWith('kalanso-app-'))).toBe(true);
	expect(before).not.toContain(`kalanso-app-${NEXT_VERSION}`);
	// The first install offers nothing: there was no version to replace.
	await expect(page.getByTestId('update-prompt')).toHaveCount(0);

	// The school server is updated while the tablet keeps the page open.
	await stop();
	await serve(nextBuild);
	await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

	const prompt = page.getByTestId('update-prompt');
	await expect(prompt).toContainText('Nouvelle version de Kalanso disponible.', { timeout: 60_000 });
	// Until the student accepts, the running page stays on the old version.
	expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting))).toBe(
		true
	);

	await prompt.getByRole('button', { name: 'Recharger' }).click();
	await page.waitForEvent('load');
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting)))
		.toBe(false);
	await expect.poll(() => cacheNames(page)).toContain(`kalanso-app-${NEXT_VERSION}`);
	await expect(page.getByTestId('update-prompt')).toHaveCount(0);
	await context.close();
});
