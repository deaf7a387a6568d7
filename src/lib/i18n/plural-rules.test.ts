/**
 * Plural rules at run time come from comics/languages.json (issue 17): a message in a language uses
 * the CLDR rules its entry names (French when null), a French string shown in its place French
 * rules, and never the device's locale. The languages below are made up for the test: their tags
 * have CLDR rules of their own that differ from the ones their entry names, so a message formatted
 * by its tag's rules gives another text.
 */
import { get } from 'svelte/store';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	loadMessages,
	locale,
	messageRulesLocale,
	provideTranslations,
	setupI18n,
	t,
	type OfferedLanguage
} from './index';

const language = (tag: string, plural: string | null): OfferedLanguage => ({
	tag,
	name: { fr: tag },
	nativeName: tag,
	script: 'Latn',
	direction: 'ltr',
	plural,
	recording: null,
	ui: 'draft'
});

// `ff` has French-like rules (0 and 1 are "one"), but this entry says English ones (1 only).
// `ses` has a single category ("other"), but this entry has no stated rules: French ones apply.
const LANGUAGES = [language('fr', 'fr'), language('en', 'en'), language('ff', 'en'), language('ses', null)];
const COUNTED = '{count, plural, one {ONE #} other {OTHER #}}';

describe('plural rules of the interface language', () => {
	beforeAll(async () => {
		await setupI18n('fr', null, { languages: LANGUAGES, translations: {} });
		for (const tag of ['ff', 'ses']) {
			provideTranslations(tag, { library: { pages: COUNTED } });
			await loadMessages(tag, ['library']);
		}
	});

	const counted = (lang: string, count: number) => {
		locale.set(lang);
		return get(t)('library.pages', { values: { count } });
	};

	it("uses the rules the language's entry names, not its tag's: English for ff", () => {
		expect(messageRulesLocale('ff', 'library.pages')).toBe('en');
		expect(counted('ff', 0)).toBe('OTHER 0');
		expect(counted('ff', 1)).toBe('ONE 1');
		expect(counted('ff', 2)).toBe('OTHER 2');
	});

	it('uses French rules for a language whose rules nobody stated yet', () => {
		expect(messageRulesLocale('ses', 'library.pages')).toBe('fr');
		expect(counted('ses', 0)).toBe('ONE 0');
		expect(counted('ses', 1)).toBe('ONE 1');
		expect(counted('ses', 2)).toBe('OTHER 2');
	});

	it('formats an untranslated French string by French rules in any language', () => {
		expect(messageRulesLocale('ff', 'library.count')).toBe('fr');
		expect(get(t)('library.count', { values: { count: 1 }, locale: 'ff' })).toBe('1 bande dessinée');
		expect(get(t)('library.pages', { values: { count: 0 }, locale: 'fr' })).toBe('0 page');
	});

	it('keeps the bundled languages as they were', () => {
		expect(counted('en', 0)).toBe('0 pages');
		expect(counted('fr', 0)).toBe('0 page');
	});
});
