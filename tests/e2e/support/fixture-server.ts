/**
 * A production server of its own for one e2e file (tests/e2e/serve.js), on a port of its own, with
 * its comics folder listed as known samples (start-up seeding publishes only those) and its own
 * data folder. `kill()` ends the process the hard way (SIGKILL, as a power cut would) and
 * `start()` starts it again on the same data folder. The seeded accounts' passwords are in
 * `passwordsFile` after the first start (serve.js writes it; a restart does not seed again).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { changePassword, submitLogin, type SeededRole } from './accounts';
import { knownSamples } from './known-samples';

export interface FixtureServer {
	port: number;
	baseURL: string;
	dataDir: string;
	passwordsFile: string;
	/** Starts (again) and resolves once /healthz answers. */
	start(): Promise<void>;
	/** Kills the process (SIGKILL) and resolves once it has exited. */
	kill(): Promise<void>;
	account(role: SeededRole): { username: string; password: string };
	/**
	 * Signs `page` in on this server as a seeded role, replacing a one-time password (the admin's)
	 * with one of its own the first time; `page` may be on another origin.
	 */
	signIn(page: Page, role: SeededRole): Promise<void>;
}

/**
 * A comics folder with the fixtures' languages, curriculum and cast but no comic: start-up seeding
 * publishes nothing, so a test's own uploads and accounts are all there is.
 */
export function emptyComicsFolder(): string {
	const comics = mkdtempSync(path.join(tmpdir(), 'kalanso-empty-comics-'));
	cpSync('tests/fixtures/comics', comics, {
		recursive: true,
		filter: (source) => !existsSync(path.join(source, 'comic.json'))
	});
	return comics;
}

export async function startFixtureServer(options: {
	port: number;
	comics: string;
	/** Only these comics are known samples (default: every comic of the folder). */
	slugs?: readonly string[];
	env?: Record<string, string>;
}): Promise<FixtureServer> {
	const { port, comics } = options;
	const baseURL = `http://127.0.0.1:${port}`;
	const dataDir = mkdtempSync(path.join(tmpdir(), 'kalanso-fixture-data-'));
	const passwordsFile = path.join(tmpdir(), `kalanso-e2e-${port}-passwords.json`);
	const samples = await knownSamples(comics, options.slugs);
	let child: ChildProcess | null = null;
	let passwords: Record<string, { username: string; password: string }> | null = null;

	const server: FixtureServer = {
		port,
		baseURL,
		dataDir,
		passwordsFile,
		async start() {
			// Never test against a server left on the port by another run.
			if (
				await fetch(`${baseURL}/healthz`).then(
					() => true,
					() => false
				)
			)
				throw new Error(`fixture server: port ${port} is in use`);
			child = spawn('node', ['tests/e2e/serve.js'], {
				env: {
					...process.env,
					PORT: String(port),
					HOST: '127.0.0.1',
					KALANSO_COMICS: comics,
					KALANSO_KNOWN_SAMPLES: samples,
					KALANSO_DATA: dataDir,
					KALANSO_DEMO_PASSWORDS_FILE: passwordsFile,
					...options.env
				},
				stdio: 'inherit'
			});
			// A server that does not come up is not left behind (its port would refuse the next run).
			const up = expect
				.poll(async () => (await fetch(`${baseURL}/healthz`).catch(() => null))?.status ?? 0, {
					// First start hashes the seeded accounts' passwords: slow on a busy 2-core machine.
					timeout: 180_000
				})
				.toBe(200);
			try {
				await up;
			} catch (error) {
				await server.kill();
				throw error;
			}
			// First start: the seeded passwords (a restart removes the file and seeds nothing).
			passwords ??= JSON.parse(readFileSync(passwordsFile, 'utf8'));
		},
		async kill() {
			const running = child;
			child = null;
			if (!running || running.exitCode !== null) return;
			const exited = new Promise((resolve) => running.once('exit', resolve));
			running.kill('SIGKILL');
			await exited;
		},
		account(role) {
			if (!passwords) throw new Error('fixture server: not started');
			return passwords[role]!;
		},
		async signIn(page, role) {
			const account = server.account(role);
			await page.goto(`${baseURL}/login`);
			await submitLogin(page, account.username, account.password);
			await expect(page.locator('[data-signed-in="yes"]')).toBeVisible();
			if (new URL(page.url()).pathname === '/password') {
				const next = `${account.password}-e2e-own`;
				await changePassword(page, account.password, next);
				await expect(page).not.toHaveURL(/\/password/);
				passwords![role] = { ...account, password: next };
			}
		}
	};
	await server.start();
	return server;
}
