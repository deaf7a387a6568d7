import { writeFileSync } from 'node:fs';
import type { AccountService } from './account-service';
import type { UserRepository } from './repositories';
import type { RoleName } from './roles';

/** An account created at first start, with its password (held only long enough to show it once). */
export interface SeededAccount {
	username: string;
	displayName: string;
	role: RoleName;
	password: string;
	/**
	 * Every seeded password is one-time: the admin's and the demo accounts' (they are printed in the
	 * log, and a demo reviewer's approvals are signed with the server's real key).
	 */
	mustChangePassword: boolean;
	demo: boolean;
}

/** The demo accounts, one per role besides the admin. Other features refer to these usernames. */
export const DEMO_ACCOUNTS: readonly { username: string; displayName: string; role: RoleName }[] = [
	{ username: 'demo-author', displayName: 'Auteur (démo)', role: 'author' },
	{ username: 'demo-reviewer', displayName: 'Relecteur MEN (démo)', role: 'reviewer' },
	{ username: 'demo-teacher', displayName: 'Enseignant (démo)', role: 'teacher' },
	{ username: 'demo-translator', displayName: 'Traducteur (démo)', role: 'translator' }
];
export const ADMIN_USERNAME = 'admin';

/**
 * On a database with no account at all: creates the admin with a one-time password and, unless
 * `withDemo` is false, the demo accounts. Returns what was created (empty when accounts existed), so
 * the caller prints the passwords once. Runs through the same service as the admin pages.
 */
export async function seedFirstStart(
	accounts: AccountService,
	users: UserRepository,
	withDemo: boolean
): Promise<SeededAccount[]> {
	if ((await users.count()) > 0) return [];
	const created: SeededAccount[] = [];
	const admin = await accounts.create(
		null,
		{ username: ADMIN_USERNAME, displayName: 'Administrateur', role: 'admin' },
		{ system: true, mustChangePassword: true }
	);
	created.push({ ...admin.account, password: admin.password, mustChangePassword: true, demo: false });
	if (withDemo) {
		for (const demo of DEMO_ACCOUNTS) {
			const made = await accounts.create(null, demo, { system: true, demo: true, mustChangePassword: true });
			created.push({ ...made.account, password: made.password, mustChangePassword: true, demo: true });
		}
	}
	return created;
}

/** The block printed once on first start: who can sign in with what. */
export function formatSeededAccounts(seeded: readonly SeededAccount[]): string {
	const width = Math.max(...seeded.map((a) => a.username.length), 8);
	const lines = [
		'┌──────────────────────────────────────────────────────────────────────────',
		'│ Kalanso: first start. Accounts created; passwords are shown ONCE, write them down now.',
		'│'
	];
	for (const a of seeded) {
		const note = `${a.demo ? '  (demo)' : ''}${a.mustChangePassword ? '  (one-time: choose a new one at first sign-in)' : ''}`;
		lines.push(`│   ${a.username.padEnd(width)}  ${a.role.padEnd(8)}  ${a.password}${note}`);
	}
	lines.push(
		'│',
		'│ Sign in at /login. Demo accounts are for trying Kalanso: disable them on a real server',
		'│ (admin page), or start with KALANSO_DEMO=0 to create only the admin.',
		'└──────────────────────────────────────────────────────────────────────────'
	);
	return lines.join('\n');
}

/**
 * Writes the seeded passwords as JSON `{ [role]: { username, password } }` with mode 0600, for tests
 * that must sign in as a seeded account (the e2e server sets `KALANSO_DEMO_PASSWORDS_FILE`). Chosen
 * over a fixed demo password: a fixed password would be the same on every real server started with
 * the demo flag, while this file exists only where someone asked for it.
 */
export function writePasswordsFile(file: string, seeded: readonly SeededAccount[]): void {
	const byRole = Object.fromEntries(
		seeded.map((a) => [a.role, { username: a.username, password: a.password }])
	);
	writeFileSync(file, JSON.stringify(byRole, null, 2) + '\n', { mode: 0o600 });
}

/** `HOST` values that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
	const bare = host
		.trim()
		.toLowerCase()
		.replace(/^\[|\]$/g, '');
	return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * The start-up warning for a server that other machines can reach while demo accounts are still
 * enabled, or null when there is nothing to say. Demo accounts are for trying Kalanso: a demo
 * reviewer's approvals are signed with the server's real key and reach students' tablets.
 */
export function demoExposureWarning(host: string, activeDemo: readonly string[]): string | null {
	if (activeDemo.length === 0 || isLoopbackHost(host)) return null;
	return [
		'┌──────────────────────────────────────────────────────────────────────────',
		`│ WARNING: Kalanso listens on ${host || 'every interface'}, reachable from other machines, and these`,
		`│ DEMO accounts are enabled: ${activeDemo.join(', ')}.`,
		'│ Anyone who signs in with one can act on this server (a demo reviewer approves content for',
		"│ students with the server's real signing key). Before going live: sign in as admin, open",
		'│ /admin and disable all demo accounts with its one button (or start afresh with KALANSO_DEMO=0).',
		'└──────────────────────────────────────────────────────────────────────────'
	].join('\n');
}
