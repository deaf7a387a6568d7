/**
 * Behaviour tests for the account services and repositories, written once and run against the
 * in-memory fakes (unit: services.test.ts) and against real SQLite and PostgreSQL databases
 * (tests/integration/auth-services.test.ts). Not a test file by itself.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { AccountError, AccountService } from './account-service';
import { AuthService, DEFAULT_SESSION, sessionIdFor, toSessionUser, type SessionUser } from './auth-service';
import { ScryptHasher } from './password';
import type { AuthRepositories } from './repositories';
import { seedFirstStart } from './seed';
import { ADDRESS_THROTTLE, DEFAULT_THROTTLE } from './throttle';

/** Cheap scrypt so that tests hash quickly; production cost is tested in password.test.ts. */
export const testHasher = new ScryptHasher({ N: 1024, r: 8, p: 1 });

const HOUR = 3_600_000;
const START = Date.parse('2026-03-01T08:00:00.000Z');

/** A clock the test moves by hand. */
export class TestClock {
	ms = START;
	now = () => new Date(this.ms);
	advance(ms: number) {
		this.ms += ms;
	}
}

interface World {
	repos: AuthRepositories;
	clock: TestClock;
	auth: AuthService;
	accounts: AccountService;
	admin: SessionUser;
	passwords: Map<string, string>;
}

