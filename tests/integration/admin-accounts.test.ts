// Issue 19, the admin's account list at a national scale: a page of 25 accounts sorted by login, a
// search by login or name (accents and capitals ignored) and a role filter, in a fixed number of
// queries whatever the number of accounts, on SQLite and PostgreSQL. Queries are counted by a kysely
// plugin on the real database.
import { describe, expect, it } from 'vitest';
import {
	ACCOUNTS_PAGE_SIZE,
	AccountService,
	accountQueryFrom
} from '../../src/lib/server/auth/account-service';
import type { SessionUser } from '../../src/lib/server/auth/auth-service';
import { kyselyAuthRepositories } from '../../src/lib/server/auth/kysely-repositories';
import type { UserRecord } from '../../src/lib/server/auth/repositories';
import { accountSearchKey } from '../../src/lib/server/auth/search-key';
import { testHasher } from '../../src/lib/server/auth/services.suite';
import type { RoleName } from '../../src/lib/server/auth/roles';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { migrations } from '../../src/lib/server/db/migrations';
import { counted } from './support/counted';
import { engines, insertUsers } from './support/databases';

const AT = '2026-03-01T00:00:00.000Z';

function user(username: string, displayName: string, role: RoleName, demo = false): UserRecord {
	return {
		id: `id-${username}`,
		username,
		displayName,
		role,
		passwordHash: 'x',
		mustChangePassword: false,
		disabled: false,
		demo,
		createdAt: AT,
		updatedAt: AT
	};
}

const admin: SessionUser = {
	id: 'id-admin',
	username: 'admin',
	displayName: 'Admin',
	role: 'admin',
	mustChangePassword: false,
	demo: false
};

