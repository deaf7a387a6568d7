import { afterEach, describe, expect, it, vi } from 'vitest';
import { languageLabel, languageName } from './language-name';

describe('language names from the browser', () => {
	afterEach(() => vi.restoreAllMocks());

	it('names a language in the interface language, inside a sentence or as a label', () => {
		expect(languageName('fr', 'fr')).toBe('français');
		expect(languageLabel('fr', 'fr')).toBe('Français');
		expect(languageLabel('fr', 'en')).toBe('French');
		expect(languageLabel('bm', 'fr')).toBe('Bambara');
	});

	it('shows the tag where the browser has no name or the tag is malformed', () => {
		expect(languageLabel('qaa', 'fr')).toBe('qaa');
		expect(languageName('not a tag!', 'fr')).toBe('not a tag!');
	});

	it('builds the browser data once per interface language, however many names are asked', () => {
		const built = vi.spyOn(Intl, 'DisplayNames');
		for (const tag of ['fr', 'en', 'bm', 'ff', 'son']) languageLabel(tag, 'de');
		languageName('fr', 'de');
		expect(built).toHaveBeenCalledTimes(1);
		languageLabel('fr', 'es');
		expect(built).toHaveBeenCalledTimes(2);
	});
});
