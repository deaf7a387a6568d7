import { dataDir } from '../db/connection';
import { database } from '../db/server';
import {
	demoExposureWarning,
	formatSeededAccounts,
	seedFirstStart,
	writePasswordsFile,
	type SeededAccount
} from './seed';
import { authServices } from './server';

const HOUSEKEEPING_MS = 60 * 60_000;
let housekeeping: ReturnType<typeof setInterval> | undefined;

/**
 * Server start for the platform: opens and migrates the database, and on the very first start
 * creates the admin (one-time password) and the demo accounts, printing their passwords once.
 *
 * Environment: `KALANSO_DEMO=0` creates only the admin; `KALANSO_QUIET=1` (tests) prints a one-line
 * note instead of the block (accounts are still created); `KALANSO_DEMO_PASSWORDS_FILE` also writes
 * the passwords to that file (mode 0600) for tests. On every start, when `HOST` lets other machines
 * in while demo accounts are enabled, prints a warning saying how to disable them.
 */
export async function startPlatform(env: NodeJS.ProcessEnv = process.env): Promise<void> {
	const open = await database();
	const { accounts, repos, auth } = await authServices();
	const seeded = await seedFirstStart(accounts, repos.users, env.KALANSO_DEMO !== '0');
	await auth.purge();
	// Expired sessions and old throttle records would otherwise pile up on a server that runs for
	// months; unref() so this timer never keeps a process (or a test) alive.
	housekeeping ??= setInterval(() => {
		auth.purge().catch((error: unknown) => console.error('[kalanso] housekeeping failed:', error));
	}, HOUSEKEEPING_MS);
	housekeeping.unref();
	if (seeded.length > 0) printSeeded(env, seeded, open.engine === 'sqlite' ? dataDir(env) : 'PostgreSQL');
	// adapter-node listens on HOST, every interface (0.0.0.0) by default.
	const activeDemo = (await repos.users.listDemo()).filter((u) => !u.disabled).map((u) => u.username);
	const warning = demoExposureWarning(env.HOST ?? '0.0.0.0', activeDemo);
	if (warning) console.warn(warning);
}

function printSeeded(env: NodeJS.ProcessEnv, seeded: SeededAccount[], where: string): void {
	if (env.KALANSO_DEMO_PASSWORDS_FILE) writePasswordsFile(env.KALANSO_DEMO_PASSWORDS_FILE, seeded);
	if (env.KALANSO_QUIET === '1') {
		console.log(`[kalanso] first start: ${seeded.length} accounts created in ${where}`);
	} else {
		console.log(formatSeededAccounts(seeded));
	}
}
