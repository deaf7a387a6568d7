import { describe, expect, it } from 'vitest';
import languagesFile from '../../../../comics/languages.json';
import { canvasLine, directionOf, parseLanguages, pluralCategory, scriptsIn, uiLanguages } from './languages';

const shipped = parseLanguages(languagesFile);
const byTag = (tag: string) => shipped.find((l) => l.tag === tag)!;

describe('comics/languages.json', () => {
	it("has N'Ko (right to left) and Tifinagh (left to right) entries, named in their own script", () => {
		for (const tag of ['bm-Nkoo', 'nqo']) {
			expect(byTag(tag)).toMatchObject({ script: 'Nkoo', direction: 'rtl' });
			expect([...scriptsIn(byTag(tag).nativeName)]).toEqual(['Nkoo']);
		}
		expect(byTag('taq-Tfng')).toMatchObject({ script: 'Tfng', direction: 'ltr' });
		expect(scriptsIn(byTag('taq-Tfng').nativeName).has('Tfng')).toBe(true);
	});

	it('cites a source for every name in a script other than Latin', () => {
		for (const l of shipped.filter((l) => l.script !== 'Latn'))
			expect(l.nativeNameSource, l.tag).toBeTruthy();
	});

	it('offers French and English reviewed, national languages only as drafts', () => {
		const ui = uiLanguages(shipped);
		expect(ui.filter((l) => l.ui === 'reviewed').map((l) => l.tag)).toEqual(['fr', 'en']);
		expect(ui.filter((l) => l.tag !== 'fr' && l.tag !== 'en').every((l) => l.ui === 'draft')).toBe(true);
	});

	it('has no invented recording: every recording is null until a speaker records one', () => {
		expect(shipped.every((l) => l.recording === null)).toBe(true);
	});
});

describe('parseLanguages', () => {
	const entry = { tag: 'bm', name: { fr: 'Bambara' }, nativeName: 'Bamanankan' };
	it('fills defaults from the tag: script subtag, direction from the script, plural rules of the tag', () => {
		expect(parseLanguages({ languages: [entry] })[0]).toEqual({
			...entry,
			script: 'Latn',
			direction: 'ltr',
			plural: 'bm',
			recording: null
		});
		const nko = parseLanguages({ languages: [{ ...entry, tag: 'bm-Nkoo', nativeName: 'ߓߡߊߣߊ߲ߞߊ߲' }] })[0]!;
		expect(nko).toMatchObject({ script: 'Nkoo', direction: 'rtl' });
		expect(parseLanguages({ languages: [{ ...entry, ui: true }] })[0]!.ui).toBe('reviewed');
	});

	it.each([
		[{ languages: {} }, 'expected { "languages": [...] }'],
		[{ languages: [{ ...entry, tag: 'Bambara!' }] }, 'languages[0]: "tag" must be a BCP-47 tag'],
		[{ languages: [entry, entry] }, 'language "bm" is listed twice'],
		[{ languages: [{ ...entry, nativeName: '' }] }, 'language "bm": "nativeName" is required'],
		[
			{ languages: [{ ...entry, script: 'Arab' }] },
			'language "bm": "script" must be one of Latn, Nkoo, Tfng'
		],
		[{ languages: [{ ...entry, direction: 'ttb' }] }, 'language "bm": "direction" must be "ltr" or "rtl"'],
		[
			{ languages: [{ ...entry, plural: 'xx-nope' }] },
			'language "bm": "plural" must be a locale with CLDR plural rules'
		],
		[{ languages: [{ ...entry, ui: 'yes' }] }, 'language "bm": "ui" must be "reviewed" or "draft"'],
		[
			{ languages: [{ ...entry, recording: 'http://x/a.ogg' }] },
			'language "bm": "recording" must be a path under static/'
		]
	])('refuses %j naming what is wrong', (raw, message) => {
		expect(() => parseLanguages(raw, 'x/languages.json')).toThrow(`x/languages.json: ${message}`);
	});
});

describe('pluralCategory', () => {
	it.each([
		// French: 0 and 1 are "one" (CLDR), unlike English.
		['fr', 0, 'one'],
		['fr', 1, 'one'],
		['fr', 2, 'other'],
		['fr', 1_000_000, 'many'],
		['en', 0, 'other'],
		['en', 1, 'one'],
		// Bambara (and N'Ko, which follows it here) has no plural categories in CLDR: always "other".
		['bm', 1, 'other'],
		['bm-Nkoo', 1, 'other'],
		['bm-Nkoo', 5, 'other'],
		// Tamasheq's rules are not stated yet: French rules, the fallback language's.
		['taq-Tfng', 0, 'one'],
		['taq-Tfng', 2, 'other']
	])('%s %d → %s', (tag, count, category) => {
		expect(pluralCategory(byTag(tag), count)).toBe(category);
	});
});

describe('scriptsIn', () => {
	it.each([
		['Bamanankan', ['Latn']],
		['ɛɔɲŋ', ['Latn']],
		['ߒߞߏ', ['Nkoo']],
		['ⵜⴼⵏⵗ', ['Tfng']],
		['Tamasheq ⵜⴼⵏⵗ', ['Latn', 'Tfng']],
		['12 !', []],
		['߁߂', ['Nkoo']],
		['ⵜ a', ['Latn', 'Tfng']],
		['ߒ Ω', ['Latn', 'Nkoo']]
	])('%s → %j', (text, scripts) => {
		expect([...scriptsIn(text)].sort()).toEqual(scripts);
	});
});

describe('directionOf and canvasLine (bubble text drawn on a canvas)', () => {
	it.each([
		['ߓߡߊߣߊ߲ߞߊ߲', 'rtl'],
		['« ߒߞߏ »', 'rtl'],
		['ⵜⴼⵏⵗ', 'ltr'],
		['Bamanankan', 'ltr'],
		['123', 'ltr']
	])('%s reads %s', (text, direction) => {
		expect(directionOf(text)).toBe(direction);
	});

	it('embeds a right-to-left line so its punctuation sits at its end, leaving others as they are', () => {
		expect(canvasLine('ߒߞߏ!', 'rtl')).toBe('\u202Bߒߞߏ!\u202C');
		expect(canvasLine('Kalanso!', 'ltr')).toBe('Kalanso!');
	});
});