for (const engine of engines) {
	describe.skipIf(!engine.available)(`admin account list on ${engine.title}`, () => {
		async function world() {
			const open = await engine.open();
			const seed = kyselyAuthRepositories(open.db);
			// 60 teachers, 3 reviewers, the admin, a demo author; inserted out of order.
			const users = [
				...Array.from({ length: 60 }, (_, i) =>
					user(`t${String(59 - i).padStart(3, '0')}`, `Enseignant ${59 - i}`, 'teacher')
				),
				user('admin', 'Admin', 'admin'),
				user('r.traore', 'Aïssata TRAORÉ', 'reviewer'),
				user('r.keita', 'Moussa Keïta', 'reviewer'),
				user('bintou', 'Bintou Traoré', 'reviewer'),
				user('demo-author', 'Démo', 'author', true)
			];
			for (const u of users) await seed.users.insert(u);
			const counter = counted(open.db);
			const accounts = new AccountService({ repos: kyselyAuthRepositories(counter.db), hasher: testHasher });
			return { open, counter, accounts, seed };
		}

		it('shows 25 accounts a page, sorted by login, each once, in two queries a page', async () => {
			const { counter, accounts } = await world();
			const seen: string[] = [];
			for (let page = 1; page <= 3; page++) {
				counter.reset();
				const result = await accounts.page(admin, { page });
				expect(counter.queries).toBe(2);
				expect(result).toMatchObject({ total: 65, page, pages: 3 });
				expect(result.items.length).toBe(page < 3 ? ACCOUNTS_PAGE_SIZE : 15);
				seen.push(...result.items.map((a) => a.username));
			}
			expect(seen.length).toBe(65);
			expect(seen).toEqual([...seen].sort());
			expect(new Set(seen).size).toBe(65);
			expect(seen.slice(0, 6)).toEqual(['admin', 'bintou', 'demo-author', 'r.keita', 'r.traore', 't000']);
			const second = await accounts.page(admin, { page: '2' });
			expect(second.items[0]!.username).toBe('t020');
			// A page past the end (accounts since removed from the search) shows the last one.
			expect(await accounts.page(admin, { page: 9 })).toMatchObject({ page: 3, pages: 3 });
		});

		it('finds accounts by words of the login or name, accents and capitals ignored', async () => {
			const { accounts, seed } = await world();
			const names = async (q: string, role: string | null = null) =>
				(await accounts.page(admin, { q, role })).items.map((a) => a.username);
			expect(await names('traore')).toEqual(['bintou', 'r.traore']);
			expect(await names('TRAORÉ aïss')).toEqual(['r.traore']);
			expect(await names('keita')).toEqual(['r.keita']);
			expect(await names('bint')).toEqual(['bintou']);
			// Words start words: "raore" is inside a word, not at its start.
			expect(await names('raore')).toEqual([]);
			expect(await names('enseignant 42')).toEqual(['t042']);
			expect((await accounts.page(admin, { q: 'enseignant' })).total).toBe(60);
			// A display name changed is found by its new words.
			expect(await names('moussa')).toEqual(['r.keita']);
			await seed.users.update('id-r.keita', { displayName: 'Awa Diarra' });
			expect(await names('diarra')).toEqual(['r.keita']);
			expect(await names('moussa')).toEqual([]);
		});

		it('keeps one role, combined with the search; an unknown role is ignored', async () => {
			const { accounts, counter } = await world();
			counter.reset();
			const reviewers = await accounts.page(admin, { role: 'reviewer' });
			expect(counter.queries).toBe(2);
			expect(reviewers).toMatchObject({ total: 3, pages: 1, role: 'reviewer' });
			expect(reviewers.items.map((a) => a.username)).toEqual(['bintou', 'r.keita', 'r.traore']);
			expect(
				(await accounts.page(admin, { role: 'reviewer', q: 'traore' })).items.map((a) => a.username)
			).toEqual(['bintou', 'r.traore']);
			expect((await accounts.page(admin, { role: 'teacher', q: 'traore' })).total).toBe(0);
			const teachers = await accounts.page(admin, { role: 'teacher', page: 3 });
			expect(teachers).toMatchObject({ total: 60, page: 3, pages: 3 });
			expect(teachers.items.map((a) => a.username)).toEqual(
				Array.from({ length: 10 }, (_, i) => `t0${50 + i}`)
			);
			expect(await accounts.page(admin, { role: 'king' })).toMatchObject({ total: 65, role: null });
		});

		it('lists the demo accounts on their own, and refuses anyone but an admin', async () => {
			const { accounts } = await world();
			expect((await accounts.demoAccounts(admin)).map((a) => a.username)).toEqual(['demo-author']);
			await expect(accounts.page({ ...admin, role: 'teacher' })).rejects.toMatchObject({ code: 'not-admin' });
			await expect(accounts.page(null)).rejects.toMatchObject({ code: 'not-admin' });
		});

		it('answers the API and the page the same 25 rows out of 3,000 accounts, in two queries', async () => {
			const open = await engine.open();
			// 3,000 accounts in a few multi-row inserts (one insert each would take minutes on PostgreSQL).
			const roles: RoleName[] = ['teacher', 'teacher', 'teacher', 'author', 'reviewer'];
			const rows = Array.from({ length: 3000 }, (_, i) => {
				const n = String(i).padStart(4, '0');
				const name = i === 2719 ? 'Fatoumata Diarra' : `Personne ${n}`;
				return {
					id: `id-${n}`,
					username: `user${n}`,
					display_name: name,
					search_key: accountSearchKey(`user${n}`, name),
					role: roles[i % roles.length]!,
					password_hash: 'x',
					must_change_password: 0,
					disabled: 0,
					demo: 0,
					created_at: AT,
					updated_at: AT
				};
			});
			for (let i = 0; i < rows.length; i += 500) {
				await open.db
					.insertInto('users')
					.values(rows.slice(i, i + 500))
					.execute();
			}
			const counter = counted(open.db);
			const accounts = new AccountService({ repos: kyselyAuthRepositories(counter.db), hasher: testHasher });
			// What GET /api/admin/users?… and /admin?… both call (routes/api/admin/users, routes/admin).
			const ask = async (query: string) => {
				counter.reset();
				const page = await accounts.page(admin, accountQueryFrom(new URLSearchParams(query)));
				return { page, queries: counter.queries };
			};

			const first = await ask('');
			expect(first.queries).toBe(2);
			expect(first.page).toMatchObject({ total: 3000, page: 1, pages: 120 });
			expect(first.page.items.map((a) => a.username)).toEqual(
				Array.from({ length: 25 }, (_, i) => `user${String(i).padStart(4, '0')}`)
			);
			for (const item of first.page.items) expect(item).not.toHaveProperty('passwordHash');

			const teachers = await ask('role=teacher&page=72');
			expect(teachers.queries).toBe(2);
			expect(teachers.page).toMatchObject({ total: 1800, page: 72, pages: 72, role: 'teacher' });
			expect(teachers.page.items).toHaveLength(25);
			expect(teachers.page.items.every((a) => a.role === 'teacher')).toBe(true);
			expect(teachers.page.items.at(-1)!.username).toBe('user2997');

			const found = await ask('q=FATOUMATA&role=reviewer');
			expect(found.queries).toBe(2);
			expect(found.page.items.map((a) => a.username)).toEqual(['user2719']);
			expect(found.page.total).toBe(1);

			// A page past the end: the last page, one more query pair, still 25 rows at most.
			const past = await ask('page=500');
			expect(past.page).toMatchObject({ page: 120, pages: 120 });
			expect(past.page.items.map((a) => a.username)).toEqual(
				Array.from({ length: 25 }, (_, i) => `user${2975 + i}`)
			);
			expect(past.queries).toBe(4);
		});

		it('finds the accounts that existed before the search was added (migration 012 folds them)', async () => {
			const open = await engine.open({ migrate: false });
			const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '012'));
			await migrateToLatest(open, before);
			await insertUsers(open.db, [
				{ id: 'old', role: 'teacher', username: 'f.coulibaly', name: 'Fatoumata Coulibaly' }
			]);
			await migrateToLatest(open);
			const accounts = new AccountService({ repos: kyselyAuthRepositories(open.db), hasher: testHasher });
			expect((await accounts.page(admin, { q: 'FATOUMATA coul' })).items.map((a) => a.id)).toEqual(['old']);
		});
	});
}
