import { describe, expect, it } from 'vitest';
import type { Manifest } from '../manifest/schema';
import { verdictOpening } from './content-review';
import type { Quiz } from './schema';
import { validateQuiz } from './validate';
import tinyManifest from '../../../../tests/fixtures/comics/tiny/comic.json';
import tinyQuiz from '../../../../tests/fixtures/comics/tiny/quiz.json';

const manifest = tinyManifest as unknown as Manifest;
const quiz = () => structuredClone(tinyQuiz) as unknown as Quiz;
const lines = (raw: Quiz) =>
	validateQuiz(raw, { manifest, assets: new Map() }).issues.map(
		(i) => `${i.path}: ${i.message}${i.severity === 'warning' ? ' (warning)' : ''}`
	);

describe('feedback that contradicts the verdict', () => {
	it.each([
		['Faux : l’extrait est gratuit.', 'Faux'],
		['Faux\u00a0: l’extrait est gratuit.', 'Faux'],
		['False: the extract is free.', 'False'],
		['Vrai ! Moussa répond.', 'Vrai'],
		['« Bravo ! » Moussa répond.', 'Bravo'],
		['No, the APE is for parents only.', 'No']
	])('finds the verdict that opens %j', (text, word) => {
		expect(verdictOpening(text)).toBe(word);
	});

	it.each([
		'L’extrait est gratuit : seules les copies coûtent 100 francs.',
		'Non seulement les parents, mais aussi les élèves siègent au CGS.',
		'Nobody pays for the extract.',
		'True friends help: Awa tells the CGS.'
	])('lets a statement of fact through: %j', (text) => {
		expect(verdictOpening(text)).toBeNull();
	});

	it('refuses a true/false explanation that starts with "Faux :" in comics:check, per language', () => {
		const z = quiz();
		z.questions[2]!.explanation = { fr: 'Faux\u00a0: Moussa répond.', en: 'Moussa answers.' };
		expect(lines(z)).toEqual([
			'$.questions[2].explanation.fr: the explanation opens with "Faux": it is shown after right and wrong answers alike, so it must not give a verdict of its own; state the fact instead'
		]);
	});
});

describe('evidence panels hold the answer', () => {
	it('accepts the tiny quiz, whose key terms are all in their panels', () => {
		expect(lines(quiz())).toEqual([]);
	});

	it('reports a key term that the cited panel does not say, in that language', () => {
		const z = quiz();
		z.questions[0]!.evidence = { panel: 'p1-2', terms: { fr: ['mairie'], en: ['town hall'] } };
		expect(lines(z)).toEqual([
			'$.questions[0].evidence.terms.fr[0]: key term "mairie" does not appear in the "fr" texts of panel "p1-2" (bubbles and description): the panel does not show the answer',
			'$.questions[0].evidence.terms.en[0]: key term "town hall" does not appear in the "en" texts of panel "p1-2" (bubbles and description): the panel does not show the answer'
		]);
	});

	it('matches terms whatever the case, apostrophes and no-break spaces', () => {
		const z = quiz();
		z.questions[0]!.evidence = { panel: 'p1-1', terms: { fr: ['BONJOUR\u00a0MOUSSA', 'devant la mairie'] } };
		expect(lines(z)).toEqual([]);
	});

	it('reports an unknown evidence panel as an error', () => {
		const z = quiz();
		z.questions[1]!.evidence = { panel: 'p9-9' };
		expect(lines(z)).toEqual(['$.questions[1].evidence.panel: unknown panel "p9-9" (not in comic.json)']);
	});

	it('warns about a question without evidence, or without key terms to check it by', () => {
		const z = quiz();
		delete z.questions[0]!.evidence;
		z.questions[1]!.evidence = { panel: 'p1-2' };
		expect(lines(z)).toEqual([
			'$.questions[0]: question "q-where" has no evidence panel: point at the panel that holds its answer (warning)',
			'$.questions[1].evidence: question "q-who" lists no key terms for its evidence panel, so nothing checks that the panel holds the answer (warning)'
		]);
	});

	it('refuses the evidence panel of a find question that is not a panel to tap', () => {
		const z = quiz();
		const find = z.questions.findIndex((q) => q.type === 'find');
		z.questions[find]!.evidence = { panel: 'p1-1', terms: { fr: ['mairie'] } };
		expect(lines(z)).toEqual([
			`$.questions[${find}].evidence.panel: evidence panel "p1-1" is not one of the panels to tap`
		]);
	});
});
