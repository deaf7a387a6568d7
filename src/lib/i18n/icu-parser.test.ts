import { isDeepStrictEqual } from 'node:util';
import { parse as formatjsParse } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogs } from './catalogs';
import { FINDING_CATALOGS } from './findings';
import { parse } from './icu-parser';

/** Every message string of a catalog, with its key. */
function messages(node: unknown, prefix = ''): [string, string][] {
	if (typeof node === 'string') return [[prefix, node]];
	return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) =>
		messages(v, prefix ? `${prefix}.${k}` : k)
	);
}

// src/lib/i18n reads messages with ignoreTag: true (`<` is text), as svelte-i18n did.
const asTheApp = { ignoreTag: true };

describe('the browser ICU parser reads like formatjs', () => {
	// The message folders, and the content findings registered by the pages that show them.
	const all = [
		...Object.entries(catalogs).flatMap(([lang, catalog]) =>
			messages(catalog).map(([key, text]) => [`${lang}:${key}`, text] as const)
		),
		...Object.entries(FINDING_CATALOGS).flatMap(([lang, catalog]) =>
			messages(catalog).map(([key, text]) => [`${lang}:findings.${key}`, text] as const)
		)
	];

	it('has messages to check, some with ICU arguments and plurals', () => {
		expect(all.length).toBeGreaterThan(100);
		expect(all.some(([, text]) => text.includes(', plural,'))).toBe(true);
	});

	it('gives the same syntax tree for every message of every catalog and every finding', () => {
		// Node's deep equality per message (vitest's `toEqual` on thousands of trees took seconds on
		// a loaded CI machine), then vitest's own diff for the first message that differs.
		const differ = all.filter(
			([, text]) => !isDeepStrictEqual(parse(text, asTheApp), formatjsParse(text, asTheApp))
		);
		for (const [key, text] of differ.slice(0, 1))
			expect(parse(text, asTheApp), key).toEqual(formatjsParse(text, asTheApp));
		expect(differ.map(([key]) => key)).toEqual([]);
	});

	it.each([
		['plain text', 'Bonjour'],
		['an apostrophe in a word', "l'école d'Awa"],
		['two apostrophes', "it''s"],
		['quoted braces', "'{'ceci'}' n'est pas un argument"],
		['a quoted passage with an apostrophe inside', "'{a ''b'' c}'"],
		['an unclosed quote runs to the end', "avant '{ après"],
		['a brace at the top level', 'a } b'],
		['an argument with spaces', '{ name }'],
		['two arguments', '{a} et {b}'],
		['a number', '{n, number}'],
		['a number with a style', '{n, number, percent}'],
		['a date and a time', '{d, date, short} à {d, time, short}'],
		['a plural with =0 and #', '{n, plural, =0 {aucune} one {# BD} other {# BD}}'],
		['a plural with an offset', '{n, plural, offset:1 =0 {personne} one {toi} other {toi et # autres}}'],
		['a quoted # in a plural', "{n, plural, other {'#' # fois}}"],
		['a # outside any plural', 'n° #1'],
		['a selectordinal', '{n, selectordinal, one {#er} other {#e}}'],
		['a select', '{role, select, author {auteur} reviewer {relecteur} other {autre}}'],
		[
			'a plural inside a select',
			'{g, select, f {{n, plural, one {# fille} other {# filles}}} other {{n} élèves}}'
		],
		['an angle bracket as text', 'a < b > c'],
		['text outside the BMP', 'ok 👍🏾 {name}']
	])('%s', (_name, text) => {
		expect(parse(text, asTheApp)).toEqual(formatjsParse(text, asTheApp));
	});

	it.each([
		['an unclosed argument', '{name'],
		['an empty argument', '{}'],
		['an unknown argument type', '{n, money}'],
		['a plural without other', '{n, plural, one {# BD}}'],
		['a plural without cases', '{n, plural,}'],
		['a duplicate case', '{n, plural, one {a} one {b} other {c}}'],
		['a select case without braces', '{g, select, f fille other {x}}'],
		['a missing style', '{n, number, }']
	])('refuses %s, as formatjs does', (_name, text) => {
		expect(() => formatjsParse(text, asTheApp)).toThrow();
		expect(() => parse(text, asTheApp)).toThrow(SyntaxError);
	});

	it('refuses what it does not implement, naming the message', () => {
		expect(() => parse('{n, number, ::percent}', asTheApp)).toThrow(/skeleton.*::percent/);
		expect(() => parse('<b>gras</b>', { ignoreTag: false })).toThrow(/tags.*<b>gras/);
	});

	it('formats through intl-messageformat as formatjs does', () => {
		const text =
			'{count, plural, =0 {Aucune bande dessinée} one {# bande dessinée} other {# bandes dessinées}}';
		for (const count of [0, 1, 2, 21]) {
			const mine = new IntlMessageFormat(parse(text, asTheApp), 'fr').format({ count });
			expect(mine).toBe(new IntlMessageFormat(text, 'fr', undefined, asTheApp).format({ count }));
		}
	});
});
