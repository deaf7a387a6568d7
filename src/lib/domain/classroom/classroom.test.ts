import { describe, expect, it } from 'vitest';
import type { Quiz } from '../quiz/schema';
import {
	classProblem,
	isJoinCode,
	joinCodeFrom,
	normalizeClassInput,
	normalizeJoinCode,
	rosterProblem,
	schoolYearOf
} from './class';
import { frenchNumber, toCsv } from './csv';
import { classReport, weekOf, type ReportAnswer, type ReportResult } from './report';
import { scoreSubmission } from './results';
import { bundleToQrParts, makeBundle, openBundle, QrCollector } from './transfer';

describe('classes', () => {
	it.each([
		[{ name: ' 7e A ', grade: '7e', schoolYear: '2026 – 2027' }, null],
		[{ name: '', grade: '7e', schoolYear: '2026-2027' }, 'name-empty'],
		[{ name: 'x'.repeat(41), grade: '7e', schoolYear: '2026-2027' }, 'name-too-long'],
		[{ name: '6e B', grade: '6e', schoolYear: '2026-2027' }, 'grade-unknown'],
		[{ name: '9e', grade: '9e', schoolYear: '2026-2028' }, 'year-invalid'],
		[{ name: '9e', grade: '9e', schoolYear: '2026' }, 'year-invalid']
	])('%j → %s', (input, problem) => {
		expect(classProblem(normalizeClassInput(input))).toBe(problem);
	});

	it('names the school year of a date (September starts a new one)', () => {
		expect(schoolYearOf(new Date('2026-08-31T12:00:00Z'))).toBe('2025-2026');
		expect(schoolYearOf(new Date('2026-09-01T12:00:00Z'))).toBe('2026-2027');
	});

	it('makes codes a pupil types right: no look-alike characters', () => {
		const code = joinCodeFrom([0, 1, 2, 3, 4, 255]);
		expect(code).toHaveLength(6);
		expect(isJoinCode(code)).toBe(true);
		expect(code).not.toMatch(/[0O1IL5S2Z8B]/);
		expect(normalizeJoinCode(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `)).toBe(code);
		expect(isJoinCode('ABC0EF')).toBe(false);
	});

	it('checks roster entries with the tablet profile rules, plus the private note', () => {
		expect(rosterProblem({ displayName: 'Awa', picture: 'sun' }, [])).toBeNull();
		expect(rosterProblem({ displayName: 'awa', picture: 'sun' }, ['Awa'])).toBe('name-taken');
		expect(rosterProblem({ displayName: 'Awa', picture: 'cat' }, [])).toBe('picture-unknown');
		expect(rosterProblem({ displayName: 'Awa', picture: 'sun', privateNote: 'x'.repeat(201) }, [])).toBe(
			'note-too-long'
		);
	});
});

const quiz = {
	schemaVersion: 1,
	comic: 'c',
	questions: [
		{
			id: 'q1',
			type: 'single',
			objectives: ['O1'],
			prompt: { fr: '?' },
			explanation: { fr: '.' },
			options: [
				{ id: 'a', text: { fr: 'a' } },
				{ id: 'b', text: { fr: 'b' } },
				{ id: 'c', text: { fr: 'c' } }
			],
			answer: 'a'
		},
		{
			id: 'q2',
			type: 'true-false',
			objectives: ['O1', 'O2'],
			prompt: { fr: '?' },
			explanation: { fr: '.' },
			answer: true
		}
	]
} as unknown as Quiz;

describe('scoring a submission again', () => {
	it('scores the answers with the quiz, ignoring any score the tablet claims', () => {
		const scored = scoreSubmission(
			{
				kind: 'quiz',
				answers: [
					{ question: 'q1', answer: { type: 'single', choice: 'b' } },
					{ question: 'q2', answer: { type: 'true-false', value: true } },
					{ question: 'q2', answer: { type: 'true-false', value: false } }
				]
			},
			quiz,
			{ pages: [] }
		);
		expect(scored).toMatchObject({ score: 0.5 });
		if ('answers' in scored) {
			expect(scored.answers.map((a) => [a.questionId, a.credit, a.choice])).toEqual([
				['q1', 0, 'b'],
				['q2', 1, 'true']
			]);
		}
	});

	it('refuses a question the quiz does not have, and answers on a reading', () => {
		expect(
			scoreSubmission(
				{ kind: 'quiz', answers: [{ question: 'zz', answer: { type: 'true-false', value: true } }] },
				quiz,
				{
					pages: []
				}
			)
		).toEqual({ problem: 'unknown-question' });
		expect(
			scoreSubmission(
				{ kind: 'reading', answers: [{ question: 'q2', answer: { type: 'true-false', value: true } }] },
				null,
				{
					pages: []
				}
			)
		).toEqual({ problem: 'answers-on-reading' });
		expect(scoreSubmission({ kind: 'reading', answers: [] }, null, { pages: [] })).toEqual({
			score: null,
			answers: []
		});
	});
});

describe('class report', () => {
	const students = [
		{ id: 's1', displayName: 'Awa', picture: 'sun' },
		{ id: 's2', displayName: 'Moussa', picture: 'moon' },
		{ id: 's3', displayName: 'Fanta', picture: 'star' }
	];
	const results: ReportResult[] = [
		{ id: 'r1', studentId: 's1', kind: 'quiz', comic: 'c', finishedAt: '2026-10-05T09:00:00Z', score: 0 },
		{ id: 'r2', studentId: 's1', kind: 'quiz', comic: 'c', finishedAt: '2026-10-13T09:00:00Z', score: 1 },
		{ id: 'r3', studentId: 's2', kind: 'quiz', comic: 'c', finishedAt: '2026-10-06T09:00:00Z', score: 0.5 },
		{
			id: 'r4',
			studentId: 's2',
			kind: 'reading',
			comic: 'c',
			finishedAt: '2026-10-06T08:00:00Z',
			score: null
		}
	];
	const a = (resultId: string, questionId: string, credit: number, choice: string | null): ReportAnswer => ({
		resultId,
		questionId,
		objectives: questionId === 'q1' ? ['O1'] : ['O1', 'O2'],
		credit,
		choice
	});
	const answers = [
		a('r1', 'q1', 0, 'b'),
		a('r1', 'q2', 0, 'false'),
		a('r2', 'q1', 1, 'a'),
		a('r2', 'q2', 1, 'true'),
		a('r3', 'q1', 0, 'c'),
		a('r3', 'q2', 1, 'true')
	];
	const report = classReport(students, results, answers);

	it('counts mastery on each student’s latest attempt, with the threshold', () => {
		expect(report.threshold).toBe(0.75);
		expect(report.objectives).toEqual([
			// s1 masters O1 on the second attempt; s2 has 0.5 on O1 (not mastered) and 1 on O2.
			{ code: 'O1', assessed: 2, mastering: 1, share: 0.5 },
			{ code: 'O2', assessed: 2, mastering: 2, share: 1 }
		]);
	});

	it('gives each student’s row, students without results included', () => {
		expect(report.students.map((s) => [s.displayName, s.quizzes, s.attempts, s.score, s.read])).toEqual([
			['Awa', 1, 2, 1, 0],
			['Moussa', 1, 1, 0.5, 1],
			['Fanta', 0, 0, null, 0]
		]);
	});

	it('puts the hardest question first with its most chosen wrong answer', () => {
		expect(report.questions[0]).toEqual({
			comic: 'c',
			questionId: 'q1',
			answered: 3,
			mean: 0.3333,
			wrong: { choice: 'b', count: 1 }
		});
	});

	it('groups progress by week (Monday)', () => {
		expect(weekOf('2026-10-11T23:00:00Z')).toBe('2026-10-05');
		expect(report.progress).toEqual([
			{ week: '2026-10-05', attempts: 2, score: 0.25 },
			{ week: '2026-10-12', attempts: 1, score: 1 }
		]);
	});
});

describe('CSV for a French spreadsheet', () => {
	it('writes a BOM, semicolons, decimal commas and quotes what needs it', () => {
		const csv = toCsv([
			['élève', 'score'],
			['Awa; "la grande"', 0.755],
			['=1+1', 1]
		]);
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv.slice(1)).toBe('élève;score\r\n"Awa; ""la grande""";0,76\r\n\'=1+1;1\r\n');
		expect(frenchNumber(0.5)).toBe('0,5');
	});
});

describe('results without a network', () => {
	const result = (i: number) => ({
		id: `0000000${i}-0000-4000-8000-000000000000`.slice(0, 36),
		classId: 'class-1',
		studentId: 's1',
		kind: 'quiz' as const,
		comic: 'c',
		versionHash: 'a'.repeat(64),
		language: 'fr',
		finishedAt: '2026-10-05T09:00:00.000Z',
		answers: [{ question: 'q1', answer: { type: 'single' as const, choice: 'a' } }]
	});

	it('opens a bundle of its class, refuses one edited, cut or of another class', () => {
		const bundle = makeBundle('class-1', 'ACDEFG', [result(1)]);
		expect(openBundle(JSON.parse(JSON.stringify(bundle)), 'class-1', 'ACDEFG')).toEqual({
			results: [result(1)]
		});
		const edited = structuredClone(bundle);
		edited.results[0]!.answers[0]!.answer = { type: 'single', choice: 'b' };
		expect(openBundle(edited, 'class-1', 'ACDEFG')).toEqual({ problem: 'tampered' });
		expect(openBundle(bundle, 'class-2', 'ACDEFG')).toEqual({ problem: 'other-class' });
		expect(openBundle(bundle, 'class-1', 'HJKMNP')).toEqual({ problem: 'tampered' });
		expect(openBundle({ hello: 1 }, 'class-1', 'ACDEFG')).toEqual({ problem: 'not-results' });
	});

	it('carries a large bundle in several QR parts scanned in any order, repeats ignored', () => {
		const many = Array.from({ length: 30 }, (_, i) => ({
			...result(i % 10),
			id: `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`,
			versionHash: (i.toString(16).padStart(2, '0') + 'b'.repeat(62)).slice(0, 64)
		}));
		const bundle = makeBundle('class-1', 'ACDEFG', many);
		const parts = bundleToQrParts(bundle);
		expect(parts.length).toBeGreaterThan(1);
		expect(parts.every((p) => p.length <= 300 + 30)).toBe(true);
		const collector = new QrCollector();
		const order = [...parts].reverse();
		expect(collector.add(order[0]!)).toEqual({ status: 'part' });
		let scan = collector.add(order[0]!);
		expect(scan).toEqual({ status: 'part' });
		expect(collector.progress).toEqual({ scanned: 1, count: parts.length });
		for (const p of order.slice(1)) scan = collector.add(p);
		expect(scan.status).toBe('complete');
		if (scan.status === 'complete')
			expect(openBundle(scan.bundle, 'class-1', 'ACDEFG')).toEqual({ results: many });
		expect(collector.add('https://example.org')).toEqual({ status: 'not-results' });
	});
});
