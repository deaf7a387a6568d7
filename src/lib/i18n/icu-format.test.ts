import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogs } from './catalogs';
import { FINDING_CATALOGS } from './findings';
import { formatMessage, type MessageValues } from './icu-format';

/** Every message string of a catalog, with its key. */
function messages(node: unknown, prefix = ''): [string, string][] {
	if (typeof node === 'string') return [[prefix, node]];
	return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) =>
		messages(v, prefix ? `${prefix}.${k}` : k)
	);
}

/** The arguments a message names, by kind, with the cases of its selects. */
function argumentsOf(
	elements: MessageFormatElement[],
	found = new Map<string, string[] | 'number' | 'text'>()
) {
	for (const element of elements) {
		if (element.type === TYPE.argument) found.set(element.value, 'text');
		if (element.type === TYPE.number || element.type === TYPE.plural) found.set(element.value, 'number');
		if (element.type === TYPE.select) found.set(element.value, Object.keys(element.options));
		if (element.type === TYPE.select || element.type === TYPE.plural)
			for (const option of Object.values(element.options)) argumentsOf(option.value, found);
	}
	return found;
}

const COUNTS = [0, 1, 2, 5, 21, 1.5, 1000];

/** Values for `text` in the `scenario`-th way: each count in turn, each select case in turn. */
function valuesFor(text: string, scenario: number): MessageValues {
	const values: MessageValues = {};
	for (const [name, kind] of argumentsOf(parse(text, { ignoreTag: true }))) {
		if (kind === 'number') values[name] = COUNTS[scenario % COUNTS.length];
		else if (kind === 'text') values[name] = `«${name}»`;
		else values[name] = [...kind, 'unknown-case'][scenario % (kind.length + 1)];
	}
	return values;
}

const viaIntl = (text: string, locale: string, values: MessageValues) =>
	new IntlMessageFormat(text, locale, undefined, { ignoreTag: true }).format(values) as string;

describe('formatMessage formats as intl-messageformat', () => {
	const all = [
		...Object.entries(catalogs).flatMap(([lang, catalog]) =>
			messages(catalog).map(([key, text]) => [lang, key, text] as const)
		),
		...Object.entries(FINDING_CATALOGS).flatMap(([lang, catalog]) =>
			messages(catalog).map(([key, text]) => [lang, `findings.${key}`, text] as const)
		)
	];

	it('every message of every catalog and every finding, with each count and select case', () => {
		const withArguments = all.filter(([, , text]) => text.includes('{'));
		expect(withArguments.length).toBeGreaterThan(50);
		for (const [lang, key, text] of withArguments) {
			for (let scenario = 0; scenario < COUNTS.length; scenario++) {
				const values = valuesFor(text, scenario);
				expect(formatMessage(text, lang, values), `${lang}:${key} ${JSON.stringify(values)}`).toBe(
					viaIntl(text, lang, values)
				);
			}
		}
	});

	it.each([
		['plain text with an apostrophe', "l'école d'Awa", {}],
		['quoted braces', "'{'ceci'}' n''est {x}", { x: 'pas' }],
		['a plural with =0, # and French rules', '{n, plural, =0 {aucune} one {# BD} other {# BD}}', { n: 0 }],
		['French counts 0 as one', '{n, plural, one {# fille} other {# filles}}', { n: 0 }],
		['digits of the locale in #', '{n, plural, other {# pages}}', { n: 12345.5 }],
		[
			'an offset',
			'{n, plural, offset:1 =0 {personne} =1 {toi} one {toi et # autre} other {toi et # autres}}',
			{ n: 3 }
		],
		['an exact case before the offset', '{n, plural, offset:1 =1 {toi seul} other {# autres}}', { n: 1 }],
		['a selectordinal', '{n, selectordinal, one {#er} other {#e}}', { n: 1 }],
		['a select with other', '{r, select, author {auteur} other {autre}}', { r: 'teacher' }],
		[
			'# of a plural inside a select',
			'{n, plural, other {{g, select, f {# filles} other {# élèves}}}}',
			{ n: 3, g: 'f' }
		],
		['a number', '{n, number} et {n, number, percent} et {n, number, integer}', { n: 0.256 }],
		['a number argument left as written', '{n} fois', { n: 12345.5 }],
		[
			'a date and a time',
			'{d, date, medium} {d, date, long} {d, time, short}',
			{ d: new Date(Date.UTC(2026, 11, 6, 12)) }
		],
		['an empty value', '[{a}][{b}]', { a: null, b: '' }],
		['an angle bracket as text', 'a < b > {c}', { c: 'c' }]
	] satisfies [string, string, MessageValues][])('%s', (_name, text, values) => {
		for (const locale of ['fr', 'en'])
			expect(formatMessage(text, locale, values)).toBe(viaIntl(text, locale, values));
	});

	it('throws, as intl-messageformat does, on a value the message names but was not given', () => {
		expect(() => viaIntl('{a} et {b}', 'fr', { a: 'x' })).toThrow();
		expect(() => formatMessage('{a} et {b}', 'fr', { a: 'x' })).toThrow(/"b"/);
	});
});
