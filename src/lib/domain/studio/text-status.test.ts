import { describe, expect, it } from 'vitest';
import { bubbleTextStatus, showsUnreviewed } from './text-status';
import { findingLanguage, findingTarget } from './finding-target';
import { shapeFor } from '../reader/text-fit';

const languages = [
	{ tag: 'fr', status: 'complete' as const },
	{ tag: 'bm', status: 'draft' as const }
];

describe('bubbleTextStatus', () => {
	const cases: Array<[string, Parameters<typeof bubbleTextStatus>[0], string, string]> = [
		[
			'no text is missing, whatever the status says',
			{ text: { fr: 'a' }, textStatus: { bm: 'reviewed' } },
			'bm',
			'missing'
		],
		['a complete language without a bubble status is reviewed', { text: { fr: 'a' } }, 'fr', 'reviewed'],
		['a draft language without a bubble status is draft', { text: { bm: 'a' } }, 'bm', 'draft'],
		[
			'a bubble reviewed in a draft language',
			{ text: { bm: 'a' }, textStatus: { bm: 'reviewed' } },
			'bm',
			'reviewed'
		],
		[
			'a bubble back to draft in a complete language',
			{ text: { fr: 'a' }, textStatus: { fr: 'draft' } },
			'fr',
			'draft'
		],
		['an undeclared language is not reviewed', { text: { en: 'a' } }, 'en', 'draft']
	];
	for (const [name, bubble, lang, expected] of cases) {
		it(name, () => expect(bubbleTextStatus(bubble, lang, languages)).toBe(expected));
	}

	it('the reader flags unreviewed text when any bubble shown is not reviewed', () => {
		const reviewed = { text: { bm: 'a' }, textStatus: { bm: 'reviewed' as const } };
		expect(showsUnreviewed([reviewed], 'bm', languages)).toBe(false);
		expect(showsUnreviewed([reviewed, { text: { bm: 'b' } }], 'bm', languages)).toBe(true);
		expect(showsUnreviewed([reviewed, { text: { fr: 'b' } }], 'bm', languages)).toBe(true);
		expect(showsUnreviewed([{ text: { fr: 'b' } }], 'fr', languages)).toBe(false);
	});
});

describe('shape override resolution', () => {
	const shape = { kind: 'ellipse' as const, region: { x: 0, y: 0, w: 100, h: 50 } };
	const wide = { kind: 'rounded' as const, region: { x: 0, y: 0, w: 160, h: 60 } };
	it('a language with an override gets it, others the common shape', () => {
		const bubble = { shape, shapeByLanguage: { fr: wide } };
		expect(shapeFor(bubble, 'fr')).toBe(wide);
		expect(shapeFor(bubble, 'bm')).toBe(shape);
		expect(shapeFor({ shape }, 'fr')).toBe(shape);
	});
});

describe('findingTarget', () => {
	const manifest = {
		pages: [{ id: 'p1', panels: [{ id: 'p1-1', bubbles: [{ id: 'p1-1-b1' }, { id: 'p1-1-b2' }] }] }]
	} as never;
	const cases: Array<[string, string | null]> = [
		['$.pages[0].panels[0].bubbles[1].text.bm', 'p1-1-b2'],
		['$.pages[0].panels[0].bubbles[0].shapeByLanguage.fr.region', 'p1-1-b1'],
		['$.pages[0].panels[0].region', 'p1-1'],
		['$.pages[0].image', 'p1'],
		['$.pages[0].panels[5].region', 'p1'],
		['$.title.fr', null],
		['$.pages[3].id', null]
	];
	for (const [path, expected] of cases) it(path, () => expect(findingTarget(manifest, path)).toBe(expected));

	it('names the language of a text or shape path', () => {
		expect(findingLanguage('$.pages[0].panels[0].bubbles[1].text.bm')).toBe('bm');
		expect(findingLanguage('$.pages[0].panels[0].bubbles[0].shapeByLanguage.fr.region')).toBe('fr');
		expect(findingLanguage('$.pages[0].panels[0].region')).toBeNull();
	});
});
