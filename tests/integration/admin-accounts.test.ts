// Issue 19, the admin's account list at a national scale: a page of 25 accounts sorted by login, a
// search by login or name (accents and capitals ignored) and a role filter, in a fixed number of
// queries whatever the number of accounts, on SQLite and PostgreSQL. Queries are counted by a kysely
// plugin on the real database.
import { describe, expect, it } from 'vitest';
import { ACCOUNTS_PAGE_SIZE, AccountService } from '../../src/lib/server/auth/account-service';
import type { SessionUser } from '../../src/lib/server/auth/auth-service';
import { kyselyAuthRepositories } from '../../src/lib/server/auth/kysely-repositories';
import type { UserRecord } from '../../src/lib/server/auth/repositories';
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
