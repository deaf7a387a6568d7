import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

/**
 * Server start as `npm start` runs it (hooks.server.ts `init` → startPlatform), on a fresh data
 * folder that does not exist yet. Modules are reset between runs: the database is a per-process
 * singleton, and each run is a new "process".
 */
const base = mkdtempSync(path.join(tmpdir(), 'kalanso-start-'));
afterEach(async () => {
	const { database } = await import('../../src/lib/server/db/server');
	await (await database()).close();
	vi.unstubAllEnvs();
	vi.restoreAllMocks();
	vi.resetModules();
});

async function start(env: Record<string, string>) {
	return (await startWithWarnings(env)).out;
}

/** Starts like `start` and also returns what was printed as warnings. */
async function startWithWarnings(env: Record<string, string>) {
	vi.stubEnv('HOST', '127.0.0.1');
	for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
	vi.stubEnv('DATABASE_URL', '');
	const log = vi.spyOn(console, 'log').mockImplementation(() => {});
	const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
	const { startPlatform } = await import('../../src/lib/server/auth/startup');
	await startPlatform();
	const text = (spy: typeof log) => spy.mock.calls.map((c) => c.join(' ')).join('\n');
	return { out: text(log), warnings: text(warn) };
}

describe('first start', () => {
	const data = path.join(base, 'fresh', 'data');
	const passwords = path.join(base, 'passwords.json');

	it('creates the data folder and database, and prints every seeded account once', async () => {
		const out = await start({
			KALANSO_DATA: data,
			KALANSO_QUIET: '0',
			KALANSO_DEMO_PASSWORDS_FILE: passwords
		});
		expect(existsSync(path.join(data, 'kalanso.db'))).toBe(true);
		expect(out).toContain('passwords are shown ONCE');
		const file = JSON.parse(readFileSync(passwords, 'utf8'));
		expect(Object.keys(file).sort()).toEqual(['admin', 'author', 'reviewer', 'teacher', 'translator']);
		for (const role of Object.keys(file)) {
			expect(out).toContain(file[role].username);
			expect(out).toContain(file[role].password);
		}
		expect(statSync(passwords).mode & 0o777).toBe(0o600);
	});

	it('prints nothing and creates nothing on the next start', async () => {
		const before = readFileSync(passwords, 'utf8');
		const out = await start({
			KALANSO_DATA: data,
			KALANSO_QUIET: '0',
			KALANSO_DEMO_PASSWORDS_FILE: passwords
		});
		expect(out).toBe('');
		expect(readFileSync(passwords, 'utf8')).toBe(before);
	});

	it('with KALANSO_QUIET=1 still seeds, but prints one line without passwords', async () => {
		const quietData = path.join(base, 'quiet');
		const out = await start({ KALANSO_DATA: quietData, KALANSO_QUIET: '1' });
		expect(out).toMatch(/^\[kalanso\] first start: 5 accounts created/);
		expect(out).not.toMatch(/[a-z2-9]{4}-[a-z2-9]{4}-/);
	});

	it('with KALANSO_DEMO=0 creates only the admin', async () => {
		const out = await start({
			KALANSO_DATA: path.join(base, 'nodemo'),
			KALANSO_QUIET: '0',
			KALANSO_DEMO: '0'
		});
		expect(out).toContain('admin');
		expect(out).not.toContain('demo-author');
	});
});

describe('demo accounts on a server other machines can reach', () => {
	const data = path.join(base, 'exposed');

	it('seeds them with one-time passwords, printed as such', async () => {
		const out = await start({ KALANSO_DATA: data, KALANSO_QUIET: '0' });
		for (const name of ['demo-author', 'demo-reviewer', 'demo-teacher'])
			expect(out).toMatch(
				new RegExp(`${name} .*\\(demo\\)  \\(one-time: choose a new one at first sign-in\\)`)
			);
	});

	it.each(['0.0.0.0', '::', '192.168.1.20'])('warns at start-up when listening on %s', async (host) => {
		const { warnings } = await startWithWarnings({ KALANSO_DATA: data, HOST: host });
		expect(warnings).toContain(`WARNING: Kalanso listens on ${host}`);
		expect(warnings).toContain('DEMO accounts are enabled: demo-author, demo-reviewer, demo-teacher');
		expect(warnings).toContain('disable all demo accounts');
	});

	it.each(['127.0.0.1', 'localhost', '::1'])('says nothing on the loopback address %s', async (host) => {
		expect((await startWithWarnings({ KALANSO_DATA: data, HOST: host })).warnings).toBe('');
	});

	it('says nothing once the demo accounts are disabled', async () => {
		await start({ KALANSO_DATA: data });
		const { authServices } = await import('../../src/lib/server/auth/server');
		const { accounts, repos } = await authServices();
		const admin = (await repos.users.findByUsername('admin'))!;
		await accounts.disableDemoAccounts({ ...admin, mustChangePassword: false });
		// A new "process": close this one's database first.
		const { database } = await import('../../src/lib/server/db/server');
		await (await database()).close();
		vi.resetModules();
		expect((await startWithWarnings({ KALANSO_DATA: data, HOST: '0.0.0.0' })).warnings).toBe('');
	});

	it('says nothing without demo accounts (KALANSO_DEMO=0)', async () => {
		const { warnings } = await startWithWarnings({
			KALANSO_DATA: path.join(base, 'exposed-nodemo'),
			KALANSO_DEMO: '0',
			HOST: '0.0.0.0'
		});
		expect(warnings).toBe('');
	});
});

afterAll(() => rmSync(base, { recursive: true, force: true }));
