import { describe, expect, it } from 'vitest';
import { answerSchema, QUESTION_TYPES, questionTypes, tallyFor, type Question } from '.';

const base = { objectives: ['X'], prompt: { fr: 'Q' }, explanation: { fr: 'E' } };
const manifest = {
	pages: [
		{
			id: 'p1',
			image: 'p1.png',
			width: 100,
			height: 100,
			panels: [{ id: 'p1-1', region: { x: 0, y: 0, w: 50, h: 50 }, description: {}, bubbles: [] }]
		}
	]
};

describe('question type registry', () => {
	it('has one module per type, each under its own name', () => {
		expect(QUESTION_TYPES).toEqual(['single', 'multiple', 'true-false', 'ordering', 'matching', 'find']);
		for (const type of QUESTION_TYPES) expect(questionTypes[type].type).toBe(type);
	});

	it('refuses a malformed answer and accepts a well-formed one', () => {
		expect(answerSchema.safeParse({ type: 'single', choice: 'a' }).success).toBe(true);
		expect(answerSchema.safeParse({ type: 'single', choices: ['a'] }).success).toBe(false);
		expect(answerSchema.safeParse({ type: 'find', point: { x: 'a', y: 1 } }).success).toBe(false);
		expect(answerSchema.safeParse({ type: 'essay', text: 'x' }).success).toBe(false);
	});

	it('tallies a single choice per option and marks the right one', () => {
		const q: Question = {
			...base,
			id: 'q1',
			type: 'single',
			options: [
				{ id: 'a', text: { fr: 'A' } },
				{ id: 'b', text: { fr: 'B' } }
			],
			answer: 'b'
		};
		const tally = tallyFor(
			q,
			[
				{ type: 'single', choice: 'a' },
				{ type: 'single', choice: 'b' },
				{ type: 'single', choice: 'b' },
				{ type: 'true-false', value: true }
			],
			manifest
		);
		expect(tally).toEqual({
			total: 3,
			buckets: [
				{ key: 'a', count: 1, right: false },
				{ key: 'b', count: 2, right: true }
			]
		});
	});

	it('tallies ordering by verdict and find-it with its taps', () => {
		const ordering: Question = {
			...base,
			id: 'q2',
			type: 'ordering',
			items: ['a', 'b', 'c'].map((id) => ({ id, text: { fr: id } }))
		};
		const t = tallyFor(
			ordering,
			[
				{ type: 'ordering', order: ['a', 'b', 'c'] },
				{ type: 'ordering', order: ['b', 'c', 'a'] },
				{ type: 'ordering', order: ['c', 'b', 'a'] }
			],
			manifest
		);
		expect(t.buckets.map((b) => [b.key, b.count])).toEqual([
			['right', 1],
			['partial', 1],
			['wrong', 1]
		]);
		const find: Question = { ...base, id: 'q3', type: 'find', page: 'p1', targets: [{ panel: 'p1-1' }] };
		const f = tallyFor(
			find,
			[
				{ type: 'find', point: { x: 10, y: 10 } },
				{ type: 'find', point: { x: 80, y: 80 } }
			],
			manifest
		);
		expect(f.points).toEqual([
			{ x: 10, y: 10, right: true },
			{ x: 80, y: 80, right: false }
		]);
		expect(f.buckets).toEqual([
			{ key: 'right', count: 1, right: true },
			{ key: 'wrong', count: 1, right: false }
		]);
	});
});
