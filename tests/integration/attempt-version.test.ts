/**
 * A quiz attempt taken on a tablet records the comic version (content hash) it was taken on, and
 * that version is what reaches the server's results table, on SQLite and PostgreSQL: the tablet
 * may update the comic between the quiz and the upload (the teacher's results must still say
 * which version the answers were given on). Attempts stored before the version was recorded still
 * go, with the version on the tablet at upload time (as before).
 */
import 'fake-indexeddb/auto';
import { randomBytes, randomUUID } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import type { QuizPayload } from '../../src/lib/domain/quiz/payload';
import type { Quiz } from '../../src/lib/domain/quiz/schema';
import { SHUFFLE_ALGORITHM } from '../../src/lib/domain/quiz/shuffle';
import { kyselyClassroomRepositories } from '../../src/lib/server/classroom/kysely-repositories';
import { ClassroomError, ClassroomService } from '../../src/lib/server/classroom/service';
import { openPacksDb } from '../../src/lib/offline/db';
import { openLearnerStore } from '../../src/lib/offline/learners';
import { flush, sweep } from '../../src/lib/offline/outbox';
import { QuizPlayer } from '../../src/lib/state/quiz-player.svelte';
import { engines, insertUsers } from './support/databases';

/** The version the quiz was taken on, and the one the tablet has by the time it uploads. */
const TAKEN_ON = 'a'.repeat(64);
const UPDATED = 'b'.repeat(64);
const quiz = {
	schemaVersion: 1,
	comic: 'eau',
	questions: [
		{
			id: 'q1',
			type: 'true-false',
			objectives: ['SMP-1'],
			prompt: { fr: 'L’eau du puits se boit ?' },
			explanation: { fr: 'Non : il faut la traiter.' },
			answer: false
		}
	]
} as unknown as Quiz;
const manifest = { id: 'eau', title: { fr: 'Eau' }, pages: [] } as unknown as Manifest;
const payload: QuizPayload = { quiz, objectives: {} };

beforeEach(() => {
	globalThis.indexedDB = new IDBFactory();
});

for (const engine of engines) {
	describe.skipIf(!engine.available)(`${engine.title}: quiz attempts keep their comic version`, () => {
		it('the version an attempt was taken on is the one stored on the server; an old attempt still goes', async () => {
			const { db } = await engine.open();
			await insertUsers(db, [{ id: 't1', role: 'teacher', name: 'T' }], '2026-10-01T00:00:00Z');
			const service = new ClassroomService({
				repos: kyselyClassroomRepositories(db),
				quizzes: {
					async versionOf(hash) {
						return hash === TAKEN_ON || hash === UPDATED ? { comic: 'eau', quiz, manifest } : null;
					}
				},
				now: () => new Date(),
				newId: () => randomUUID(),
				randomBytes: (n) => randomBytes(n)
			});
			const teacher = { id: 't1', role: 'teacher' };
			const cls = await service.createClass(teacher, { name: '8e B', grade: '8e', schoolYear: '2026-2027' });
			const awa = await service.addStudent(teacher, cls.id, { displayName: 'Awa', picture: 'sun' });
			// The server as a fetch: the tablet now has the UPDATED version of the comic.
			const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
				if (String(input).includes('/version')) return Response.json({ versionHash: UPDATED });
				const body = JSON.parse(String(init!.body)) as { code: string; results: unknown[] };
				try {
					return Response.json(await service.submitFromTablet(body.code, body.results));
				} catch (e) {
					if (e instanceof ClassroomError) return Response.json({ code: e.code }, { status: e.status });
					throw e;
				}
			}) as typeof fetch;

			const learners = await openLearnerStore();
			const added = await learners.addProfile({ displayName: 'Awa', picture: 'sun' }, new Date());
			const profile = await learners.linkRoster(added.id, {
				classId: cls.id,
				studentId: awa.id,
				classCode: cls.joinCode,
				className: cls.name,
				linkedAt: '2026-10-05T08:00:00.000Z'
			});
			const clock = { at: Date.parse('2026-10-06T09:00:00Z') };
			const deps = { store: learners, now: () => new Date((clock.at += 1000)), newSeed: () => 7 };

			// An attempt stored by an older app, without its version (answered wrong).
			const old = await learners.startAttempt(
				{
					profileId: profile.id,
					comic: 'eau',
					quizVersion: 1,
					language: 'fr',
					seed: 1,
					shuffle: SHUFFLE_ALGORITHM,
					questionIds: ['q1']
				},
				deps.now()
			);
			await learners.recordAnswer({
				attemptId: old.id,
				questionId: 'q1',
				answer: { type: 'true-false', value: true },
				credit: 0,
				verdict: 'wrong',
				answeredAt: deps.now().toISOString()
			});
			await learners.finishAttempt(old.id, 0, deps.now());

			// The quiz taken now, on the version the reader opened (TAKEN_ON).
			const player = await QuizPlayer.open(payload, { manifest, versionHash: TAKEN_ON }, profile, 'fr', deps);
			// It shows the finished old attempt first; "try again" starts the new one.
			expect(player.attempt.id).toBe(old.id);
			await player.retry('fr');
			expect(player.attempt.id).not.toBe(old.id);
			await player.check({ type: 'true-false', value: false });
			expect(player.record?.verdict).toBe('right');
			await player.next();
			expect(player.finished).toBe(true);
			expect((await learners.getAttempt(player.attempt.id))?.versionHash).toBe(TAKEN_ON);

			// Upload after the tablet updated the comic.
			const packs = await openPacksDb();
			expect(await sweep(packs, learners, new Date(), fetcher)).toBe(2);
			expect(await flush(packs, fetcher, () => new Date())).toEqual({ sent: 2, refused: 0, failed: false });

			const rows = await db
				.selectFrom('classroom_results')
				.select(['id', 'version_hash', 'score'])
				.orderBy('finished_at')
				.execute();
			expect(rows.map((r) => [r.id, r.version_hash, Number(r.score)])).toEqual([
				[old.id, UPDATED, 0],
				[player.attempt.id, TAKEN_ON, 1]
			]);
			packs.close();
			learners.close();
		});
	});
}
