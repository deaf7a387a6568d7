// Text in the art (issue 20): which languages a page's art carries, what is drawn in each language,
// what the validation accepts, and what hit testing and the transcript still give.
import { describe, expect, it } from 'vitest';
import type { Bubble, Manifest, Page } from '../manifest/schema';
import { validateManifest } from '../manifest/validate';
import { checkBudgets, PAGE_ART_BUDGET_BYTES } from '../manifest/budgets';
import type { ContentIssue } from '../manifest/issues';
import { bubbleAt, panelTranscript } from './bubbles';
import { drawnShape, hasTextInArt, letteredLanguages } from './lettering';

const shape = { kind: 'ellipse' as const, region: { x: 10, y: 10, w: 200, h: 100 } };
const lettered: Bubble = { id: 'b1', role: 'speech', text: { fr: 'Bonjour !', en: 'Hello!' } };
const drawnOver: Bubble = { id: 'b2', role: 'speech', shape, text: { fr: 'Oui.', en: 'Yes.' } };

function comic(over: Partial<Manifest> = {}, page: Partial<Page> = {}): Manifest {
	return {
		schemaVersion: 1,
		id: 'lettered',
		title: { fr: 'Titre', en: 'Title' },
		summary: { fr: 'Résumé', en: 'Summary' },
		referenceLanguage: 'fr',
		languages: [
			{ tag: 'fr', status: 'complete' },
			{ tag: 'en', status: 'complete' }
		],
		gradeLevels: ['7'],
		themes: ['COLL'],
		objectives: [],
		characters: [],
		credits: [{ role: 'story', name: 'Tests' }],
		license: 'CC-BY-4.0',
		pages: [
			{
				id: 'p1',
				image: 'p1.webp',
				width: 1000,
				height: 1000,
				panels: [
					{
						id: 'p1-1',
						region: { x: 0, y: 0, w: 1000, h: 1000 },
						description: { fr: 'Une rue.', en: 'A street.' },
						bubbles: [lettered, drawnOver]
					}
				],
				...page
			}
		],
		...over
	};
}

const validate = (m: Manifest) =>
	validateManifest(m, {
		knownLanguages: new Set(['fr', 'en', 'bm']),
		assets: new Map([['p1.webp', { kind: 'image', width: 1000, height: 1000 }]])
	}).issues.map((i) => `${i.severity} ${i.path} ${i.code}`);

describe('letteredLanguages: comic, language or page declares it', () => {
	it.each<[string, Partial<Manifest>, Partial<Page>, string[]]>([
		['textless art', {}, {}, []],
		['the comic: its reference language', { textInArt: true }, {}, ['fr']],
		[
			'a language',
			{
				languages: [
					{ tag: 'fr', status: 'complete' },
					{ tag: 'en', status: 'complete', textInArt: true }
				]
			},
			{},
			['en']
		],
		['a page, whatever the comic says', { textInArt: true }, { textInArt: ['en'] }, ['en']],
		['a textless page in a lettered comic', { textInArt: true }, { textInArt: [] }, []]
	])('%s', (_, over, page, expected) => {
		const m = comic(over, page);
		expect(letteredLanguages(m, m.pages[0]!)).toEqual(expected);
		expect(hasTextInArt(m)).toBe(expected.length > 0);
	});
});

describe('drawnShape: nothing drawn over the art in a language it carries', () => {
	it.each<[Bubble, string, string[], boolean]>([
		[drawnOver, 'fr', [], true],
		[drawnOver, 'fr', ['fr'], false],
		// A translation is drawn over the lettering, covering it.
		[drawnOver, 'en', ['fr'], true],
		[lettered, 'en', ['fr'], false],
		[lettered, 'fr', ['fr'], false]
	])('%#', (bubble, lang, carried, drawn) => {
		expect(drawnShape(bubble, lang, carried) !== null).toBe(drawn);
	});
});

describe('validation of text in the art', () => {
	it('refuses a bubble without a shape on textless art', () => {
		expect(validate(comic())).toContain('error $.pages[0].panels[0].bubbles[0].shape bubbleNeedsShape');
	});
	it('accepts it where the art carries the text, and warns that the translation is not drawn', () => {
		expect(validate(comic({ textInArt: true }))).toEqual([
			'warning $.pages[0].panels[0].bubbles[0].text.en translationNotDrawn'
		]);
	});
	it('refuses a page lettered in an undeclared language', () => {
		expect(validate(comic({}, { textInArt: ['bm'] }))).toContain(
			'error $.pages[0].textInArt[0] textInArtUndeclared'
		);
	});
});

describe('readers still get every text', () => {
	const m = comic({ textInArt: true });
	it('the transcript has the lettered bubble in every language', () => {
		expect(panelTranscript(m, 0, 0, 'fr')?.lines.map((l) => l.text)).toEqual(['Bonjour !', 'Oui.']);
		expect(panelTranscript(m, 0, 0, 'en')?.lines.map((l) => l.text)).toEqual(['Hello!', 'Yes.']);
	});
	it('a tap hits only what is drawn', () => {
		const page = m.pages[0]!;
		expect(bubbleAt(page, 'en', { x: 110, y: 60 }, ['fr'])?.id).toBe('b2');
		expect(bubbleAt(page, 'fr', { x: 110, y: 60 }, ['fr'])).toBeNull();
	});
});

describe('budgets', () => {
	it('warns about a page and a narration file over budget, and only about those', () => {
		const issues: ContentIssue[] = [];
		const m = comic({
			narration: {
				fr: {
					status: 'partial',
					voice: 'v',
					synthetic: true,
					audio: [
						{
							id: 'a1',
							sources: [
								{ src: 'a1.ogg', type: 'audio/ogg' },
								{ src: 'a1.mp3', type: 'audio/mpeg' }
							],
							durationSec: 60
						},
						{ id: 'a2', sources: [{ src: 'a2.ogg', type: 'audio/ogg' }], durationSec: 60 }
					],
					clips: []
				}
			}
		});
		const sizes = new Map([
			['p1.webp', PAGE_ART_BUDGET_BYTES + 1],
			['a1.ogg', 150_000],
			// The MP3 fallback is not what tablets play: not held to the budget.
			['a1.mp3', 900_000],
			['a2.ogg', 600_000]
		]);
		checkBudgets(m, sizes, new Map(), (path, found, severity) =>
			issues.push({
				file: '',
				path: JSON.stringify(path),
				code: found.code,
				params: found.params,
				message: '',
				severity: severity ?? 'error'
			})
		);
		expect(issues.map((i) => `${i.severity} ${i.code} ${i.params.src}`)).toEqual([
			'warning pageOverBudget p1.webp',
			'warning audioOverBudget a2.ogg'
		]);
	});
});
