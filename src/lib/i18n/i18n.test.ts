import { describe, expect, it } from 'vitest';
import { catalogs } from './catalogs';
import { UI_LANGUAGES } from './index';

/** Every key path of a nested message object, e.g. "common.nav.library". */
function keys(obj: unknown, prefix = ''): string[] {
	if (typeof obj !== 'object' || obj === null) return [prefix];
	return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('message catalogs', () => {
	const french = keys(catalogs.fr).sort();

	it('has French messages', () => {
		expect(french.length).toBeGreaterThan(5);
	});

	it.each(UI_LANGUAGES.filter((l) => l !== 'fr'))('"%s" has exactly the French keys', (lang) => {
		expect(keys(catalogs[lang]).sort()).toEqual(french);
	});

	it('has no empty message', () => {
		for (const lang of UI_LANGUAGES) {
			const flat = keys(catalogs[lang]);
			for (const key of flat) {
				const value = key
					.split('.')
					.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], catalogs[lang]);
				expect(value, `${lang}:${key}`).not.toBe('');
			}
		}
	});
});
