/**
 * The root layout runs `setupI18n` with its data on every navigation (issue 21): what was already
 * loaded and merged is not merged and published again, and translations still show.
 */
import { get } from 'svelte/store';
import { describe, expect, it } from 'vitest';
import { BUNDLED, provideTranslations, setupI18n, t, type OfferedLanguage } from './index';

const LANGUAGES: OfferedLanguage[] = BUNDLED.filter((l) => l.tag === 'fr');

describe('setupI18n on navigation', () => {
	it('publishes only the folders the new route adds, once each', async () => {
		const data = { languages: LANGUAGES, translations: { common: { appName: 'Kalanso (traduit)' } } };
		await setupI18n('fr', '/', data);
		let updates = 0;
		const stop = t.subscribe(() => updates++);
		updates = 0;
		// Same layout data, a route needing two more folders (reader, narration): two updates.
		await setupI18n('fr', '/read/[slug]', data);
		expect(updates).toBe(2);
		// Back to the library: everything is loaded already, nothing changes.
		updates = 0;
		await setupI18n('fr', '/', data);
		expect(updates).toBe(0);
		stop();
		expect(get(t)('common.appName')).toBe('Kalanso (traduit)');
		expect(get(t)('reader.textLanguage')).not.toBe('reader.textLanguage');
	});

	it('merges new translations into the folders already loaded', () => {
		provideTranslations('fr', { common: { appName: 'Kalanso (nouveau)' } });
		expect(get(t)('common.appName')).toBe('Kalanso (nouveau)');
	});
});
