/**
 * Library search and filters (issue 19), pure: the ONE accent- and case-folding rule used by the
 * server (what it stores in the full-text index and how it reads a query) and by the tablet (search
 * over its own stored comics when offline), the query as it lives in the URL, and the match rule
 * the tablet applies. The server's SQL (src/lib/server/library) implements the same match: every
 * word of the query is the start of a word of the comic's text, and every filter holds.
 */
import type { Manifest } from './manifest/schema';

/** Comics per library page: keeps the DOM and the HTML small with thousands of comics. */
export const LIBRARY_PAGE_SIZE = 24;
/** Words of a query beyond this are ignored (a pasted paragraph is not a search). */
export const MAX_QUERY_WORDS = 8;

const MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/**
 * Text folded for search: decomposed (NFD), diacritics removed, lower case, words separated by
 * one space. "École" → "ecole", "Soŋay" → "sonay" (ŋ has no decomposition: it stays ŋ).
 */
export function foldText(text: string): string {
	return text.normalize('NFD').replace(MARKS, '').toLowerCase().split(NOT_WORD).filter(Boolean).join(' ');
}

/** The folded words of a search query, at most MAX_QUERY_WORDS, without repeats. */
export function searchWords(query: string | null | undefined): string[] {
	if (!query) return [];
	return [...new Set(foldText(query).split(' ').filter(Boolean))].slice(0, MAX_QUERY_WORDS);
}

/** What a comic is found by: title, summary and characters' names in every language, folded. */
export function searchTextOf(manifest: Pick<Manifest, 'title' | 'summary' | 'characters'>): string {
	const parts: string[] = [];
	for (const text of [manifest.title, manifest.summary]) parts.push(...Object.values(text));
	for (const c of manifest.characters) parts.push(...Object.values(c.name));
	return foldText(parts.join(' '));
}

/** The library's search and filters, as they appear in the URL. */
export interface LibraryQuery {
	/** Words to find (raw, as typed). */
	q: string;
	grade: string | null;
	theme: string | null;
	/** A curriculum objective code. */
	objective: string | null;
	/** A language tag the comic's text is in. */
	language: string | null;
	/** Only comics with narration (in `language` when one is chosen). */
	narration: boolean;
	/** 1-based page of results. */
	page: number;
}

const FILTER_VALUE = /^[A-Za-z0-9._-]{1,64}$/;

function filterValue(value: string | null): string | null {
	return value && FILTER_VALUE.test(value) ? value : null;
}

/** The query of a library URL; unknown or malformed values are dropped, never errors. */
export function parseLibraryQuery(params: URLSearchParams): LibraryQuery {
	const page = Number(params.get('page'));
	return {
		q: (params.get('q') ?? '').slice(0, 200),
		grade: filterValue(params.get('grade')),
		theme: filterValue(params.get('theme')),
		objective: filterValue(params.get('objective')),
		language: filterValue(params.get('language')),
		narration: params.get('narration') === '1',
		page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1
	};
}

/** The URL search string of a query (only what is set), for links and `goto`. */
export function libraryQueryString(query: Partial<LibraryQuery>): string {
	const params = new URLSearchParams();
	if (query.q?.trim()) params.set('q', query.q.trim());
	for (const name of ['grade', 'theme', 'objective', 'language'] as const) {
		const value = query[name];
		if (value) params.set(name, value);
	}
	if (query.narration) params.set('narration', '1');
	if (query.page && query.page > 1) params.set('page', String(query.page));
	const text = params.toString();
	return text ? `?${text}` : '';
}

/** What the filters look at, for one comic. */
export interface SearchableComic {
	/** From searchTextOf. */
	searchText: string;
	gradeLevels: readonly string[];
	themes: readonly string[];
	objectives: readonly string[];
	languages: readonly { tag: string }[];
	/** Languages with narration. */
	narrationLanguages: readonly string[];
}

/**
 * Whether a comic matches: every query word starts a word of its text (so "eco" finds "école"
 * while typing), and every filter holds. The tablet's offline search; the server's SQL does the same.
 */
export function matchesLibraryQuery(comic: SearchableComic, query: LibraryQuery): boolean {
	if (query.grade && !comic.gradeLevels.includes(query.grade)) return false;
	if (query.theme && !comic.themes.includes(query.theme)) return false;
	if (query.objective && !comic.objectives.includes(query.objective)) return false;
	if (query.language && !comic.languages.some((l) => l.tag === query.language)) return false;
	if (query.narration) {
		const narrated = query.language
			? comic.narrationLanguages.includes(query.language)
			: comic.narrationLanguages.length > 0;
		if (!narrated) return false;
	}
	const words = searchWords(query.q);
	if (!words.length) return true;
	const own = ` ${comic.searchText}`;
	return words.every((w) => own.includes(` ${w}`));
}

/** The languages a manifest has narration in. */
export function narrationLanguagesOf(manifest: Pick<Manifest, 'narration'>): string[] {
	return Object.keys(manifest.narration ?? {}).sort();
}
