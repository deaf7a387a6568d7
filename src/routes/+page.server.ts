import { parseLibraryQuery } from '$lib/domain/library-search';
import { comicsRoot, loadLanguages } from '$lib/server/content/comic-folder';
import { libraryService } from '$lib/server/library/server';

export async function load({ url }) {
	// Students see only published versions whose approval signature verified (issue 6); the library
	// index holds exactly those (src/lib/server/library), and the database finds one page of them
	// (issue 19). The language names come from languages.json alone.
	const query = parseLibraryQuery(url.searchParams);
	const [library, languages] = await Promise.all([libraryService(), loadLanguages(comicsRoot())]);
	const result = await library.page(query);
	return {
		...result,
		query,
		facets: await library.facets(),
		languageNames: Object.fromEntries(languages.map((l) => [l.tag, l.name]))
	};
}
