import { describe, expect, it } from 'vitest';
import {
	foldText,
	libraryQueryString,
	matchesLibraryQuery,
	parseLibraryQuery,
	searchTextOf,
	searchWords,
	type LibraryQuery,
	type SearchableComic
} from './library-search';

describe('foldText', () => {
	it.each([
		['École', 'ecole'],
		['ÉCOLE  élèves', 'ecole eleves'],
		['l’eau, c’est la vie!', 'l eau c est la vie'],
		['Comité de gestion scolaire (CGS)', 'comite de gestion scolaire cgs'],
		['Soŋay', 'soŋay'],
		// Composed and decomposed forms fold to the same text.
		['e\u0301cole', 'ecole'],
		['', '']
	])('%j → %j', (text, folded) => {
		expect(foldText(text)).toBe(folded);
	});
});

describe('searchWords', () => {
	it('folds, splits, drops repeats and keeps at most 8 words', () => {
		expect(searchWords('  Ecole école ÉCOLE puits ')).toEqual(['ecole', 'puits']);
		expect(searchWords('a b c d e f g h i j')).toHaveLength(8);
		expect(searchWords(null)).toEqual([]);
	});
});

describe('parseLibraryQuery / libraryQueryString', () => {
	it('round-trips what is set and drops malformed values', () => {
		const query = parseLibraryQuery(
			new URLSearchParams(
				'q=école&grade=8&theme=SERV&objective=SMP-ECM-8-SERV-01.1&language=bm&narration=1&page=3'
			)
		);
		expect(query).toEqual({
			q: 'école',
			grade: '8',
			theme: 'SERV',
			objective: 'SMP-ECM-8-SERV-01.1',
			language: 'bm',
			narration: true,
			page: 3
		});
		expect(parseLibraryQuery(new URLSearchParams(libraryQueryString(query)))).toEqual(query);
		expect(parseLibraryQuery(new URLSearchParams('grade=<script>&page=-2&narration=yes'))).toMatchObject({
			grade: null,
			page: 1,
			narration: false
		});
		expect(libraryQueryString({ q: '  ', page: 1 })).toBe('');
	});
});

describe('matchesLibraryQuery', () => {
	const comic: SearchableComic = {
		searchText: searchTextOf({
			title: { fr: 'Awa et le CGS', en: 'Awa and the school committee' },
			summary: { fr: "Aminata ne vient plus à l'école.", en: 'Aminata stopped coming to class.' },
			characters: [{ id: 'awa', name: { fr: 'Awa', bm: 'Awa Traoré' } }]
		}),
		gradeLevels: ['8', '9'],
		themes: ['SERV', 'DROITS'],
		objectives: ['SMP-ECM-8-SERV-01.1'],
		languages: [{ tag: 'fr' }, { tag: 'en' }],
		narrationLanguages: ['fr']
	};
	const query = (q: Partial<LibraryQuery>): LibraryQuery => ({
		...parseLibraryQuery(new URLSearchParams()),
		...q
	});
	it.each([
		[{}, true],
		[{ q: 'ecole' }, true],
		[{ q: 'ECOLE aminata' }, true],
		[{ q: 'eco' }, true],
		[{ q: 'traore' }, true],
		[{ q: 'committee' }, true],
		[{ q: 'cole' }, false],
		[{ q: 'ecole puits' }, false],
		[{ grade: '8' }, true],
		[{ grade: '7' }, false],
		[{ theme: 'DROITS', grade: '9' }, true],
		[{ objective: 'SMP-ECM-8-SERV-01.1' }, true],
		[{ objective: 'SMP-ECM-7-COLL-01.1' }, false],
		[{ language: 'en' }, true],
		[{ language: 'bm' }, false],
		[{ narration: true }, true],
		[{ narration: true, language: 'fr' }, true],
		[{ narration: true, language: 'en' }, false]
	])('%j → %s', (q, expected) => {
		expect(matchesLibraryQuery(comic, query(q))).toBe(expected);
	});
});
