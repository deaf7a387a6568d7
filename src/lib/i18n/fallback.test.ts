import { get } from 'svelte/store';
import { describe, expect, it, vi } from 'vitest';
import { flatten, nest, withFallback, type Messages } from './fallback';
import { addMessages, locale, t } from './index';

const french: Messages = {
	nav: { library: 'Bibliothèque', profiles: 'Qui lit ?' },
	count: '{count, plural, one {# bande dessinée} other {# bandes dessinées}}'
};

describe('withFallback', () => {
	it('replaces each translated string and keeps French for every other one', () => {
		expect(withFallback(french, { nav: { library: 'Gafew' } })).toEqual({
			nav: { library: 'Gafew', profiles: 'Qui lit ?' },
			count: french.count
		});
	});

	it('keeps French for an empty translation and drops keys the source no longer has', () => {
		expect(withFallback(french, { nav: { library: '', gone: 'x' }, old: 'y' })).toEqual(french);
	});

	it('is French alone without translations', () => {
		expect(withFallback(french, undefined)).toEqual(french);
	});
});

describe('nest and flatten', () => {
	it('are each other’s inverse', () => {
		const flat = flatten(french);
		expect(flat).toEqual({ 'nav.library': 'Bibliothèque', 'nav.profiles': 'Qui lit ?', count: french.count });
		expect(nest(flat)).toEqual(french);
	});
});

describe('an interface language with a few translations, through the i18n layer', () => {
	it('shows the translated string, French for the others, never a key', () => {
		// A Latin Bambara dictionary is loaded too: N'Ko must not fall back to it (bm-Nkoo → bm).
		addMessages('bm', { nav: { profiles: 'Jɔn bɛ kalan na ?' } });
		// ߒߞߏ ("N'Ko", the script's own name) is test data here, not a translation of the word.
		addMessages('bm-Nkoo', withFallback(french, { nav: { library: 'ߒߞߏ' } }));
		locale.set('bm-Nkoo');
		const translate = get(t);
		expect(translate('nav.library')).toBe('ߒߞߏ');
		expect(translate('nav.profiles')).toBe('Qui lit ?');
		// The French string shown in its place counts by French rules (plural-rules.test.ts).
		expect(translate('count', { values: { count: 1 } })).toBe('1 bande dessinée');
		expect(translate('count', { values: { count: 2 } })).toBe('2 bandes dessinées');
	});

	it('shows French for a key a loaded language lacks, and a missing key as itself with a warning', () => {
		addMessages('fr', { only: { french: 'Seulement en français' } });
		addMessages('en', { only: {} });
		locale.set('en');
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		try {
			expect(get(t)('only.french')).toBe('Seulement en français');
			expect(warn).not.toHaveBeenCalled();
			expect(get(t)('only.nowhere')).toBe('only.nowhere');
			expect(get(t)('only.nowhere', { default: 'Par défaut' })).toBe('Par défaut');
			// tests/e2e/language.e2e.ts fails a page on this warning.
			expect(warn).toHaveBeenCalledWith('[i18n] The message "only.nowhere" was not found in "en".');
		} finally {
			warn.mockRestore();
		}
	});
});
