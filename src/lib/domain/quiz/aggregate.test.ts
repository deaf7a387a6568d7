import { describe, expect, it } from 'vitest';
import { aggregateByObjective, MASTERY_THRESHOLD } from './aggregate';

const q = (id: string, ...objectives: string[]) => ({ id, objectives });

describe('aggregateByObjective', () => {
	it('splits objectives into known and to review', () => {
		const questions = [q('1', 'A'), q('2', 'A'), q('3', 'B'), q('4', 'B', 'C')];
		const result = aggregateByObjective(
			questions,
			new Map([
				['1', 1],
				['2', 1],
				['3', 1],
				['4', 0]
			])
		);
		expect(result.known).toEqual(['A']);
		expect(result.review).toEqual(['B', 'C']);
		expect(result.score).toBe(0.75);
		expect(result.answered).toBe(4);
		expect(result.objectives.find((o) => o.code === 'B')).toMatchObject({
			answered: 2,
			mean: 0.5,
			toReview: ['4']
		});
	});

	it('counts a question once for each objective it assesses', () => {
		const result = aggregateByObjective([q('1', 'A', 'B', 'A')], new Map([['1', 0.5]]));
		expect(result.objectives).toEqual([
			{ code: 'A', answered: 1, credit: 0.5, mean: 0.5, known: false, toReview: ['1'] },
			{ code: 'B', answered: 1, credit: 0.5, mean: 0.5, known: false, toReview: ['1'] }
		]);
	});

	it.each([
		['one partial answer at the threshold', [MASTERY_THRESHOLD], true],
		['one partial answer below it', [MASTERY_THRESHOLD - 0.01], false],
		['two answers, one wholly wrong', [1, 0], false],
		['two answers, one partial, mean 0.8', [1, 0.6], true],
		['three answers, one slip forgiven by the mean', [1, 1, 0.5], true],
		['four answers, one wholly wrong but mean 0.75', [1, 1, 1, 0], true],
		['three answers, mean too low', [1, 0.5, 0.5], false]
	] as Array<[string, number[], boolean]>)('%s → known: %s', (_name, credits, known) => {
		const questions = credits.map((_, i) => q(String(i), 'A'));
		const result = aggregateByObjective(questions, new Map(credits.map((c, i) => [String(i), c])));
		expect(result.objectives[0]!.known).toBe(known);
	});

	it('leaves out unanswered questions and reports totals', () => {
		const result = aggregateByObjective([q('1', 'A'), q('2', 'B')], new Map([['1', 1]]));
		expect(result.objectives.map((o) => o.code)).toEqual(['A']);
		expect(result).toMatchObject({ answered: 1, total: 2, score: 1 });
	});

	it('has a score of 0 before any answer', () => {
		expect(aggregateByObjective([q('1', 'A')], new Map()).score).toBe(0);
	});
});
