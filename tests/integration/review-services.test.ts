import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { rubricCriteria } from '../../src/lib/domain/review/rubric';
import { contentChecks } from '../../src/lib/server/content/checks';
import { loadLanguages } from '../../src/lib/server/content/comic-folder';
import type { Database } from '../../src/lib/server/db/schema';
import { ephemeralSigner } from '../../src/lib/server/review/keys';
import { kyselyReviewRepositories } from '../../src/lib/server/review/kysely-repositories';
import { ReviewService } from '../../src/lib/server/review/service';
import { reviewServiceSuite, SUITE_USERS } from '../../src/lib/server/review/services.suite';
import { BlobStore } from '../../src/lib/server/store/blobs';
import { prepareFromFolder } from '../../src/lib/server/store/prepare';
import { VersionStore } from '../../src/lib/server/store/versions';
import { engines, insertUsers, type TestDatabase } from './support/databases';

const FIXTURES = path.resolve('tests/fixtures/comics');

/** Makes the database refuse audit entries of one action, as a full disk or a lost connection would. */
async function breakAudit(open: TestDatabase, action: string): Promise<void> {
	if (open.engine === 'sqlite') {
		await sql
			.raw(
				`CREATE TRIGGER audit_down_${action} BEFORE INSERT ON review_audit WHEN NEW.action = '${action}' ` +
					`BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END`
			)
			.execute(open.db);
	} else {
		await sql
			.raw(
				`CREATE FUNCTION audit_down_${action}() RETURNS trigger AS $$ BEGIN ` +
					`IF NEW.action = '${action}' THEN RAISE EXCEPTION 'audit log unavailable'; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql`
			)
			.execute(open.db);
		await sql
			.raw(
				`CREATE TRIGGER audit_down_${action} BEFORE INSERT ON review_audit FOR EACH ROW EXECUTE FUNCTION audit_down_${action}()`
			)
			.execute(open.db);
	}
}

async function withUsers(db: Kysely<Database>) {
	await insertUsers(
		db,
		Object.entries(SUITE_USERS).map(([username, u]) => ({ ...u, username }))
	);
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

	describe.skipIf(!engine.available)(`review decisions and their audit entries on ${engine.title}`, () => {
		it('stores no decision when its audit entry cannot be written (approve, publish and the withdrawal it causes)', async () => {
			const open = await engine.open();
			await withUsers(open.db);
			const dir = await mkdtemp(path.join(tmpdir(), 'kalanso-tx-'));
			try {
				const repos = kyselyReviewRepositories(open.db);
				const signer = ephemeralSigner();
				const service = new ReviewService({
					repos,
					store: new VersionStore(new BlobStore(path.join(dir, 'blobs'))),
					signer,
					trusted: [signer.key],
					validation: async () => ({
						languages: await loadLanguages(FIXTURES),
						checks: await contentChecks(FIXTURES)
					})
				});
				const { author, reviewer } = SUITE_USERS;
				const prepared = await prepareFromFolder(path.join(FIXTURES, 'tiny'), await loadLanguages(FIXTURES));
				if (!prepared.ok) throw new Error('tiny fixture invalid');
				const submitted = async (hash: string) => {
					await service.act(author, hash, 'submit');
					for (const c of rubricCriteria(['fr', 'en', 'bm'])) await service.rate(reviewer, hash, c, 'meets');
				};
				const v1 = (await service.importVersion(author, prepared.version, { source: 'folder' })).version
					.versionHash;
				await submitted(v1);

				await breakAudit(open, 'approve');
				await expect(service.act(reviewer, v1, 'approve')).rejects.toThrow(/audit log unavailable/);
				expect(await repos.versions.get(v1)).toMatchObject({ state: 'in_review', approval: null });
				expect((await repos.audit.list({ versionHash: v1 })).map((a) => a.action)).not.toContain('approve');

				await sql
					.raw('DROP TRIGGER audit_down_approve' + (open.engine === 'sqlite' ? '' : ' ON review_audit'))
					.execute(open.db);
				await service.act(reviewer, v1, 'approve');
				await service.act(reviewer, v1, 'publish');

				// A second version: publishing it withdraws v1; if the withdrawal's entry fails, nothing moves.
				const v2 = (
					await service.editTexts(author, v1, [
						{ target: 'p1-1', language: 'fr', text: 'Awa arrive devant la mairie.' }
					])
				).versionHash;
				await submitted(v2);
				await service.act(reviewer, v2, 'approve');
				await breakAudit(open, 'withdraw');
				await expect(service.act(reviewer, v2, 'publish')).rejects.toThrow(/audit log unavailable/);
				expect((await repos.versions.get(v2))?.state).toBe('approved');
				expect((await repos.versions.get(v1))?.state).toBe('published');
				expect((await repos.audit.list({ versionHash: v2 })).map((a) => a.action)).not.toContain('publish');
			} finally {
				await rm(dir, { recursive: true, force: true });
			}
		});
	});
}
