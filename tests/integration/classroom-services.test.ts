/**
 * The classroom service on real databases (SQLite file, and PostgreSQL when configured): rosters,
 * private notes kept from tablets, results stored once whatever the road, whole-or-nothing
 * imports, and the report read in one query.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeBundle } from '../../src/lib/domain/classroom/transfer';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import type { Quiz } from '../../src/lib/domain/quiz/schema';
import { kyselyClassroomRepositories } from '../../src/lib/server/classroom/kysely-repositories';
import { ClassroomError, ClassroomService, type QuizLookup } from '../../src/lib/server/classroom/service';
import type { Database } from '../../src/lib/server/db/schema';
import { engines, insertUsers } from './support/databases';

const VERSION = 'a'.repeat(64);
const quiz = {
	schemaVersion: 1,
	comic: 'eau',
	questions: [
		{
			id: 'q1',
			type: 'single',
			objectives: ['SMP-1'],
			prompt: { fr: '?' },
			explanation: { fr: '.' },
			options: [
				{ id: 'a', text: { fr: 'a' } },
				{ id: 'b', text: { fr: 'b' } }
			],
			answer: 'a'
		},
		{
			id: 'q2',
			type: 'true-false',
			objectives: ['SMP-2'],
			prompt: { fr: '?' },
			explanation: { fr: '.' },
			answer: false
		}
	]
} as unknown as Quiz;
const quizzes: QuizLookup = {
	async versionOf(hash) {
		return hash === VERSION ? { comic: 'eau', quiz, manifest: { pages: [] } as unknown as Manifest } : null;
	}
};

async function teachers(db: Kysely<Database>) {
	const at = '2026-10-01T00:00:00.000Z';
	await insertUsers(
		db,
		[
			{ id: 't1', role: 'teacher' },
			{ id: 't2', role: 'teacher' },
			{ id: 'ad', role: 'admin' }
		],
		at
	);
}

const t1 = { id: 't1', role: 'teacher' };
const t2 = { id: 't2', role: 'teacher' };
const admin = { id: 'ad', role: 'admin' };

function submission(classId: string, studentId: string, choice: string, at = '2026-10-05T09:00:00.000Z') {
	return {
		id: randomUUID(),
		classId,
		studentId,
		kind: 'quiz' as const,
		comic: 'eau',
		versionHash: VERSION,
		language: 'fr',
		finishedAt: at,
		answers: [
			{ question: 'q1', answer: { type: 'single' as const, choice } },
			{ question: 'q2', answer: { type: 'true-false' as const, value: false } }
		]
	};
}

for (const engine of engines) {
	describe.skipIf(!engine.available)(`classroom service on ${engine.title}`, () => {
		async function setup() {
			const { db } = await engine.open();
			await teachers(db);
			const service = new ClassroomService({
				repos: kyselyClassroomRepositories(db),
				quizzes,
				now: () => new Date('2026-10-06T10:00:00.000Z'),
				newId: () => randomUUID(),
				randomBytes: (n) => randomBytes(n)
			});
			const cls = await service.createClass(t1, { name: ' 8e  B ', grade: '8e', schoolYear: '2026-2027' });
			const awa = await service.addStudent(t1, cls.id, {
				displayName: 'Awa',
				picture: 'sun',
				privateNote: 'Awa Traoré'
			});
			const moussa = await service.addStudent(t1, cls.id, { displayName: 'Moussa', picture: 'moon' });
			return { db, service, cls, awa, moussa };
		}

		it('keeps a class to its teacher: another teacher and the admin get not-found', async () => {
			const { service, cls } = await setup();
			expect(cls.name).toBe('8e B');
			expect((await service.listClasses(t1)).map((c) => c.id)).toEqual([cls.id]);
			expect(await service.listClasses(t2)).toEqual([]);
			for (const who of [t2, admin]) {
				await expect(service.roster(who, cls.id)).rejects.toMatchObject({ code: 'not-found', status: 404 });
				await expect(service.report(who, cls.id)).rejects.toMatchObject({ code: 'not-found' });
			}
			await expect(
				service.createClass(t1, { name: 'x', grade: '6e', schoolYear: '2026-2027' })
			).rejects.toMatchObject({
				code: 'grade-unknown'
			});
		});

		it('gives tablets the roster without the private note; the teacher sees it', async () => {
			const { service, cls } = await setup();
			const info = await service.joinInfo(cls.joinCode.toLowerCase());
			expect(info.students.map((s) => s.displayName)).toEqual(['Awa', 'Moussa']);
			expect(JSON.stringify(info)).not.toContain('Traoré');
			expect((await service.roster(t1, cls.id)).find((s) => s.displayName === 'Awa')?.privateNote).toBe(
				'Awa Traoré'
			);
			await expect(service.joinInfo('ZZZZZZ')).rejects.toMatchObject({ code: 'unknown-code' });
			await expect(
				service.addStudent(t1, cls.id, { displayName: 'awa', picture: 'star' })
			).rejects.toMatchObject({
				code: 'name-taken'
			});
		});

		it('stores each uploaded result once, scored again on the server, and refuses bad ones alone', async () => {
			const { db, service, cls, awa, moussa } = await setup();
			const good = { ...submission(cls.id, awa.id, 'a'), score: 0 };
			const wrong = submission(cls.id, moussa.id, 'b');
			const unknownVersion = { ...submission(cls.id, awa.id, 'a'), versionHash: 'b'.repeat(64) };
			const stranger = submission(cls.id, 'nobody', 'a');
			const first = await service.submitFromTablet(cls.joinCode, [
				good,
				wrong,
				unknownVersion,
				stranger,
				{ id: 'x' }
			]);
			// The `score` a tablet claims is not part of a submission: refused as malformed, never trusted.
			expect(first.stored).toEqual([wrong.id]);
			expect(first.refused.map((r) => r.reason).sort()).toEqual([
				'malformed',
				'malformed',
				'unknown-student',
				'unknown-version'
			]);
			const { score: _claimed, ...clean } = good;
			const again = await service.submitFromTablet(cls.joinCode, [clean, wrong]);
			expect(again).toEqual({ stored: [clean.id], already: [wrong.id], refused: [] });
			// Retried concurrently: still once.
			const racing = await Promise.all([
				service.submitFromTablet(cls.joinCode, [clean, wrong]),
				service.submitFromTablet(cls.joinCode, [clean, wrong])
			]);
			expect(racing.flatMap((r) => r.stored)).toEqual([]);
			const rows = await db
				.selectFrom('classroom_results')
				.select(['id', 'score'])
				.orderBy('score')
				.execute();
			expect(rows.map((r) => Number(r.score))).toEqual([0.5, 1]);
			expect(await db.selectFrom('classroom_answers').select('result_id').execute()).toHaveLength(4);
		});

		it('imports a bundle whole or not at all, and refuses a tampered or foreign one', async () => {
			const { db, service, cls, awa, moussa } = await setup();
			const other = await service.createClass(t1, { name: '9e A', grade: '9e', schoolYear: '2026-2027' });
			const a = submission(cls.id, awa.id, 'a');
			await service.submitFromTablet(cls.joinCode, [a]);
			const b = submission(cls.id, moussa.id, 'b');
			const bundle = makeBundle(cls.id, cls.joinCode, [a, b]);

			const tampered = structuredClone(bundle);
			tampered.results[1]!.answers[0]!.answer = { type: 'single', choice: 'a' };
			await expect(service.importBundle(t1, cls.id, tampered, 'file')).rejects.toMatchObject({
				code: 'tampered'
			});
			await expect(service.importBundle(t1, other.id, bundle, 'qr')).rejects.toMatchObject({
				code: 'other-class'
			});
			const withUnknown = makeBundle(cls.id, cls.joinCode, [
				b,
				{ ...submission(cls.id, awa.id, 'a'), versionHash: 'c'.repeat(64) }
			]);
			const refusal = await service
				.importBundle(t1, cls.id, withUnknown, 'file')
				.catch((e: ClassroomError) => e);
			expect(refusal).toMatchObject({ code: 'results-refused', refused: [{ reason: 'unknown-version' }] });
			await expect(service.importBundle(t2, cls.id, bundle, 'file')).rejects.toMatchObject({
				code: 'not-found'
			});
			expect(await db.selectFrom('classroom_results').select('id').execute()).toEqual([{ id: a.id }]);

			expect(await service.importBundle(t1, cls.id, bundle, 'file')).toEqual({
				stored: [b.id],
				already: [a.id],
				refused: []
			});
			expect(await service.importBundle(t1, cls.id, bundle, 'qr')).toEqual({
				stored: [],
				already: [a.id, b.id],
				refused: []
			});
			expect(await db.selectFrom('classroom_results').select('id').execute()).toHaveLength(2);
		});

		it('reads a report with the same number of queries for 2 students or 40', async () => {
			const { db, service, cls, awa, moussa } = await setup();
			let queries = 0;
			const counting: KyselyPlugin = {
				transformQuery: (args) => {
					queries++;
					return args.node;
				},
				transformResult: async (args) => args.result
			};
			const counted = new ClassroomService({
				repos: kyselyClassroomRepositories(db.withPlugin(counting)),
				quizzes,
				now: () => new Date('2026-10-06T10:00:00.000Z'),
				newId: () => randomUUID(),
				randomBytes: (n) => randomBytes(n)
			});
			await service.submitFromTablet(cls.joinCode, [
				submission(cls.id, awa.id, 'a'),
				submission(cls.id, moussa.id, 'b')
			]);
			queries = 0;
			await counted.report(t1, cls.id);
			const few = queries;
			const more = [];
			for (let i = 0; i < 38; i++)
				more.push(await service.addStudent(t1, cls.id, { displayName: `Élève ${i}`, picture: 'sun' }));
			await service.submitFromTablet(
				cls.joinCode,
				more.flatMap((s) => [submission(cls.id, s.id, 'a'), submission(cls.id, s.id, 'b')])
			);
			queries = 0;
			const { report } = await counted.report(t1, cls.id);
			expect(report.students).toHaveLength(40);
			// The class, its roster, and its results joined with their answers: never one per student.
			expect(few).toBe(3);
			expect(queries).toBe(few);
		});

		it('reports per objective, student and question from the stored results', async () => {
			const { service, cls, awa, moussa } = await setup();
			await service.submitFromTablet(cls.joinCode, [
				submission(cls.id, awa.id, 'b', '2026-10-05T09:00:00.000Z'),
				submission(cls.id, awa.id, 'a', '2026-10-12T09:00:00.000Z'),
				submission(cls.id, moussa.id, 'b', '2026-10-06T09:00:00.000Z'),
				{ ...submission(cls.id, moussa.id, 'b'), kind: 'reading', answers: [] }
			]);
			const { report } = await service.report(t1, cls.id);
			expect(report.objectives).toEqual([
				{ code: 'SMP-1', assessed: 2, mastering: 1, share: 0.5 },
				{ code: 'SMP-2', assessed: 2, mastering: 2, share: 1 }
			]);
			expect(report.students.map((s) => [s.displayName, s.attempts, s.score, s.read])).toEqual([
				['Awa', 2, 1, 0],
				['Moussa', 1, 0.5, 1]
			]);
			expect(report.questions[0]).toMatchObject({
				questionId: 'q1',
				answered: 3,
				wrong: { choice: 'b', count: 2 }
			});
			expect(report.progress.map((w) => w.week)).toEqual(['2026-10-05', '2026-10-12']);
			expect(JSON.stringify(report)).not.toContain('privateNote');
		});
	});
}