export function accountServiceSuite(
	name: string,
	makeRepos: () => Promise<AuthRepositories>,
	options: { skip?: boolean } = {}
) {
	describe.skipIf(options.skip ?? false)(`account services on ${name}`, () => {
		let w: World;

		async function signIn(username: string, password: string, ip = '10.0.0.1'): Promise<SessionUser> {
			const result = await w.auth.login(username, password, ip);
			if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
			return result.user;
		}

		beforeEach(async () => {
			const repos = await makeRepos();
			const clock = new TestClock();
			const auth = new AuthService({ repos, hasher: testHasher, now: clock.now });
			const accounts = new AccountService({ repos, hasher: testHasher, now: clock.now });
			const seeded = await seedFirstStart(accounts, repos.users, true);
			const passwords = new Map(seeded.map((a) => [a.username, a.password]));
			const admin = (await repos.users.findByUsername('admin'))!;
			w = {
				repos,
				clock,
				auth,
				accounts,
				passwords,
				admin: { ...admin, mustChangePassword: false }
			};
		});

		describe('first start', () => {
			it('creates the admin with a one-time password and one demo account per role', async () => {
				const users = await w.repos.users.list();
				expect(users.map((u) => [u.username, u.role, u.mustChangePassword, u.demo])).toEqual([
					['admin', 'admin', true, false],
					['demo-author', 'author', true, true],
					['demo-reviewer', 'reviewer', true, true],
					['demo-teacher', 'teacher', true, true],
					['demo-translator', 'translator', true, true]
				]);
				for (const u of users) expect(u.passwordHash).toMatch(/^scrypt\$/);
				expect(w.passwords.get('admin')).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
			});

			it('makes demo accounts choose their own password at first sign-in, like the admin', async () => {
				const password = w.passwords.get('demo-reviewer')!;
				const first = await w.auth.login('demo-reviewer', password, '10.0.0.1');
				if (!first.ok) throw new Error('sign-in failed');
				expect(first.user).toMatchObject({ mustChangePassword: true, demo: true });
				expect(
					await w.auth.changePassword(first.user.id, password, 'la relecture de Ségou', first.token)
				).toEqual({
					ok: true
				});
				expect((await w.auth.authenticate(first.token))?.user.mustChangePassword).toBe(false);
			});

			it('does nothing when accounts exist', async () => {
				expect(await seedFirstStart(w.accounts, w.repos.users, true)).toEqual([]);
				expect(await w.repos.users.count()).toBe(5);
			});

			it('creates only the admin without the demo', async () => {
				const repos = await makeRepos();
				const accounts = new AccountService({ repos, hasher: testHasher });
				const seeded = await seedFirstStart(accounts, repos.users, false);
				expect(seeded.map((a) => a.username)).toEqual(['admin']);
			});
		});

		describe('login', () => {
			it('signs in with the right password, whatever the case of the username', async () => {
				const result = await w.auth.login('  Demo-Teacher ', w.passwords.get('demo-teacher')!, '10.0.0.1');
				expect(result.ok).toBe(true);
				if (!result.ok) return;
				expect(result.user).toMatchObject({ username: 'demo-teacher', role: 'teacher' });
				expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
				expect(result.expiresAt.getTime()).toBe(START + DEFAULT_SESSION.idleMs);
				const stored = await w.repos.sessions.find(sessionIdFor(result.token));
				expect(stored?.userId).toBe(result.user.id);
				// The token itself is not stored.
				expect(await w.repos.sessions.find(result.token)).toBeUndefined();
			});

			it.each([
				['wrong password', 'demo-teacher', 'not-the-password'],
				['unknown user', 'nobody', 'whatever-password'],
				['empty password', 'demo-teacher', ''],
				['huge password', 'demo-teacher', 'x'.repeat(10_000)]
			])('refuses a %s with the same answer', async (_case, username, password) => {
				expect(await w.auth.login(username, password, '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
			});

			it('refuses a disabled account, but only after the right password', async () => {
				const teacher = (await w.repos.users.findByUsername('demo-teacher'))!;
				await w.accounts.setDisabled(w.admin, teacher.id, true);
				expect(await w.auth.login('demo-teacher', 'wrong-password', '10.0.0.1')).toEqual({
					ok: false,
					reason: 'invalid'
				});
				expect(await w.auth.login('demo-teacher', w.passwords.get('demo-teacher')!, '10.0.0.1')).toEqual({
					ok: false,
					reason: 'disabled'
				});
			});
		});

		describe('throttling per account and address', () => {
			const max = DEFAULT_THROTTLE.maxFailures;

			async function fail(times: number, ip = '10.0.0.9', username = 'demo-author') {
				const results = [];
				for (let i = 0; i < times; i++) results.push(await w.auth.login(username, 'wrong-password', ip));
				return results;
			}

			it(`locks after ${max} failures, even for the right password, then lets in after the lock`, async () => {
				const results = await fail(max);
				expect(results.slice(0, max - 1).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
				expect(results[max - 1]).toEqual({
					ok: false,
					reason: 'throttled',
					retryAfterMs: DEFAULT_THROTTLE.lockMs
				});

				w.clock.advance(60_000);
				const locked = await w.auth.login('demo-author', w.passwords.get('demo-author')!, '10.0.0.9');
				expect(locked).toEqual({
					ok: false,
					reason: 'throttled',
					retryAfterMs: DEFAULT_THROTTLE.lockMs - 60_000
				});

				w.clock.advance(DEFAULT_THROTTLE.lockMs);
				expect((await w.auth.login('demo-author', w.passwords.get('demo-author')!, '10.0.0.9')).ok).toBe(
					true
				);
			});

			it('does not lock the same account from another address, nor another account', async () => {
				await fail(max);
				expect((await w.auth.login('demo-author', w.passwords.get('demo-author')!, '10.0.0.10')).ok).toBe(
					true
				);
				expect((await w.auth.login('demo-reviewer', w.passwords.get('demo-reviewer')!, '10.0.0.9')).ok).toBe(
					true
				);
			});

			it('forgets failures after a success and after the window', async () => {
				await fail(max - 1);
				await signIn('demo-author', w.passwords.get('demo-author')!, '10.0.0.9');
				const again = await fail(max - 1);
				expect(again.every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
				w.clock.advance(DEFAULT_THROTTLE.windowMs);
				const afterWindow = await fail(max - 1);
				expect(afterWindow.every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
			});

			it(`slows one address guessing many usernames (${ADDRESS_THROTTLE.maxFailures} failures)`, async () => {
				for (let i = 0; i < ADDRESS_THROTTLE.maxFailures - 1; i++) {
					expect(await w.auth.login(`guess-${i}`, 'wrong-password', '10.0.0.66')).toEqual({
						ok: false,
						reason: 'invalid'
					});
				}
				expect(await w.auth.login('guess-last', 'wrong-password', '10.0.0.66')).toMatchObject({
					reason: 'throttled'
				});
				// Even a real account from that address waits; other addresses do not.
				expect(await w.auth.login('demo-author', w.passwords.get('demo-author')!, '10.0.0.66')).toMatchObject(
					{
						reason: 'throttled'
					}
				);
				expect((await w.auth.login('demo-author', w.passwords.get('demo-author')!, '10.0.0.67')).ok).toBe(
					true
				);
			});

			it('counts unknown usernames too', async () => {
				const results = await fail(max, '10.0.0.9', 'nobody');
				expect(results[max - 1]).toMatchObject({ ok: false, reason: 'throttled' });
			});
		});

		describe('sessions', () => {
			async function token(username = 'demo-reviewer') {
				const result = await w.auth.login(username, w.passwords.get(username)!, '10.0.0.1');
				if (!result.ok) throw new Error('sign-in failed');
				return result.token;
			}

			it('authenticates a live session and ignores unknown tokens', async () => {
				const t = await token();
				expect((await w.auth.authenticate(t))?.user.username).toBe('demo-reviewer');
				expect(await w.auth.authenticate('not-a-token')).toBeNull();
				expect(await w.auth.authenticate('')).toBeNull();
			});

			it('expires after the idle time and deletes the row', async () => {
				const t = await token();
				w.clock.advance(DEFAULT_SESSION.idleMs);
				expect(await w.auth.authenticate(t)).toBeNull();
				expect(await w.repos.sessions.find(sessionIdFor(t))).toBeUndefined();
			});

			it('renews when less than half the idle time is left, up to the absolute lifetime', async () => {
				const t = await token();
				w.clock.advance(HOUR);
				expect((await w.auth.authenticate(t))?.renewed).toBe(false);
				w.clock.advance(DEFAULT_SESSION.idleMs / 2);
				const renewed = await w.auth.authenticate(t);
				expect(renewed?.renewed).toBe(true);
				expect(renewed?.expiresAt.getTime()).toBe(w.clock.ms + DEFAULT_SESSION.idleMs);
				// Kept alive by use, it still ends at the absolute lifetime.
				while (w.clock.ms < START + DEFAULT_SESSION.absoluteMs - HOUR) {
					w.clock.advance(DEFAULT_SESSION.idleMs / 2 + 1);
					if (w.clock.ms >= START + DEFAULT_SESSION.absoluteMs) break;
					expect(await w.auth.authenticate(t)).not.toBeNull();
				}
				w.clock.ms = START + DEFAULT_SESSION.absoluteMs;
				expect(await w.auth.authenticate(t)).toBeNull();
			});

			it('ends on logout', async () => {
				const t = await token();
				await w.auth.logout(t);
				expect(await w.auth.authenticate(t)).toBeNull();
			});

			it('ends when the account is disabled, and stays refused after re-enabling', async () => {
				const t = await token();
				const reviewer = (await w.repos.users.findByUsername('demo-reviewer'))!;
				await w.accounts.setDisabled(w.admin, reviewer.id, true);
				expect(await w.auth.authenticate(t)).toBeNull();
				await w.accounts.setDisabled(w.admin, reviewer.id, false);
				expect(await w.auth.authenticate(t)).toBeNull();
			});

			it('purges expired sessions and throttle records that lock nothing any more', async () => {
				await token('demo-author');
				await token('demo-reviewer');
				for (let i = 0; i < DEFAULT_THROTTLE.maxFailures; i++) {
					await w.auth.login('demo-teacher', 'wrong-password', '10.0.0.7');
				}
				w.clock.advance(DEFAULT_SESSION.idleMs + 1);
				// Two keys per address: the account's and the address-wide one.
				expect(await w.auth.purge()).toEqual({ sessions: 2, throttle: 2 });
				expect(await w.auth.purge()).toEqual({ sessions: 0, throttle: 0 });
			});

			it('keeps a throttle record while its lock runs', async () => {
				const auth = new AuthService({
					repos: w.repos,
					hasher: testHasher,
					now: w.clock.now,
					throttle: { maxFailures: 2, windowMs: 1000, lockMs: 10_000 },
					addressThrottle: { maxFailures: 100, windowMs: 1000, lockMs: 1000 }
				});
				const right = w.passwords.get('demo-teacher')!;
				await auth.login('demo-teacher', 'wrong-password', '10.0.0.7');
				await auth.login('demo-teacher', 'wrong-password', '10.0.0.7');
				w.clock.advance(2000);
				// The window is over for both; only the address-wide record (not locked) goes.
				expect((await auth.purge()).throttle).toBe(1);
				expect(await auth.login('demo-teacher', right, '10.0.0.7')).toMatchObject({ reason: 'throttled' });
				w.clock.advance(10_000);
				expect((await auth.purge()).throttle).toBe(1);
				expect((await auth.login('demo-teacher', right, '10.0.0.7')).ok).toBe(true);
			});
		});

		describe('admin actions', () => {
			it('disables every demo account in one action, signing them out and logging each', async () => {
				const teacher = await w.auth.login('demo-teacher', w.passwords.get('demo-teacher')!, '10.0.0.1');
				if (!teacher.ok) throw new Error('sign-in failed');
				const real = await w.accounts.create(w.admin, {
					username: 'a.keita',
					displayName: 'A. Keïta',
					role: 'reviewer'
				});
				const disabled = await w.accounts.disableDemoAccounts(w.admin);
				expect(disabled.map((a) => a.username)).toEqual([
					'demo-author',
					'demo-reviewer',
					'demo-teacher',
					'demo-translator'
				]);
				const users = await w.repos.users.list();
				expect(users.filter((u) => u.disabled).map((u) => u.username)).toEqual([
					'demo-author',
					'demo-reviewer',
					'demo-teacher',
					'demo-translator'
				]);
				expect((await w.repos.users.findById(real.account.id))?.disabled).toBe(false);
				expect(await w.auth.authenticate(teacher.token)).toBeNull();
				const reviewer = users.find((u) => u.username === 'demo-reviewer')!;
				expect(
					(await w.repos.events.listForUser(reviewer.id)).map((e) => [e.action, e.actorId])
				).toContainEqual(['disabled', w.admin.id]);
				// Nothing left to do the second time; only an admin may do it.
				expect(await w.accounts.disableDemoAccounts(w.admin)).toEqual([]);
				await expect(w.accounts.disableDemoAccounts(toSessionUser(reviewer))).rejects.toMatchObject({
					code: 'not-admin'
				});
			});

			it('creates an account with a one-time password that must be changed', async () => {
				const { account, password } = await w.accounts.create(w.admin, {
					username: 'A.Traore',
					displayName: ' Aminata Traoré ',
					role: 'teacher'
				});
				expect(account).toMatchObject({
					username: 'a.traore',
					displayName: 'Aminata Traoré',
					role: 'teacher',
					mustChangePassword: true,
					disabled: false,
					demo: false
				});
				const user = await signIn('a.traore', password);
				expect(user.mustChangePassword).toBe(true);
				expect((await w.repos.events.listForUser(account.id)).map((e) => [e.action, e.actorId])).toEqual([
					['created', w.admin.id]
				]);
			});

			it.each([
				['username-invalid', { username: 'a', displayName: 'X', role: 'teacher' }],
				['username-invalid', { username: 'a b', displayName: 'X', role: 'teacher' }],
				['username-invalid', { username: '-dash', displayName: 'X', role: 'teacher' }],
				['display-name-invalid', { username: 'ok-name', displayName: '  ', role: 'teacher' }],
				['display-name-invalid', { username: 'ok-name', displayName: 'x'.repeat(81), role: 'teacher' }],
				['role-invalid', { username: 'ok-name', displayName: 'X', role: 'student' }],
				['username-taken', { username: 'DEMO-AUTHOR', displayName: 'X', role: 'author' }]
			])('refuses %s: %o', async (code, input) => {
				await expect(w.accounts.create(w.admin, input)).rejects.toMatchObject({ code });
				expect(await w.repos.users.count()).toBe(5);
			});

			it('refuses every admin action to a non-admin', async () => {
				const teacher = await signIn('demo-teacher', w.passwords.get('demo-teacher')!);
				const err = { code: 'not-admin', status: 403 };
				await expect(w.accounts.page(teacher)).rejects.toMatchObject(err);
				await expect(w.accounts.page(null)).rejects.toMatchObject(err);
				await expect(
					w.accounts.create(teacher, { username: 'x-y', displayName: 'X', role: 'admin' })
				).rejects.toMatchObject(err);
				await expect(w.accounts.resetPassword(teacher, w.admin.id)).rejects.toMatchObject(err);
				await expect(w.accounts.setDisabled(teacher, w.admin.id, true)).rejects.toMatchObject(err);
			});

			it('resets a password: old one stops working, sessions end, new one is one-time', async () => {
				const author = (await w.repos.users.findByUsername('demo-author'))!;
				const oldPassword = w.passwords.get('demo-author')!;
				const before = await w.auth.login('demo-author', oldPassword, '10.0.0.1');
				const { password } = await w.accounts.resetPassword(w.admin, author.id);
				expect(password).not.toBe(oldPassword);
				if (before.ok) expect(await w.auth.authenticate(before.token)).toBeNull();
				expect((await w.auth.login('demo-author', oldPassword, '10.0.0.1')).ok).toBe(false);
				expect((await signIn('demo-author', password)).mustChangePassword).toBe(true);
				expect((await w.repos.events.listForUser(author.id)).map((e) => e.action)).toContain(
					'password-reset'
				);
			});

			it('disables and enables, logging both', async () => {
				const teacher = (await w.repos.users.findByUsername('demo-teacher'))!;
				expect((await w.accounts.setDisabled(w.admin, teacher.id, true)).disabled).toBe(true);
				expect((await w.repos.users.findById(teacher.id))?.disabled).toBe(true);
				expect((await w.accounts.setDisabled(w.admin, teacher.id, false)).disabled).toBe(false);
				const actions = (await w.repos.events.listForUser(teacher.id)).map((e) => e.action).sort();
				expect(actions).toEqual(['created', 'disabled', 'enabled']);
			});

			it('refuses to disable oneself or the last enabled admin, and unknown ids', async () => {
				await expect(w.accounts.setDisabled(w.admin, w.admin.id, true)).rejects.toMatchObject({
					code: 'self-disable',
					status: 409
				});
				const { account } = await w.accounts.create(w.admin, {
					username: 'second-admin',
					displayName: 'Second',
					role: 'admin'
				});
				const second: SessionUser = { ...account, mustChangePassword: false };
				// Two admins: the second may disable the first…
				await w.accounts.setDisabled(second, w.admin.id, false);
				await expect(w.accounts.setDisabled(second, w.admin.id, true)).resolves.toMatchObject({
					disabled: true
				});
				// The last enabled admin: only reachable with a stale actor (a disabled admin has no
				// session), so the service check is a backstop; exercise it directly.
				await w.accounts.setDisabled(second, w.admin.id, false);
				await w.accounts.setDisabled(w.admin, second.id, true);
				await expect(w.accounts.setDisabled(second, w.admin.id, true)).rejects.toMatchObject({
					code: 'last-admin'
				});
				await expect(w.accounts.resetPassword(w.admin, 'no-such-id')).rejects.toBeInstanceOf(AccountError);
				await expect(w.accounts.setDisabled(w.admin, 'no-such-id', true)).rejects.toMatchObject({
					code: 'not-found',
					status: 404
				});
			});

			it('lists accounts without password hashes', async () => {
				const list = (await w.accounts.page(w.admin)).items;
				expect(list.map((a) => a.username)).toEqual([
					'admin',
					'demo-author',
					'demo-reviewer',
					'demo-teacher',
					'demo-translator'
				]);
				for (const a of list) expect(a).not.toHaveProperty('passwordHash');
			});
		});

		describe('own password', () => {
			it('replaces a one-time password, keeps the current session and ends the others', async () => {
				const adminPassword = w.passwords.get('admin')!;
				const first = await w.auth.login('admin', adminPassword, '10.0.0.1');
				const second = await w.auth.login('admin', adminPassword, '10.0.0.2');
				if (!first.ok || !second.ok) throw new Error('sign-in failed');
				expect(first.user.mustChangePassword).toBe(true);
				const result = await w.auth.changePassword(
					first.user.id,
					adminPassword,
					'a much longer one',
					first.token
				);
				expect(result).toEqual({ ok: true });
				expect((await w.auth.authenticate(first.token))?.user.mustChangePassword).toBe(false);
				expect(await w.auth.authenticate(second.token)).toBeNull();
				expect((await w.auth.login('admin', 'a much longer one', '10.0.0.1')).ok).toBe(true);
			});

			it.each([
				['wrong-current', 'not-it', 'a much longer one'],
				['too-short', null, 'short'],
				['too-long', null, 'x'.repeat(201)],
				['same-as-current', null, null],
				// NIST SP 800-63B: common, repeated, sequential and keyboard-walk passwords…
				['common', null, 'aaaaaaaaaa'],
				['common', null, '0123456789'],
				['common', null, 'azertyuiop'],
				['common', null, 'password1234'],
				// …and ones made of the user name.
				['username', null, 'demo-author2026'],
				['username', null, 'Demo-Author!!']
			])('refuses %s', async (reason, current, next) => {
				const password = w.passwords.get('demo-author')!;
				const user = await signIn('demo-author', password);
				const result = await w.auth.changePassword(user.id, current ?? password, next ?? password);
				expect(result).toEqual({ ok: false, reason });
			});
		});
	});
}
