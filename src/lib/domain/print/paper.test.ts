import { describe, expect, it } from 'vitest';
import type { Page } from '../manifest/schema';
import { QUESTION_TYPES, type Question } from '../quiz/types';
import { answerKey, paperForms, typesWithoutPaperForm, worksheet, type PaperContext } from './paper';

const panel = (id: string, x: number, y: number) => ({
	id,
	region: { x, y, w: 100, h: 100 },
	description: { fr: id },
	bubbles: []
});
const pages: Page[] = [
	{ id: 'p1', image: 'a.webp', width: 200, height: 200, panels: [panel('a', 0, 0), panel('b', 100, 0)] },
	{ id: 'p2', image: 'b.webp', width: 200, height: 200, panels: [panel('c', 0, 0), panel('d', 100, 100)] }
];
const ctx: PaperContext = {
	manifest: { pages, referenceLanguage: 'fr' },
	lang: 'en',
	t: (key, values) => `${key}${values ? JSON.stringify(values) : ''}`,
	panelNumbers: new Map([
		['a', 1],
		['b', 2],
		['c', 3],
		['d', 4]
	])
};
const base = {
	objectives: ['X'],
	prompt: { fr: 'Q fr', en: 'Q en' },
	explanation: { fr: 'E fr', en: 'E en' }
};
const opt = (id: string) => ({ id, text: { fr: `${id} fr`, en: `${id} en` } });

/** One question of every type. */
const questions: Question[] = [
	{ ...base, id: 'q1', type: 'single', options: [opt('a'), opt('b')], answer: 'b' },
	{ ...base, id: 'q2', type: 'multiple', options: [opt('a'), opt('b'), opt('c')], answers: ['a', 'c'] },
	{ ...base, id: 'q3', type: 'true-false', answer: false },
	{
		...base,
		id: 'q4',
		type: 'ordering',
		items: [{ id: 'x', panel: 'c' }, opt('y'), opt('z'), opt('w')]
	},
	{
		...base,
		id: 'q5',
		type: 'matching',
		pairs: ['m', 'n', 'o'].map((id) => ({ id, left: { en: `L${id}` }, right: { en: `R${id}` } }))
	},
	{
		...base,
		id: 'q6',
		type: 'find',
		page: 'p2',
		targets: [{ region: { x: 120, y: 120, w: 20, h: 20 } }],
		evidence: { panel: 'd' }
	}
];

describe('the quiz on paper', () => {
	it('has a paper form for every registered question type', () => {
		expect(typesWithoutPaperForm()).toEqual([]);
		expect(Object.keys(paperForms).sort()).toEqual([...QUESTION_TYPES].sort());
		expect(new Set(questions.map((q) => q.type))).toEqual(new Set(QUESTION_TYPES));
		expect(typesWithoutPaperForm(['single', 'essay'])).toEqual(['essay']);
	});

	it('gives each type its paper form, in the chosen language', () => {
		const sheet = worksheet(questions, ctx);
		expect(sheet.map((e) => e.body.kind)).toEqual(['tick', 'tick', 'tick', 'number', 'link', 'panel']);
		expect(sheet[0]).toMatchObject({ prompt: 'Q en', body: { many: false, boxes: ['a en', 'b en'] } });
		expect(sheet[1]!.body).toMatchObject({ many: true });
		expect(sheet[2]!.body).toEqual({ kind: 'tick', many: false, boxes: ['true', 'false'] });
		// A panel item of an ordering question is named by the number printed on the page.
		const number = sheet[3]!.body as { items: string[] };
		expect(number.items).toContain('panelRef{"n":3,"page":2}');
		expect(sheet[5]!.instruction).toBe('findPanel{"page":2}');
	});

	it('never prints the items to order, nor the right column to link, in the right order', () => {
		const sheet = worksheet(questions, ctx);
		const number = sheet[3]!.body as { items: string[] };
		expect(number.items).not.toEqual(['panelRef{"n":3,"page":2}', 'y en', 'z en', 'w en']);
		expect([...number.items].sort()).toEqual(['panelRef{"n":3,"page":2}', 'w en', 'y en', 'z en']);
		const link = sheet[4]!.body as { left: string[]; right: string[] };
		expect(link.left).toEqual(['Lm', 'Ln', 'Lo']);
		expect(link.right).not.toEqual(['Rm', 'Rn', 'Ro']);
		// The same copy every time: every photocopy and the key agree.
		expect(worksheet(questions, ctx)).toEqual(sheet);
	});

	it('keys the answers to what is printed: lines, letters and panel numbers', () => {
		const sheet = worksheet(questions, ctx);
		const key = answerKey(questions, ctx);
		expect(key[0]).toMatchObject({ answer: ['b en'], explanation: 'E en', evidence: null });
		expect(key[1]!.answer).toEqual(['a en', 'c en']);
		expect(key[2]!.answer).toEqual(['false']);
		const printed = (sheet[3]!.body as { items: string[] }).items;
		key[3]!.answer.forEach((line, i) => {
			const m = /^(\d+)\. (.*) \(line\{"n":(\d+)\}\)$/.exec(line)!;
			expect(Number(m[1])).toBe(i + 1);
			expect(printed[Number(m[3]) - 1]).toBe(m[2]);
		});
		const right = (sheet[4]!.body as { right: string[] }).right;
		for (const line of key[4]!.answer) {
			const m = /^(\d) — ([A-Z]) : L(\w) — R(\w)$/.exec(line)!;
			expect(m[3]).toBe(m[4]);
			expect(right[m[2]!.charCodeAt(0) - 65]).toBe(`R${m[4]}`);
		}
		// A find-it region is answered with the number of the panel it lies in.
		expect(key[5]).toMatchObject({
			answer: ['panelRef{"n":4,"page":2}'],
			evidence: 'panelRef{"n":4,"page":2}'
		});
	});
});
