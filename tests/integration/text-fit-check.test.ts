/**
 * The text-fit rule of `comics:check`, with the real bundled font files: measurements, letters of
 * the national languages, and the broken fixture printed as `file: path: reason`.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runComicsCheck } from './comics-check-cli';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import { fillFinding } from '../../src/lib/domain/manifest/findings';
import type { Reporter } from '../../src/lib/domain/manifest/validate';
import {
	loadReadingFaces,
	measureWith,
	missingCharacters,
	textFitCheck
} from '../../src/lib/server/content/text-fit-check';

const root = path.resolve('tests/fixtures');

describe('bundled font metrics', () => {
	it('measures wider text as wider, proportionally to the size, bold wider than regular', async () => {
		const faces = await loadReadingFaces();
		const regular = measureWith(faces[400]);
		const bold = measureWith(faces[700]);
		expect(regular('Bonjour', 20)).toBeGreaterThan(regular('Bon', 20));
		expect(regular('Bonjour', 40)).toBeCloseTo(2 * regular('Bonjour', 20), 5);
		expect(bold('Bonjour', 20)).toBeGreaterThan(regular('Bonjour', 20));
		// Noto Sans: "i" is narrow, "M" is wide.
		expect(regular('M', 20)).toBeGreaterThan(2 * regular('i', 20));
	});

	it.each([
		['French', 'Déclarer la naissance à la mairie, c’est « important » !', []],
		['Bambara letters (latin-ext)', 'ɛ Ɛ ɔ Ɔ ɲ Ɲ ŋ Ŋ', []],
		['Fulfulde letters (latin-ext)', 'ɓ Ɓ ɗ Ɗ ƴ Ƴ', []],
		['a combining caron, absent from the subsets', 'ɛ\u030c', ['\u030c']],
		// Names of the language and script (Wikipedia « Bambara language », « Tifinagh »; An ka taa).
		["Bambara in N'Ko, with its tone mark (Noto Sans NKo)", 'ߓߡߊߣߊ߲ߞߊ߲ ߒߞߏ', []],
		['Tifinagh (Noto Sans Tifinagh)', 'ⵜⴼⵏⵗ ⵜⵉⴼⵉⵏⴰⵖ', []],
		['Adlam, whose font Kalanso does not bundle', '\u{1E900}', ['\u{1E900}']]
	])('%s: missing glyphs %j', async (_name, text, missing) => {
		const faces = await loadReadingFaces();
		expect(missingCharacters(faces[400], text)).toEqual(missing);
		expect(measureWith(faces[400])(text, 20)).toBeGreaterThan(0);
	});
});

describe('textFitCheck', () => {
	const manifestWith = (text: string, w: number, h: number, status: 'complete' | 'draft' = 'complete') =>
		({
			languages: [{ tag: 'fr', status }],
			pages: [
				{
					width: 1200,
					panels: [
						{
							bubbles: [
								{
									role: 'speech',
									shape: { kind: 'ellipse', region: { x: 0, y: 0, w, h } },
									text: { fr: text }
								}
							]
						}
					]
				}
			]
		}) as unknown as Manifest;

	async function issues(manifest: Manifest) {
		const check = await textFitCheck();
		const found: { path: PropertyKey[]; message: string; severity: string }[] = [];
		const report: Reporter = (path, f, severity = 'error') =>
			found.push({ path, message: fillFinding(f), severity });
		check(manifest, report);
		return found;
	}

	it.each<[string, string, number, number, 'complete' | 'draft', string[]]>([
		['short text in a roomy bubble', 'Bonjour !', 400, 160, 'complete', []],
		[
			'a long sentence in a small bubble',
			'Il faut déclarer la naissance dans les trente jours, sinon cela coûte plus cher.',
			160,
			80,
			'complete',
			['error']
		],
		[
			'the same in a draft language is a warning',
			'Il faut déclarer la naissance dans les trente jours, sinon cela coûte plus cher.',
			160,
			80,
			'draft',
			['warning']
		],
		['one very long word', 'Anticonstitutionnellement', 120, 400, 'complete', ['error']]
	])('%s', async (_name, text, w, h, status, severities) => {
		const found = await issues(manifestWith(text, w, h, status));
		expect(found.map((i) => i.severity)).toEqual(severities);
		for (const issue of found) {
			expect(issue.path).toEqual(['pages', 0, 'panels', 0, 'bubbles', 0, 'text', 'fr']);
			expect(issue.message).toMatch(/does not fit its ellipse bubble/);
		}
	});
});

describe('glyphs of every script', () => {
	it('refuses a letter no bundled font has, naming the bubble and the character', async () => {
		const manifest = {
			languages: [{ tag: 'ff-Adlm', status: 'draft' }],
			pages: [
				{
					width: 1200,
					panels: [
						{
							bubbles: [
								{
									id: 'p1-b1',
									role: 'speech',
									shape: { kind: 'ellipse', region: { x: 0, y: 0, w: 400, h: 200 } },
									text: { 'ff-Adlm': '\u{1E900}' }
								}
							]
						}
					]
				}
			]
		} as unknown as Manifest;
		const check = await textFitCheck();
		const found: { path: PropertyKey[]; message: string; severity: string }[] = [];
		check(manifest, (path, f, severity = 'error') => found.push({ path, message: fillFinding(f), severity }));
		expect(found).toEqual([
			{
				path: ['pages', 0, 'panels', 0, 'bubbles', 0, 'text', 'ff-Adlm'],
				message: expect.stringContaining(
					'bubble "p1-b1": no bundled font has a glyph for "\u{1E900}" (U+1E900)'
				),
				severity: 'error'
			}
		]);
	});
});

describe('comics:check with the text-overflow fixture', () => {
	it('prints file: place (path): reason and fails', async () => {
		const { code, out } = await runComicsCheck(path.join(root, 'broken/text-overflow'));
		expect(code).toBe(1);
		expect(out).toContain(
			'broken/text-overflow/comic.json: page 1, panel p1-2, bubble p1-2-b2 ($.pages[0].panels[1].bubbles[1].text.en): text does not fit its rect bubble (shapeByLanguage.en, 60×16)'
		);
		expect(out).toContain('1 comic(s) checked: 1 error(s)');
	});
});
