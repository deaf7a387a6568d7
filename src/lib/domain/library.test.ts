import { describe, expect, it } from 'vitest';
import { facets, filterComics, pickText } from './library';

const comics = [
	{ slug: 'a', gradeLevels: ['7', '8'], themes: ['COLL'] },
	{ slug: 'b', gradeLevels: ['9'], themes: ['SERV', 'DROITS'] },
	{ slug: 'c', gradeLevels: ['8', '9'], themes: ['SERV'] }
];

describe('filterComics', () => {
	it.each([
		[{}, ['a', 'b', 'c']],
		[{ grade: '8' }, ['a', 'c']],
		[{ theme: 'SERV' }, ['b', 'c']],
		[{ grade: '9', theme: 'DROITS' }, ['b']],
		[{ grade: '7', theme: 'SERV' }, []],
		[{ grade: null, theme: null }, ['a', 'b', 'c']]
	])('%j → %j', (filter, slugs) => {
		expect(filterComics(comics, filter).map((c) => c.slug)).toEqual(slugs);
	});
});

describe('facets', () => {
	it('lists grades numerically and themes alphabetically', () => {
		expect(facets(comics)).toEqual({ grades: ['7', '8', '9'], themes: ['COLL', 'DROITS', 'SERV'] });
	});
});

describe('pickText', () => {
	const text = { fr: 'Bonjour', en: 'Hello' };
	it.each([
		['en', 'fr', { text: 'Hello', lang: 'en' }],
		['bm', 'fr', { text: 'Bonjour', lang: 'fr' }],
		['bm', 'ses', { text: 'Bonjour', lang: 'fr' }]
	])('wanted %s, reference %s', (wanted, reference, expected) => {
		expect(pickText(text, wanted, reference)).toEqual(expected);
	});
	it('returns null for no text', () => {
		expect(pickText(undefined, 'fr', 'fr')).toBeNull();
	});
});
