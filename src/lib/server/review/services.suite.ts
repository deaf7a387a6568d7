/**
 * Behaviour tests for the review workflow, written once and run on the in-memory fakes (unit:
 * services.test.ts) and on real SQLite and PostgreSQL (tests/integration/review-services.test.ts).
 * Not a test file by itself.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewAction } from '../../domain/review/lifecycle';
import { rubricCriteria } from '../../domain/review/rubric';
import { verifySignedVersion } from '../../domain/signing/verify';
import { contentChecks } from '../content/checks';
import { loadLanguages } from '../content/comic-folder';
import { BlobStore } from '../store/blobs';
import { prepareFromFolder } from '../store/prepare';
import { VersionStore, type PreparedVersion } from '../store/versions';
import { ephemeralSigner, type Signer } from './keys';
import type { ReviewRepositories } from './repositories';
import { ReviewError, ReviewService, type ReviewUser } from './service';

const FIXTURES = path.resolve('tests/fixtures/comics');

/** The accounts the suite acts as; the database variants create these users first. */
export const SUITE_USERS = {
	author: { id: '00000000-0000-4000-8000-00000000000a', role: 'author', name: 'Awa Author' },
	author2: { id: '00000000-0000-4000-8000-00000000000b', role: 'author', name: 'Bakary Author' },
	reviewer: { id: '00000000-0000-4000-8000-00000000000c', role: 'reviewer', name: 'Fatou Reviewer' },
	reviewer2: { id: '00000000-0000-4000-8000-00000000000d', role: 'reviewer', name: 'Issa Reviewer' },
	admin: { id: '00000000-0000-4000-8000-00000000000e', role: 'admin', name: 'Admin' },
	teacher: { id: '00000000-0000-4000-8000-00000000000f', role: 'teacher', name: 'Teacher' }
} as const satisfies Record<string, ReviewUser & { name: string }>;

const START = Date.parse('2026-03-01T08:00:00.000Z');

