import { describe, expect, it } from 'vitest';
import type { Manifest } from '../manifest/schema';
import { ownTextsMarkedReviewed, translatorEditProblem } from './translator-edit';

const base = {
	referenceLanguage: 'fr',
	languages: [
		{ tag: 'fr', status: 'complete' },
		{ tag: 'en', status: 'complete' },
		{ tag: 'bm', status: 'draft' }
	],
	pages: [
		{
			id: 'p1',
			panels: [
				{
					id: 'p1-1',
					region: { x: 0, y: 0, w: 100, h: 100 },
					description: { fr: 'Une cour.' },
					bubbles: [
						{
							id: 'b1',
							role: 'speech',
							shape: { kind: 'ellipse', region: { x: 10, y: 10, w: 50, h: 30 } },
							text: { fr: 'Bonjour !', en: 'Hello!' }
						}
					]
				}
			]
		}
	]
} as unknown as Manifest;

type Change = (m: Manifest) => void;
const b1 = (m: Manifest) => m.pages[0]!.panels[0]!.bubbles[0]!;
const changed = (change: Change) => {
	const m = structuredClone(base);
	change(m);
	return m;
};

describe('what a translator may change', () => {
	it.each<[string, Change, string | null]>([
		[
			'a new Bambara text and its status',
			(m) => ((b1(m).text.bm = 'A'), (b1(m).textStatus = { bm: 'draft' })),
			null
		],
		['an English text', (m) => (b1(m).text.en = 'Hi!'), null],
		['a Bambara panel description', (m) => (m.pages[0]!.panels[0]!.description.bm = 'A'), null],
		['the French text', (m) => (b1(m).text.fr = 'Salut !'), 'translator-reference'],
		[
			'the French description',
			(m) => (m.pages[0]!.panels[0]!.description.fr = 'Une rue.'),
			'translator-reference'
		],
		['a bubble moved', (m) => (b1(m).shape!.region.x = 20), 'translator-layout'],
		['a panel resized', (m) => (m.pages[0]!.panels[0]!.region.w = 90), 'translator-layout'],
		['a language made complete', (m) => (m.languages[2]!.status = 'complete'), 'translator-layout']
	])('%s', (_, change, code) => {
		expect(translatorEditProblem(base, changed(change))?.code ?? null).toBe(code);
	});
});

describe('texts a translator marked reviewed that they wrote', () => {
	const withBm = changed((m) => (b1(m).text.bm = 'A'));
	it.each<[string, Manifest | null, Change, string[]]>([
		[
			'their own new text marked reviewed',
			base,
			(m) => ((b1(m).text.bm = 'A'), (b1(m).textStatus = { bm: 'reviewed' })),
			['b1:bm']
		],
		['their own new text left a draft', base, (m) => (b1(m).text.bm = 'A'), []],
		[
			"someone else's text marked reviewed",
			withBm,
			(m) => ((b1(m).text.bm = 'A'), (b1(m).textStatus = { bm: 'reviewed' })),
			[]
		],
		[
			"someone else's text changed, still reviewed",
			withBm,
			(m) => ((b1(m).text.bm = 'B'), (b1(m).textStatus = { bm: 'reviewed' })),
			['b1:bm']
		],
		// English is complete: a changed English text without a draft status counts as reviewed.
		['a changed text of a complete language', base, (m) => (b1(m).text.en = 'Hi!'), ['b1:en']],
		['no earlier version by someone else', null, (m) => (b1(m).textStatus = { en: 'reviewed' }), ['b1:en']]
	])('%s', (_, earlier, change, expected) => {
		expect(ownTextsMarkedReviewed(earlier, changed(change)).map((t) => `${t.target}:${t.language}`)).toEqual(
			expected
		);
	});
});
