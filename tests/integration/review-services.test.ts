import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/schema';
import { kyselyReviewRepositories } from '../../src/lib/server/review/kysely-repositories';
import { reviewServiceSuite, SUITE_USERS } from '../../src/lib/server/review/services.suite';
import { engines } from './support/databases';

async function withUsers(db: Kysely<Database>) {
	const at = '2026-03-01T00:00:00.000Z';
	for (const [username, u] of Object.entries(SUITE_USERS)) {
		await db
			.insertInto('users')
			.values({
				id: u.id,
				username,
				display_name: u.name,
				role: u.role,
				password_hash: 'x',
				must_change_password: 0,
				disabled: 0,
				demo: 0,
				created_at: at,
				updated_at: at
			})
			.execute();
	}
	return db;
}

// The same behaviour tests as the unit run on fakes, on real databases.
for (const engine of engines) {
	reviewServiceSuite(
		engine.title,
		async () => kyselyReviewRepositories(await withUsers((await engine.open()).db)),
		{ skip: !engine.available }
	);

	describe.skipIf(!engine.available)(`review audit log on ${engine.title}`, () => {
		it('is append-only in the database itself', async () => {
			const { db } = await engine.open();
			await withUsers(db);
			const repos = kyselyReviewRepositories(db);
			await repos.audit.append({
				id: 'a1',
				at: '2026-03-01T08:00:00.000Z',
				actorId: SUITE_USERS.reviewer.id,
				action: 'comment',
				comicId: 'tiny',
				versionHash: 'f'.repeat(64),
				fromState: null,
				toState: null,
				detail: { commentId: 'c1' }
			});
			await expect(sql`update review_audit set action = 'approve'`.execute(db)).rejects.toThrow(
				/append-only/
			);
			await expect(sql`delete from review_audit`.execute(db)).rejects.toThrow(/append-only/);
			expect((await repos.audit.list({ comicId: 'tiny' })).map((a) => a.action)).toEqual(['comment']);
		});
	});
}
