import { describe, expect, it } from 'vitest';
import { explanationBody } from './feedback';

const FR = ['Vrai', 'Faux'];
const EN = ['True', 'False'];

describe('explanationBody', () => {
	it.each([
		['Faux : l’APE réunit seulement les parents.', FR, 'L’APE réunit seulement les parents.'],
		['Faux\u202f: l’extrait est gratuit.', FR, 'L’extrait est gratuit.'],
		['Vrai ! Le maire répond en public.', FR, 'Le maire répond en public.'],
		['faux. c’est gratuit', FR, 'C’est gratuit'],
		['False: the APE brings together parents only.', EN, 'The APE brings together parents only.'],
		['TRUE - the council votes.', EN, 'The council votes.']
	])('drops the leading truth word of %j', (input, labels, expected) => {
		expect(explanationBody(input, labels)).toBe(expected);
	});

	it.each([
		['Faux papiers : un délit.', FR],
		['Vraiment : le conseil vote après le débat.', FR],
		['Le conseil vote après le débat. Faux : jamais avant.', FR],
		['Falsehoods spread fast.', EN]
	])('keeps %j as it is', (input, labels) => {
		expect(explanationBody(input, labels)).toBe(input);
	});
});
