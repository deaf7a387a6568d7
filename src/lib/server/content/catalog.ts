/**
 * The comics the server offers, loaded once from the comics folder and validated on the way in.
 * A comic with errors is left out (and logged with its problems), never served half-valid.
 */
import {
	comicsRoot,
	listComicDirs,
	loadComic,
	loadLanguages,
	type LanguageInfo,
	type LoadedComic
} from './comic-folder';
import { contentChecks } from './checks';
import { formatIssue } from '../../domain/manifest/issues';
import type { Manifest } from '../../domain/manifest/schema';

export interface Catalog {
	root: string;
	languages: LanguageInfo[];
	comics: Map<string, LoadedComic & { manifest: Manifest }>;
}

let loading: Promise<Catalog> | null = null;

async function load(root: string): Promise<Catalog> {
	const languages = await loadLanguages(root);
	const checks = await contentChecks(root);
	const comics: Catalog['comics'] = new Map();
	for (const dir of await listComicDirs(root)) {
		const comic = await loadComic(dir, languages, checks);
		if (comic.manifest) comics.set(comic.slug, comic as LoadedComic & { manifest: Manifest });
		else console.error(`Comic "${comic.slug}" left out:\n  ${comic.issues.map(formatIssue).join('\n  ')}`);
	}
	return { root, languages, comics };
}

/** The catalog of the configured comics folder; loaded on first use. */
export function getCatalog(): Promise<Catalog> {
	loading ??= load(comicsRoot());
	return loading;
}

/** Forgets the cached catalog (after comics change on disk). */
export function reloadCatalog(): void {
	loading = null;
}