export function reviewServiceSuite(
	name: string,
	makeRepos: () => Promise<ReviewRepositories>,
	options: { skip?: boolean } = {}
) {
	describe.skipIf(options.skip ?? false)(`review services on ${name}`, () => {
		const { author, author2, reviewer, reviewer2, admin, teacher } = SUITE_USERS;
		let dir: string;
		let repos: ReviewRepositories;
		let store: VersionStore;
		let signer: Signer;
		let service: ReviewService;
		let tiny: PreparedVersion;
		let clock: number;

		const validation = async () => ({
			languages: await loadLanguages(FIXTURES),
			checks: await contentChecks(FIXTURES)
		});
		const make = (trusted = [signer.key]) =>
			new ReviewService({
				repos,
				store,
				signer,
				trusted,
				validation,
				now: () => new Date((clock += 1000))
			});

		async function expectRefused(promise: Promise<unknown>, status: number, code: string) {
			const error = await promise.then(
				() => null,
				(e: unknown) => e
			);
			expect(error, `expected ${status} ${code}`).toBeInstanceOf(ReviewError);
			expect({ status: (error as ReviewError).status, code: (error as ReviewError).code }).toEqual({
				status,
				code
			});
			expect((error as ReviewError).message.length).toBeGreaterThan(15);
		}

		async function rateAll(hash: string, by: ReviewUser = reviewer) {
			const doc = (await service.detail(by, hash)).document;
			for (const c of rubricCriteria(doc.manifest.languages.map((l) => l.tag))) {
				await service.rate(by, hash, c, 'meets');
			}
		}

		async function submitted(): Promise<string> {
			const { version } = await service.importVersion(author, tiny, { source: 'folder' });
			await service.act(author, version.versionHash, 'submit');
			return version.versionHash;
		}

		beforeEach(async () => {
			clock = START;
			dir = await mkdtemp(path.join(tmpdir(), 'kalanso-review-'));
			repos = await makeRepos();
			store = new VersionStore(new BlobStore(path.join(dir, 'blobs')));
			signer = ephemeralSigner();
			service = make();
			const prepared = await prepareFromFolder(path.join(FIXTURES, 'tiny'), await loadLanguages(FIXTURES));
			if (!prepared.ok) throw new Error(JSON.stringify(prepared.issues));
			tiny = prepared.version;
		});

		afterEach(async () => {
			await rm(dir, { recursive: true, force: true });
		});

		it('imports a version as a draft identified by its hash, idempotently for its author', async () => {
			const first = await service.importVersion(author, tiny, { source: 'folder' });
			expect(first).toMatchObject({
				created: true,
				version: { state: 'draft', comicId: 'tiny', versionHash: tiny.versionHash }
			});
			const again = await service.importVersion(author, tiny, { source: 'folder' });
			expect(again.created).toBe(false);
			expect(Object.keys(tiny.document.assets)).toContain('art/page-1.webp');
			await expectRefused(
				service.importVersion(author2, tiny, { source: 'upload' }),
				409,
				'duplicate-version'
			);
			await expectRefused(
				service.importVersion(reviewer, tiny, { source: 'upload' }),
				403,
				'role-not-allowed'
			);
		});

		it('keeps a comic with its author: another author cannot add versions to it', async () => {
			await service.importVersion(author, tiny, { source: 'folder' });
			const { version } = await service.importVersion(author, tiny, { source: 'folder' });
			const edited = await service.editTexts(author, version.versionHash, [
				{ target: 'p1-1-b1', language: 'fr', text: 'Bonjour Moussa, salut !' }
			]);
			expect(edited.parentHash).toBe(version.versionHash);
			await expectRefused(
				service.editTexts(author2, version.versionHash, [{ target: 'p1-1-b1', language: 'fr', text: 'x' }]),
				403,
				'not-your-version'
			);
		});

		it('runs the whole workflow: submit, comment on a bubble, request changes, fix, approve (signed), publish', async () => {
			const v1 = await submitted();
			const comment = await service.comment(
				reviewer,
				v1,
				{ kind: 'bubble', bubbleId: 'p1-1-b1', language: 'bm' },
				'« Musa » : écrire « Musa » avec la majuscule et le point.'
			);
			await service.act(reviewer, v1, 'request_changes');

			// The author sees the comment in place on their version.
			const seen = await service.detail(author, v1);
			expect(seen.comments).toEqual([{ ...comment, outdated: false }]);
			expect(seen.version.state).toBe('changes_requested');
			expect(seen.names[reviewer.id]).toBeTruthy();

			const v2 = (
				await service.editTexts(author, v1, [{ target: 'p1-1-b1', language: 'bm', text: 'I ni ce, Musa!' }])
			).versionHash;
			expect(v2).not.toBe(v1);
			await service.act(author, v2, 'submit');

			// The reviewer sees what changed since the version they last reviewed.
			const review = await service.detail(reviewer, v2);
			expect(review.since?.versionHash).toBe(v1);
			expect(review.since?.changes).toEqual([
				expect.objectContaining({
					scope: 'bubble',
					id: 'p1-1-b1',
					texts: { bm: { before: 'I ni ce Musa!', after: 'I ni ce, Musa!' } }
				})
			]);
			expect(review.actions).toEqual(['request_changes', 'approve', 'reject']);
			// The comment on the earlier version carries over, still open, pointing at its bubble.
			expect(review.comments).toEqual([{ ...comment, outdated: false }]);

			await rateAll(v2);
			const approved = await service.act(reviewer, v2, 'approve');
			expect(approved.state).toBe('approved');
			expect(approved.approval).toMatchObject({ comicId: 'tiny', versionHash: v2, keyId: signer.key.id });
			const doc = (await store.load(v2))!;
			expect(verifySignedVersion({ document: doc, approval: approved.approval }, [signer.key]).ok).toBe(true);

			expect(await service.published()).toEqual([]);
			await service.act(reviewer, v2, 'publish');
			const published = await service.published();
			expect(published.map((p) => p.version.versionHash)).toEqual([v2]);
			expect(
				(await service.publishedComic('tiny'))?.document.manifest.pages[0]!.panels[0]!.bubbles[0]!.text.bm
			).toBe('I ni ce, Musa!');
		});

		it('writes every transition and comment to the audit log, with who and when', async () => {
			const v1 = await submitted();
			await service.comment(reviewer, v1, { kind: 'panel', panelId: 'p1-2' }, 'Case trop chargée.');
			await rateAll(v1);
			await service.act(reviewer, v1, 'approve');
			await service.act(admin, v1, 'publish');
			await service.act(admin, v1, 'withdraw', 'Erreur factuelle signalée');
			const log = (await service.detail(reviewer, v1)).audit;
			const actions = log
				.filter((a) => a.action !== 'rate')
				.map((a) => [a.action, a.actorId, a.fromState, a.toState]);
			expect(actions).toEqual([
				['import', author.id, null, 'draft'],
				['submit', author.id, 'draft', 'in_review'],
				['comment', reviewer.id, null, null],
				['approve', reviewer.id, 'in_review', 'approved'],
				['publish', admin.id, 'approved', 'published'],
				['withdraw', admin.id, 'published', 'withdrawn']
			]);
			expect(log.filter((a) => a.action === 'rate')).toHaveLength(rubricCriteria(['fr', 'en', 'bm']).length);
			expect(log.at(-1)!.detail).toEqual({ reason: 'Erreur factuelle signalée' });
			const times = log.map((a) => a.at);
			expect([...times].sort()).toEqual(times);
			expect(await service.published()).toEqual([]);
		});

		const refusals: Array<[string, (hash: string) => Promise<unknown>, number, string]> = [
			['a teacher approves', (h) => service.act(teacher, h, 'approve'), 403, 'role-not-allowed'],
			['an admin approves', (h) => service.act(admin, h, 'approve'), 403, 'role-not-allowed'],
			['an author approves', (h) => service.act(author, h, 'approve'), 403, 'role-not-allowed'],
			['another author submits', (h) => service.act(author2, h, 'submit'), 403, 'not-your-version'],
			['the author submits twice', (h) => service.act(author, h, 'submit'), 409, 'illegal-transition'],
			[
				'a reviewer publishes before approval',
				(h) => service.act(reviewer, h, 'publish'),
				409,
				'illegal-transition'
			],
			[
				'a reviewer withdraws before approval',
				(h) => service.act(reviewer, h, 'withdraw'),
				409,
				'illegal-transition'
			],
			[
				'a reviewer approves without the rubric',
				(h) => service.act(reviewer, h, 'approve'),
				409,
				'not-approvable'
			],
			[
				'an author comments',
				(h) => service.comment(author, h, { kind: 'comic' }, 'hello'),
				403,
				'role-not-allowed'
			],
			[
				'a comment on a missing bubble',
				(h) => service.comment(reviewer, h, { kind: 'bubble', bubbleId: 'zz' }, 'x'),
				400,
				'unknown-target'
			],
			[
				'an empty comment',
				(h) => service.comment(reviewer, h, { kind: 'comic' }, '   '),
				400,
				'comment-length'
			],
			[
				'a rating of an unknown line',
				(h) => service.rate(reviewer, h, 'language_quality:ff', 'meets'),
				400,
				'unknown-criterion'
			],
			['a rating that is not one', (h) => service.rate(reviewer, h, 'age_fit', 'great'), 400, 'bad-rating'],
			['an author rates', (h) => service.rate(author, h, 'age_fit', 'meets'), 403, 'role-not-allowed'],
			['another author reads it', (h) => service.detail(author2, h), 403, 'not-your-version'],
			['an unknown version', () => service.act(reviewer, 'f'.repeat(64), 'approve'), 404, 'not-found']
		];
		it.each(refusals)('refuses when %s', async (_name, attempt, status, code) => {
			const hash = await submitted();
			await expectRefused(attempt(hash), status, code);
		});

		it('refuses comments and approval once decided', async () => {
			const hash = await submitted();
			await service.act(reviewer, hash, 'reject', 'Hors programme');
			await expectRefused(
				service.comment(reviewer, hash, { kind: 'comic' }, 'late'),
				409,
				'not-under-review'
			);
			await expectRefused(service.rate(reviewer, hash, 'age_fit', 'meets'), 409, 'not-under-review');
			for (const action of ['approve', 'request_changes', 'publish', 'submit'] as ReviewAction[]) {
				const who = action === 'submit' ? author : reviewer;
				await expectRefused(service.act(who, hash, action), 409, 'illegal-transition');
			}
		});

		it('refuses an edit that leaves a language declared complete without text, as comics:check does', async () => {
			const { version } = await service.importVersion(author, tiny, { source: 'folder' });
			const error = await service
				.editTexts(author, version.versionHash, [{ target: 'p1-2-b2', language: 'en', text: '' }])
				.catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ReviewError);
			expect(error).toMatchObject({ status: 400, code: 'content-refused' });
			expect((error as ReviewError).issues).toContainEqual(
				expect.objectContaining({
					code: 'completeMissingBubble',
					path: '$.pages[0].panels[1].bubbles[1].text'
				})
			);
			expect((await service.versionsOf('tiny')).map((v) => v.versionHash)).toEqual([version.versionHash]);
		});

		it('cannot approve a version whose narration is stale in a language declared complete', async () => {
			const { version } = await service.importVersion(author, tiny, { source: 'folder' });
			const stale = await service.editTexts(author, version.versionHash, [
				{ target: 'p1-1-b1', language: 'fr', text: 'Bonjour Moussa, bonsoir !' }
			]);
			await service.act(author, stale.versionHash, 'submit');
			await rateAll(stale.versionHash);
			const detail = await service.detail(reviewer, stale.versionHash);
			expect(detail.readiness.blockers).toEqual([
				{ rowId: 'p1-1-b1', language: 'fr', what: 'narration-stale' }
			]);
			await expectRefused(service.act(reviewer, stale.versionHash, 'approve'), 409, 'not-approvable');
		});

		it('cannot approve with a rubric line that fails', async () => {
			const hash = await submitted();
			await rateAll(hash);
			await service.rate(reviewer, hash, 'fairness_gender', 'fails', 'Only boys speak');
			await expectRefused(service.act(reviewer, hash, 'approve'), 409, 'not-approvable');
		});

		it('lets only one of two simultaneous decisions win', async () => {
			const hash = await submitted();
			await rateAll(hash);
			const results = await Promise.allSettled([
				service.act(reviewer, hash, 'approve'),
				service.act(reviewer2, hash, 'reject')
			]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
			expect(['changed-meanwhile', 'illegal-transition']).toContain((refused.reason as ReviewError).code);
		});

		it('publishing a new version withdraws the previous published one', async () => {
			const v1 = await submitted();
			await rateAll(v1);
			await service.act(reviewer, v1, 'approve');
			await service.act(reviewer, v1, 'publish');
			const v2 = (
				await service.editTexts(author, v1, [
					{ target: 'p1-1', language: 'fr', text: 'Awa devant la mairie de Sikoro.' }
				])
			).versionHash;
			await service.act(author, v2, 'submit');
			await rateAll(v2, reviewer2);
			await service.act(reviewer2, v2, 'approve');
			await service.act(reviewer2, v2, 'publish');
			expect((await service.published()).map((p) => p.version.versionHash)).toEqual([v2]);
			const log = (await service.detail(reviewer, v1)).audit.at(-1)!;
			expect(log).toMatchObject({
				action: 'withdraw',
				actorId: null,
				detail: { reason: 'superseded', by: v2 }
			});
		});

		it('shows students only versions whose signature verifies', async () => {
			const hash = await submitted();
			await rateAll(hash);
			await service.act(reviewer, hash, 'approve');
			await service.act(reviewer, hash, 'publish');
			expect(await service.published()).toHaveLength(1);
			// A server that does not trust the signing key (unknown key) shows nothing.
			expect(await make([ephemeralSigner().key]).published()).toEqual([]);
			// A version document altered on disk no longer matches its hash: left out.
			const file = store.blobs.path(hash);
			const text = await readFile(file, 'utf8');
			await writeFile(file, text.replace('Bonjour Moussa', 'Bonjour Mousa'));
			expect(await make().published()).toEqual([]);
		});

		it('carries comments over to the next version, open or resolved, and lets the author resolve them', async () => {
			const v1 = await submitted();
			const onBubble = await service.comment(
				reviewer,
				v1,
				{ kind: 'bubble', bubbleId: 'p1-1-b1', language: 'fr' },
				'Trop long pour un élève de 7e.'
			);
			const onPanel = await service.comment(reviewer, v1, { kind: 'panel', panelId: 'p1-2' }, 'Case sombre.');
			await service.act(reviewer, v1, 'request_changes');
			const v2 = (
				await service.editTexts(author, v1, [
					{ target: 'p1-1-b1', language: 'fr', text: 'Bonjour Moussa, ça va ?' }
				])
			).versionHash;
			// The author sees both comments on the new draft, from the earlier version, open.
			const onDraft = await service.detail(author, v2);
			expect(onDraft.comments.map((c) => [c.id, c.versionHash, c.resolvedAt, c.outdated])).toEqual([
				[onBubble.id, v1, null, false],
				[onPanel.id, v1, null, false]
			]);
			const resolved = await service.resolveComment(author, v2, onBubble.id, true);
			expect(resolved).toMatchObject({ resolvedBy: author.id });
			await service.act(author, v2, 'submit');
			const forReviewer = await service.detail(reviewer2, v2);
			const byId = new Map(forReviewer.comments.map((c) => [c.id, c]));
			expect(byId.get(onBubble.id)).toMatchObject({ resolvedBy: author.id, versionHash: v1 });
			expect(byId.get(onPanel.id)?.resolvedAt).toBeNull();
			// A reviewer may reopen it; the audit log keeps both acts.
			await service.resolveComment(reviewer2, v2, onBubble.id, false);
			expect(
				(await service.detail(reviewer2, v2)).comments.find((c) => c.id === onBubble.id)?.resolvedAt
			).toBeNull();
			const acts = (await service.detail(reviewer2, v2)).audit.map((a) => a.action);
			expect(acts).toEqual(expect.arrayContaining(['resolve_comment', 'reopen_comment']));
			// The earlier version does not show comments written later; another author may not resolve.
			await expectRefused(service.resolveComment(author2, v2, onPanel.id, true), 403, 'not-your-version');
			await expectRefused(service.resolveComment(reviewer, v2, 'nope', true), 404, 'comment-not-found');
		});

		it('saves the whole rubric at once, or nothing when one line is wrong', async () => {
			const hash = await submitted();
			const criteria = (await service.detail(reviewer, hash)).rubricCriteria;
			await expectRefused(
				service.rateAll(reviewer, hash, [
					{ criterion: criteria[0]!, rating: 'meets' },
					{ criterion: criteria[1]!, rating: 'excellent' }
				]),
				400,
				'bad-rating'
			);
			expect((await service.detail(reviewer, hash)).rubric).toEqual([]);
			const saved = await service.rateAll(
				reviewer,
				hash,
				criteria.map((criterion, i) => ({ criterion, rating: 'meets', note: i === 0 ? ' Clair. ' : '' }))
			);
			expect(saved).toHaveLength(criteria.length);
			const detail = await service.detail(reviewer, hash);
			expect(detail.rubric.map((r) => r.criterion).sort()).toEqual([...criteria].sort());
			expect(detail.rubric.find((r) => r.criterion === criteria[0])?.note).toBe('Clair.');
			expect(detail.readiness.rubric.unrated).toEqual([]);
			await expectRefused(service.rateAll(author, hash, []), 403, 'role-not-allowed');
		});

		it('lets an author delete a draft never submitted, and nothing else', async () => {
			const { version } = await service.importVersion(author, tiny, { source: 'folder' });
			expect((await service.detail(author, version.versionHash)).deletable).toBe(true);
			await expectRefused(service.deleteVersion(author2, version.versionHash), 403, 'not-your-version');
			await expectRefused(service.deleteVersion(reviewer, version.versionHash), 403, 'role-not-allowed');
			await service.deleteVersion(author, version.versionHash);
			await expectRefused(service.detail(author, version.versionHash), 404, 'not-found');
			expect((await service.authorVersions(author)).items).toEqual([]);
			// Submitted once: it stays, whatever happened since.
			const hash = await submitted();
			expect((await service.detail(author, hash)).deletable).toBe(false);
			await expectRefused(service.deleteVersion(author, hash), 409, 'not-deletable');
			await service.act(reviewer, hash, 'request_changes');
			await expectRefused(service.deleteVersion(author, hash), 409, 'not-deletable');
		});

		it('shows reviewers submitted versions only, and queues them by how long they have waited', async () => {
			const { version: draft } = await service.importVersion(author, tiny, { source: 'folder' });
			await expectRefused(service.detail(reviewer, draft.versionHash), 403, 'not-submitted');
			await expectRefused(service.detail(admin, draft.versionHash), 403, 'not-submitted');
			expect((await service.queue()).versions).toEqual([]);
			const first = await submitted();
			const second = (
				await service.editTexts(author, first, [
					{ target: 'p1-1-b1', language: 'fr', text: 'Bonjour Moussa, ça va ?' }
				])
			).versionHash;
			await service.act(author, second, 'submit');
			const queue = await service.queue();
			expect(queue.groups.in_review.items.map((v) => v.versionHash)).toEqual([first, second]);
			const item = queue.groups.in_review.items[0]!;
			expect(item.title.fr).toBe("Petite BD d'essai");
			expect(item.languages).toEqual(['fr', 'en', 'bm']);
			expect(Date.parse(item.waitingSince)).toBeGreaterThan(Date.parse(item.createdAt));
			expect(queue.names[author.id]).toBe(author.name);
			expect(queue.groups.in_review).toMatchObject({ total: 2, page: 1, pages: 1 });
		});
	});
}
