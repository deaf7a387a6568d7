/**
 * A printable comic: its published, signed version (server/quiz/published.ts, the one place that
 * reads it), the approval, and the languages Kalanso knows; the art bytes come from the content
 * store. Never comics/ on disk (that folder holds sources nobody approved).
 */
import { readFile } from 'node:fs/promises';
import { comicsRoot, loadLanguages } from '../content/comic-folder';
import { publishedQuiz } from '../quiz/published';
import { reviewServices } from '../review/server';
import type { Printable } from './model';
import type { ReadArt } from './pdf';

export async function loadPrintable(slug: string): Promise<(Printable & { readArt: ReadArt }) | null> {
	const published = await publishedQuiz(slug);
	if (!published) return null;
	const { service } = await reviewServices();
	const languages = await loadLanguages(comicsRoot()).catch(() => []);
	return {
		document: published.document,
		payload: published.payload,
		version: published.version,
		languages,
		readArt: async (asset) => {
			if (!(asset in published.document.assets)) return null;
			const file = service.assetFile(published.document, asset);
			return file ? new Uint8Array(await readFile(file)) : null;
		}
	};
}
