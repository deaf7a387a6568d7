import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { FINDING_TEXTS, fillFinding, type FindingCode } from '$lib/domain/manifest/findings';
import { FINDING_CATALOGS } from './findings';
import { UI_LANGUAGES } from './index';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const codes = Object.keys(FINDING_TEXTS) as FindingCode[];

describe('findings catalogs', () => {
	it('has a catalog for every interface language', () => {
		expect(Object.keys(FINDING_CATALOGS).sort()).toEqual([...UI_LANGUAGES].sort());
	});

	it.each(UI_LANGUAGES)('"%s" translates exactly the findings codes, with their placeholders', (lang) => {
		const catalog: Record<string, string> = FINDING_CATALOGS[lang];
		expect(Object.keys(catalog).sort()).toEqual([...codes].sort());
		for (const code of codes) {
			expect(catalog[code], `${lang}:${code}`).not.toBe('');
			expect(placeholders(catalog[code]!), `${lang}:${code}`).toEqual(placeholders(FINDING_TEXTS[code]));
		}
	});

	it('fills English templates exactly as the interface formats them (ICU)', () => {
		for (const code of codes) {
			const params = Object.fromEntries(placeholders(FINDING_TEXTS[code]).map((name) => [name, `<${name}>`]));
			const icu = new IntlMessageFormat(FINDING_TEXTS[code], 'en').format(params);
			expect(fillFinding({ code, params }), code).toBe(icu);
		}
	});

	it('formats every French template with ICU', () => {
		for (const code of codes) {
			const params = Object.fromEntries(placeholders(FINDING_TEXTS[code]).map((name) => [name, `<${name}>`]));
			const text = new IntlMessageFormat(FINDING_CATALOGS.fr[code], 'fr').format(params) as string;
			for (const value of Object.values(params)) expect(text, code).toContain(value);
		}
	});
});
