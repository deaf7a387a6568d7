/**
 * The library page loads the part of the `offline` folder it shows (download, shell), not the
 * storage page's strings nor the download errors, loaded once a download starts or fails
 * (DESIGN.md §6: its JavaScript is budgeted); a page that loads the whole folder afterwards, or
 * before, has every string.
 */
import { get } from 'svelte/store';
import { describe, expect, it, vi } from 'vitest';
import { catalogs } from './catalogs';
import { featuresFor, loadMessages, locale, t, useMessages } from './index';

const offline = (lang: string) => catalogs[lang]!.offline as Record<string, Record<string, string>>;

/** `id` in `lang`, and whether it was missing (the warning language.e2e.ts fails on). */
function shown(lang: string, id: string): { text: string; missing: boolean } {
	locale.set(lang);
	const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
	try {
		const text = get(t)(id);
		return { text, missing: warn.mock.calls.some(([m]) => String(m).includes('was not found')) };
	} finally {
		warn.mockRestore();
	}
}

describe('a part of a message folder', () => {
	it("gives the library page the offline strings it shows and not the storage page's", async () => {
		expect(featuresFor('/')).toContain('offline:library');
		expect(featuresFor('/')).not.toContain('offline');
		await loadMessages('fr', featuresFor('/'));
		expect(shown('fr', 'offline.download.button')).toEqual({
			text: offline('fr').download!.button,
			missing: false
		});
		expect(shown('fr', 'offline.shell.link').missing).toBe(false);
		expect(shown('fr', 'offline.errors.unknown').missing).toBe(true);
		expect(shown('fr', 'offline.storage.title')).toEqual({ text: 'offline.storage.title', missing: true });
	});

	it('adds the download errors when a download asks for them, in the language shown', async () => {
		await loadMessages('en', featuresFor('/'));
		locale.set('en');
		await useMessages(['offline:errors']);
		expect(shown('en', 'offline.errors.interrupted')).toEqual({
			text: offline('en').errors!.interrupted,
			missing: false
		});
		expect(shown('en', 'offline.download.button').text).toBe(offline('en').download!.button);
		expect(shown('en', 'offline.storage.title').missing).toBe(true);
	});

	it('keeps the whole folder when the part is loaded after it, or before', async () => {
		await loadMessages('fr', ['offline']);
		expect(shown('fr', 'offline.storage.title')).toEqual({
			text: offline('fr').storage!.title,
			missing: false
		});

		await loadMessages('en', ['offline']);
		await loadMessages('en', ['offline:library']);
		expect(shown('en', 'offline.storage.title')).toEqual({
			text: offline('en').storage!.title,
			missing: false
		});
		expect(shown('en', 'offline.download.button').text).toBe(offline('en').download!.button);
	});
});
