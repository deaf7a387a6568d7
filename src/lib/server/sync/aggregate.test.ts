import { describe, expect, it } from 'vitest';
import { aggregateAnswers, batchIdOf, classRef } from './aggregate';
import { resultBatchSchema } from './protocol';
import type { AnswerFact } from './repository';

const fact = (over: Partial<AnswerFact>): AnswerFact => ({
	resultId: 'r1',
	classId: 'class-a',
	grade: '7e',
	schoolYear: '2026-2027',
	comic: 'trente-jours',
	finishedAt: '2026-12-02T09:00:00.000Z',
	objectives: ['ECM-1'],
	credit: 1,
	...over
});

describe('aggregateAnswers', () => {
	it('counts answers per class, comic, objective and week (Monday), summing credit', () => {
		const rows = aggregateAnswers('school', [
			fact({ objectives: ['ECM-1', 'ECM-2'], credit: 0.5 }),
			fact({ resultId: 'r2', credit: 1 }),
			// Sunday 6 December is still the week of Monday 30 November; the 7th starts the next.
			fact({ resultId: 'r3', finishedAt: '2026-12-06T23:00:00.000Z', credit: 0 }),
			fact({ resultId: 'r4', finishedAt: '2026-12-07T08:00:00.000Z', credit: 1 }),
			fact({ resultId: 'r5', classId: 'class-b', credit: 1 })
		]);
		const a = classRef('school', 'class-a');
		const b = classRef('school', 'class-b');
		const pick = (ref: string, objective: string, week: string) =>
			rows.find((r) => r.classRef === ref && r.objective === objective && r.week === week);
		expect(pick(a, 'ECM-1', '2026-11-30')).toMatchObject({ attempts: 3, correct: 1.5 });
		expect(pick(a, 'ECM-2', '2026-11-30')).toMatchObject({ attempts: 1, correct: 0.5 });
		expect(pick(a, 'ECM-1', '2026-12-07')).toMatchObject({ attempts: 1, correct: 1 });
		expect(pick(b, 'ECM-1', '2026-11-30')).toMatchObject({ attempts: 1, correct: 1 });
		expect(rows).toHaveLength(4);
		// What goes up is a valid batch, and carries no result, student or local class id.
		expect(resultBatchSchema.safeParse({ batchId: batchIdOf(['r1']), rows }).success).toBe(true);
		expect(JSON.stringify(rows)).not.toMatch(/class-a|class-b|r1|r2/);
	});

	it('counts an answer once per objective even when the objective is listed twice', () => {
		expect(aggregateAnswers('s', [fact({ objectives: ['ECM-1', 'ECM-1'] })])[0]).toMatchObject({
			attempts: 1
		});
	});

	it('makes the class reference opaque but stable, and different per school', () => {
		expect(classRef('s1', 'c')).toBe(classRef('s1', 'c'));
		expect(classRef('s1', 'c')).not.toBe(classRef('s2', 'c'));
		expect(classRef('s1', 'c')).toMatch(/^[0-9a-f]{32}$/);
	});
});

describe('batchIdOf', () => {
	it('is made from the results it counts, whatever their order', () => {
		expect(batchIdOf(['b', 'a'])).toBe(batchIdOf(['a', 'b', 'a']));
		expect(batchIdOf(['a'])).not.toBe(batchIdOf(['a', 'b']));
	});
});
