/** What the library shows of each comic, and its filters. Pure. */
import type { ComicLanguage, LocalizedText, Manifest } from './manifest/schema';
import { narrationLanguagesOf, searchTextOf } from './library-search';

export interface ComicSummary {
	slug: string;
	title: LocalizedText;
	summary: LocalizedText;
	referenceLanguage: string;
	languages: ComicLanguage[];
	gradeLevels: string[];
	themes: string[];
	/** Curriculum objective codes. */
	objectives: string[];
	/** Languages with narration. */
	narrationLanguages: string[];
	/** Folded words the comic is found by (library-search.ts). */
	searchText: string;
	/** Cover image path relative to the comic folder, with its size. */
	cover: { src: string; width: number; height: number };
	pageCount: number;
	panelCount: number;
	/** The published version carries a quiz: the library offers "Quiz" only then. */
	hasQuiz: boolean;
}

/**
 * The library card of a comic. `hasQuiz` comes from the version's files (a quiz is `quiz.json`
 * next to the manifest), which the manifest alone does not say.
 */
export function summarize(manifest: Manifest, hasQuiz: boolean): ComicSummary {
	const first = manifest.pages[0]!;
	return {
		slug: manifest.id,
		title: manifest.title,
		summary: manifest.summary,
		referenceLanguage: manifest.referenceLanguage,
		languages: manifest.languages,
		gradeLevels: manifest.gradeLevels,
		themes: manifest.themes,
		objectives: manifest.objectives,
		narrationLanguages: narrationLanguagesOf(manifest),
		searchText: searchTextOf(manifest),
		cover: { src: manifest.cover ?? first.image, width: first.width, height: first.height },
		pageCount: manifest.pages.length,
		panelCount: manifest.pages.reduce((n, p) => n + p.panels.length, 0),
		hasQuiz
	};
}

export interface LibraryFilter {
	grade?: string | null;
	theme?: string | null;
}

export function filterComics<T extends Pick<ComicSummary, 'gradeLevels' | 'themes'>>(
	comics: readonly T[],
	filter: LibraryFilter
): T[] {
	return comics.filter(
		(c) =>
			(!filter.grade || c.gradeLevels.includes(filter.grade)) &&
			(!filter.theme || c.themes.includes(filter.theme))
	);
}

/** Every grade and theme present, sorted, to build the filter choices. */
export function facets(comics: readonly Pick<ComicSummary, 'gradeLevels' | 'themes'>[]): {
	grades: string[];
	themes: string[];
} {
	const grades = new Set<string>();
	const themes = new Set<string>();
	for (const c of comics) {
		c.gradeLevels.forEach((g) => grades.add(g));
		c.themes.forEach((t) => themes.add(t));
	}
	return { grades: [...grades].sort((a, b) => Number(a) - Number(b)), themes: [...themes].sort() };
}

/**
 * Text in the wanted language, else the reference language, else any: with the language actually
 * used, so the UI can mark text shown in another language than asked.
 */
export function pickText(
	text: LocalizedText | undefined,
	wanted: string,
	reference: string
): { text: string; lang: string } | null {
	if (!text) return null;
	for (const lang of [wanted, reference]) {
		const value = text[lang];
		if (value) return { text: value, lang };
	}
	const first = Object.entries(text)[0];
	return first ? { text: first[1], lang: first[0] } : null;
}
