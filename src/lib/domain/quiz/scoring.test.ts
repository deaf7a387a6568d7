import { describe, expect, it } from 'vitest';
import { scoreAnswer, isAnswerReady, type Answer } from './scoring';
import type { Question } from './schema';

const t = (fr: string) => ({ fr, en: fr });
const base = { objectives: ['O-1'], prompt: t('?'), explanation: t('!') };
const opts = (...ids: string[]) => ids.map((id) => ({ id, text: t(id) }));
const manifest = {
	pages: [
		{
			id: 'p1',
			image: 'a.webp',
			width: 100,
			height: 200,
			panels: [
				{ id: 'top', region: { x: 0, y: 0, w: 100, h: 100 }, description: t('top'), bubbles: [] },
				{ id: 'bottom', region: { x: 0, y: 100, w: 100, h: 100 }, description: t('b'), bubbles: [] }
			]
		}
	]
};

const single: Question = { ...base, id: 's', type: 'single', options: opts('a', 'b', 'c'), answer: 'b' };
const multiple: Question = {
	...base,
	id: 'm',
	type: 'multiple',
	options: opts('a', 'b', 'c', 'd'),
	answers: ['a', 'b']
};
const trueFalse: Question = { ...base, id: 't', type: 'true-false', answer: false };
const ordering: Question = {
	...base,
	id: 'o',
	type: 'ordering',
	items: [
		{ id: 'A', text: t('A') },
		{ id: 'B', text: t('B') },
		{ id: 'C', text: t('C') },
		{ id: 'D', panel: 'top' }
	]
};
const matching: Question = {
	...base,
	id: 'x',
	type: 'matching',
	pairs: ['p', 'q', 'r', 's'].map((id) => ({ id, left: t(id), right: t(id.toUpperCase()) }))
};
const find: Question = {
	...base,
	id: 'f',
	type: 'find',
	page: 'p1',
	targets: [{ panel: 'bottom' }, { region: { x: 0, y: 0, w: 10, h: 10 } }]
};

const cases: Array<[string, Question, Answer, number]> = [
	['single right', single, { type: 'single', choice: 'b' }, 1],
	['single wrong', single, { type: 'single', choice: 'a' }, 0],
	['true/false right', trueFalse, { type: 'true-false', value: false }, 1],
	['true/false wrong', trueFalse, { type: 'true-false', value: true }, 0],
	['multiple all right', multiple, { type: 'multiple', choices: ['b', 'a'] }, 1],
	['multiple half', multiple, { type: 'multiple', choices: ['a'] }, 0.5],
	['multiple one right one wrong', multiple, { type: 'multiple', choices: ['a', 'c'] }, 0],
	['multiple all right plus one wrong', multiple, { type: 'multiple', choices: ['a', 'b', 'c'] }, 0.5],
	['multiple everything ticked', multiple, { type: 'multiple', choices: ['a', 'b', 'c', 'd'] }, 0],
	['multiple only wrong', multiple, { type: 'multiple', choices: ['d'] }, 0],
	['multiple unknown id is ignored', multiple, { type: 'multiple', choices: ['a', 'b', 'zz'] }, 1],
	['ordering right', ordering, { type: 'ordering', order: ['A', 'B', 'C', 'D'] }, 1],
	['ordering first moved last', ordering, { type: 'ordering', order: ['B', 'C', 'D', 'A'] }, 0.6667],
	['ordering two swapped', ordering, { type: 'ordering', order: ['B', 'A', 'C', 'D'] }, 0.3333],
	['ordering reversed', ordering, { type: 'ordering', order: ['D', 'C', 'B', 'A'] }, 0],
	['ordering with a missing item', ordering, { type: 'ordering', order: ['A', 'B', 'C'] }, 0],
	['ordering with a repeated item', ordering, { type: 'ordering', order: ['A', 'B', 'B', 'C'] }, 0],
	['matching all', matching, { type: 'matching', matches: { p: 'p', q: 'q', r: 'r', s: 's' } }, 1],
	['matching two swapped', matching, { type: 'matching', matches: { p: 'q', q: 'p', r: 'r', s: 's' } }, 0.5],
	['matching none', matching, { type: 'matching', matches: { p: 'q', q: 'r', r: 's', s: 'p' } }, 0],
	['matching incomplete', matching, { type: 'matching', matches: { p: 'p' } }, 0.25],
	['find inside the target panel', find, { type: 'find', point: { x: 50, y: 150 } }, 1],
	['find on the panel edge', find, { type: 'find', point: { x: 100, y: 100 } }, 1],
	['find inside the target region', find, { type: 'find', point: { x: 5, y: 5 } }, 1],
	['find in the wrong panel', find, { type: 'find', point: { x: 50, y: 50 } }, 0],
	['find outside the page', find, { type: 'find', point: { x: 500, y: 500 } }, 0],
	['an answer of another type', single, { type: 'true-false', value: true }, 0]
];

describe('scoreAnswer', () => {
	it.each(cases)('%s → %s', (_name, question, answer, credit) => {
		const score = scoreAnswer(question, answer, manifest);
		expect(score.credit).toBe(credit);
		expect(score.verdict).toBe(credit === 1 ? 'right' : credit > 0 ? 'partial' : 'wrong');
	});
});

describe('isAnswerReady', () => {
	it.each([
		[single, null, false],
		[single, { type: 'single', choice: 'a' }, true],
		[multiple, { type: 'multiple', choices: [] }, false],
		[multiple, { type: 'multiple', choices: ['a'] }, true],
		[matching, { type: 'matching', matches: { p: 'p' } }, false],
		[matching, { type: 'matching', matches: { p: 'p', q: 'q', r: 'r', s: 's' } }, true],
		[ordering, { type: 'ordering', order: ['A', 'B', 'C', 'D'] }, true],
		[find, { type: 'single', choice: 'a' }, false]
	] as Array<[Question, Answer | null, boolean]>)('%#', (question, answer, ready) => {
		expect(isAnswerReady(question, answer)).toBe(ready);
	});
});
