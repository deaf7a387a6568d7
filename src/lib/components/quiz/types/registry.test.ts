/**
 * The view registry: every question type of the domain registry has a student view there, and
 * both hosts (the self-paced quiz and the live tablet) draw a question only through it. Each type
 * is rendered on the server through QuestionView, the component both hosts use, and must show its
 * own controls; a type missing from the registry fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'svelte/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '$lib/domain/manifest/schema';
import { QUESTION_TYPES, startingAnswer, type Question, type QuestionType } from '$lib/domain/quiz/types';
import { setupI18n } from '$lib/i18n';
import QuestionView from './QuestionView.svelte';
import { questionTypeViews } from './registry';

const base = { objectives: ['X'], prompt: { fr: 'Q ?' }, explanation: { fr: 'E' } };
const options = [
	{ id: 'a', text: { fr: 'Option A' } },
	{ id: 'b', text: { fr: 'Option B' } },
	{ id: 'c', text: { fr: 'Option C' } }
];
/** One question per type, and what its view must draw. */
const samples: Record<QuestionType, { question: Question; shows: RegExp[] }> = {
	single: {
		question: { ...base, id: 's', type: 'single', options, answer: 'a' },
		shows: [/<button[^>]*data-option-id="a"/, /Option B/]
	},
	multiple: {
		question: { ...base, id: 'm', type: 'multiple', options, answers: ['a', 'b'] },
		shows: [/data-option-id="c"[^>]*>\s*<input[^>]*type="checkbox"/, /Option C/]
	},
	'true-false': {
		question: { ...base, id: 't', type: 'true-false', answer: true },
		shows: [/<button[^>]*data-option-id="true"[^>]*>Vrai/, /data-option-id="false"[^>]*>Faux/]
	},
	ordering: {
		question: {
			...base,
			id: 'o',
			type: 'ordering',
			items: [
				{ id: 'i1', text: { fr: 'Un' } },
				{ id: 'i2', text: { fr: 'Deux' } },
				{ id: 'i3', text: { fr: 'Trois' } }
			]
		},
		shows: [/data-testid="ordering-list"/, /data-item-id="i2"/, /data-move="up"/]
	},
	matching: {
		question: {
			...base,
			id: 'x',
			type: 'matching',
			pairs: [
				{ id: 'p1', left: { fr: 'Gauche 1' }, right: { fr: 'Droite 1' } },
				{ id: 'p2', left: { fr: 'Gauche 2' }, right: { fr: 'Droite 2' } }
			]
		},
		shows: [/data-pair-id="p1"/, /<select/, /Droite 2/]
	},
	find: {
		question: { ...base, id: 'f', type: 'find', page: 'p1', targets: [{ panel: 'p1-1' }] },
		shows: [/data-testid="find-page"/, /data-panel-id="p1-1"/]
	}
} as unknown as Record<QuestionType, { question: Question; shows: RegExp[] }>;

const manifest = {
	referenceLanguage: 'fr',
	characters: [],
	pages: [
		{
			id: 'p1',
			image: 'p1.png',
			width: 100,
			height: 100,
			panels: [
				{ id: 'p1-1', region: { x: 0, y: 0, w: 50, h: 50 }, description: { fr: 'Une case' }, bubbles: [] }
			]
		}
	]
} as unknown as Manifest;

beforeAll(() => setupI18n('fr'));

describe('question type view registry', () => {
	it('has a student view and a bucket label for every type of the domain registry', () => {
		expect(Object.keys(questionTypeViews).sort()).toEqual([...QUESTION_TYPES].sort());
		for (const type of QUESTION_TYPES) {
			expect(typeof questionTypeViews[type]?.student, type).toBe('function');
			expect(typeof questionTypeViews[type]?.bucketLabel, type).toBe('function');
		}
	});

	it.each(QUESTION_TYPES.map((type) => [type]))('draws a %s question through its own view', (type) => {
		const { question, shows } = samples[type];
		const { body } = render(QuestionView, {
			props: {
				question,
				lang: 'fr',
				manifest,
				assetUrl: (p: string) => `/comics/x/${p}`,
				answer: startingAnswer(question, 1),
				answered: false,
				reveal: false,
				onanswer: () => {},
				onchange: () => {}
			}
		});
		expect(body).toContain(`data-question-type="${type}"`);
		for (const pattern of shows) expect(body).toMatch(pattern);
	});

	it('marks right and wrong only when the host reveals (self-paced), not on a live tablet', () => {
		const { question } = samples.single;
		const draw = (reveal: boolean) =>
			render(QuestionView, {
				props: {
					question,
					lang: 'fr',
					manifest,
					assetUrl: (p: string) => p,
					answer: { type: 'single', choice: 'b' },
					answered: true,
					reveal,
					onanswer: () => {},
					onchange: () => {}
				}
			}).body;
		expect(draw(true)).toMatch(/class="choice wrong picked[^"]*"[^>]*data-option-id="b"/);
		expect(draw(true)).toMatch(/class="choice right[^"]*"[^>]*data-option-id="a"/);
		expect(draw(false)).not.toMatch(/choice (right|wrong)/);
	});

	it('leaves no per-type drawing in the hosts: the self-paced quiz and the live tablet use the registry', () => {
		for (const file of ['src/lib/components/quiz/QuizQuestion.svelte', 'src/routes/live/+page.svelte']) {
			const source = readFileSync(path.resolve(file), 'utf8');
			expect(source, file).toContain('QuestionView');
			for (const type of QUESTION_TYPES) expect(source, file).not.toContain(`=== '${type}'`);
		}
	});
});
