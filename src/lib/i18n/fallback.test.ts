import { addMessages, format, init, locale } from 'svelte-i18n';
import { get } from 'svelte/store';
import { describe, expect, it } from 'vitest';
import { flatten, nest, withFallback, type Messages } from './fallback';

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

describe('an interface language with a few translations, through svelte-i18n', () => {
	it('shows the translated string, French for the others, never a key', () => {
		init({ fallbackLocale: 'fr', initialLocale: 'bm-Nkoo' });
		// A Latin Bambara dictionary is loaded too: N'Ko must not fall back to it (bm-Nkoo → bm).
		addMessages('bm', { nav: { profiles: 'Jɔn bɛ kalan na ?' } } as never);
		// ߒߞߏ ("N'Ko", the script's own name) is test data here, not a translation of the word.
		addMessages('bm-Nkoo', withFallback(french, { nav: { library: 'ߒߞߏ' } }) as never);
		locale.set('bm-Nkoo');
		const t = get(format);
		expect(t('nav.library')).toBe('ߒߞߏ');
		expect(t('nav.profiles')).toBe('Qui lit ?');
		// Plural rules of the language's locale (bm: only "other").
		expect(t('count', { values: { count: 1 } })).toBe('1 bandes dessinées');
	});
});
