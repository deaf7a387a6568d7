// The admin's audit log (issue 11, gap 6): content decisions and account events in one list,
// filtered by action, actor, comic and date, on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import {
	AUDIT_CHOICES_MAX,
	auditComicChoices,
	auditCursorFrom,
	auditFilterFrom,
	readAuditLog
} from '../../src/lib/server/review/audit-log';
import { counted } from './support/counted';
import { kyselyReviewRepositories } from '../../src/lib/server/review/kysely-repositories';
import { engines, insertUsers } from './support/databases';

const at = '2026-03-01T00:00:00.000Z';
const users = [
	{ id: 'u-admin', username: 'admin', display_name: 'Aminata Admin', role: 'admin' },
	{ id: 'u-rev', username: 'rev', display_name: 'Fatou Relectrice', role: 'reviewer' },
	{ id: 'u-auth', username: 'auth', display_name: 'Awa Autrice', role: 'author' }
] as const;

for (const engine of engines) {
	describe.skipIf(!engine.available)(`audit log on ${engine.title}`, () => {
		it('lists content decisions and account events newest first, filtered', async () => {
			const { db } = await engine.open();
			await insertUsers(
				db,
				users.map((u) => ({ id: u.id, role: u.role, username: u.username, name: u.display_name })),
				at
			);
			const repos = kyselyReviewRepositories(db);
			const hash = 'a'.repeat(64);
			await db
				.insertInto('review_versions')
				.values({
					version_hash: hash,
					comic_id: 'trente-jours',
					author_id: 'u-auth',
					state: 'published',
					source: 'upload',
					parent_hash: null,
					demo: 0,
					approval: null,
					approved_by: null,
					approved_at: null,
					created_at: at,
					updated_at: at
				})
				.execute();
			const content = (id: string, when: string, action: 'approve' | 'publish' | 'submit', actor: string) =>
				repos.audit.append({
					id,
					at: when,
					actorId: actor,
					action,
					comicId: 'trente-jours',
					versionHash: hash,
					fromState: null,
					toState: null,
					detail: {}
				});
			await content('c1', '2026-03-02T09:00:00.000Z', 'submit', 'u-auth');
			await content('c2', '2026-03-03T09:00:00.000Z', 'approve', 'u-rev');
			await content('c3', '2026-03-04T09:00:00.000Z', 'publish', 'u-rev');
			await db
				.insertInto('account_events')
				.values([
					{
						id: 'e1',
						at: '2026-03-01T08:00:00.000Z',
						actor_id: 'u-admin',
						action: 'created',
						user_id: 'u-rev'
					},
					{
						id: 'e2',
						at: '2026-03-03T12:00:00.000Z',
						actor_id: 'u-admin',
						action: 'disabled',
						user_id: 'u-auth'
					}
				])
				.execute();

			const ids = async (query: string) =>
				(await readAuditLog(db, auditFilterFrom(new URLSearchParams(query)))).entries.map((e) => e.id);
			expect(await ids('')).toEqual(['c3', 'e2', 'c2', 'c1', 'e1']);
			expect(await ids('action=approve')).toEqual(['c2']);
			expect(await ids('action=disabled')).toEqual(['e2']);
			expect(await ids('actor=u-rev')).toEqual(['c3', 'c2']);
			expect(await ids('actor=u-admin')).toEqual(['e2', 'e1']);
			// The actor field shows and suggests logins: a login (any capitals) filters as its id does.
			expect(await ids('actor=rev')).toEqual(['c3', 'c2']);
			expect(await ids('actor=ADMIN')).toEqual(['e2', 'e1']);
			expect(await ids('actor=nobody')).toEqual([]);
			expect(await ids('comic=trente-jours')).toEqual(['c3', 'c2', 'c1']);
			expect(await ids('from=2026-03-03&to=2026-03-03')).toEqual(['e2', 'c2']);
			expect(await ids('from=not-a-date')).toHaveLength(5);

			const log = await readAuditLog(db, {});
			expect(log.names['u-rev']).toBe('Fatou Relectrice');
			expect(await auditComicChoices(db, '')).toEqual(['trente-jours']);
			expect((await readAuditLog(db, { actorId: 'rev' })).actor).toEqual({
				id: 'u-rev',
				username: 'rev',
				name: 'Fatou Relectrice'
			});
			expect(log.entries.find((e) => e.id === 'e2')).toMatchObject({ kind: 'account', userId: 'u-auth' });
		});

		it('costs the same with 3,000 accounts and 2,000 comics: names of the page only, a few suggestions', async () => {
			const { db } = await engine.open();
			const accounts = Array.from({ length: 3000 }, (_, i) => ({
				id: `u${i}`,
				username: `user${String(i).padStart(4, '0')}`,
				display_name: `Personne ${i}`,
				search_key: ` user${i}`,
				role: 'teacher' as const,
				password_hash: 'x',
				must_change_password: 0,
				disabled: 0,
				demo: i === 7 ? 1 : 0,
				created_at: at,
				updated_at: at
			}));
			for (let i = 0; i < accounts.length; i += 500) {
				await db
					.insertInto('users')
					.values(accounts.slice(i, i + 500))
					.execute();
			}
			const comics = Array.from({ length: 2000 }, (_, i) => ({
				version_hash: i.toString(16).padStart(64, '0'),
				comic_id: `${i % 2 ? 'trente' : 'eau'}-${String(i).padStart(4, '0')}`,
				author_id: 'u1',
				state: 'published',
				source: 'upload',
				parent_hash: null,
				demo: 0,
				approval: null,
				approved_by: null,
				approved_at: null,
				created_at: at,
				updated_at: at
			}));
			for (let i = 0; i < comics.length; i += 200) {
				await db
					.insertInto('review_versions')
					.values(comics.slice(i, i + 200))
					.execute();
			}
			// Two account events, by the demo account, on two accounts.
			await db
				.insertInto('account_events')
				.values([
					{ id: 'e1', at: '2026-03-02T08:00:00.000Z', actor_id: 'u7', action: 'created', user_id: 'u8' },
					{ id: 'e2', at: '2026-03-03T08:00:00.000Z', actor_id: 'u7', action: 'disabled', user_id: 'u9' }
				])
				.execute();
			const counter = counted(db);
			const log = await readAuditLog(counter.db, {});
			// The page's names only: three accounts, not 3,000; no list of every comic or actor.
			expect(Object.keys(log.names).sort()).toEqual(['u7', 'u8', 'u9']);
			expect(log.demo).toEqual(['u7']);
			expect(log).not.toHaveProperty('comics');
			expect(log).not.toHaveProperty('actors');
			// Two tables read, one name lookup.
			expect(counter.queries).toBe(3);

			const choices = await auditComicChoices(db, 'TRENTE-00');
			expect(choices).toHaveLength(AUDIT_CHOICES_MAX);
			expect(choices[0]).toBe('trente-0001');
			expect(choices.every((c) => c.startsWith('trente-00'))).toBe(true);
			expect(await auditComicChoices(db, 'eau-1998')).toEqual(['eau-1998']);
			expect(await auditComicChoices(db, 'x%')).toEqual([]);
			expect(await auditComicChoices(db, '')).toHaveLength(AUDIT_CHOICES_MAX);
		});

		it('reaches older entries a page at a time, each once, through the `older` cursor', async () => {
			const { db } = await engine.open();
			await insertUsers(
				db,
				users.map((u) => ({ id: u.id, role: u.role, username: u.username, name: u.display_name })),
				at
			);
			// Seven account events, two of them at the same instant (ordered by id).
			const events = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'].map((id, i) => ({
				id,
				at: `2026-03-0${i === 4 ? 4 : i + 1}T08:00:00.000Z`,
				actor_id: 'u-admin',
				action: i % 2 ? 'disabled' : 'enabled',
				user_id: 'u-auth'
			}));
			await db.insertInto('account_events').values(events).execute();
			const walk = async (query: string) => {
				const pages: string[][] = [];
				let older: string | null = null;
				do {
					const log: Awaited<ReturnType<typeof readAuditLog>> = await readAuditLog(
						db,
						auditFilterFrom(new URLSearchParams(query)),
						3,
						auditCursorFrom(older)
					);
					pages.push(log.entries.map((e) => e.id));
					older = log.older;
				} while (older && pages.length < 10);
				return pages;
			};
			expect(await walk('')).toEqual([['e7', 'e6', 'e5'], ['e4', 'e3', 'e2'], ['e1']]);
			expect(await walk('action=enabled')).toEqual([['e7', 'e5', 'e3'], ['e1']]);
			expect(await walk('action=disabled')).toEqual([['e6', 'e4', 'e2']]);
			expect(auditCursorFrom('not a cursor')).toBeUndefined();
		});
	});
}
