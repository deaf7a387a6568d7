import { comicsRoot, loadLanguages } from '$lib/server/content/comic-folder';
import { libraryResults, libraryService } from '$lib/server/library/server';

export async function load({ url }) {
	// Students see only published versions whose approval signature verified (issue 6); the library
	// index holds exactly those (src/lib/server/library), and the database finds one page of them
	// (issue 19). The language names come from languages.json alone.
	const [results, library, languages] = await Promise.all([
		libraryResults(url.searchParams),
		libraryService(),
		loadLanguages(comicsRoot())
	]);
	return {
		...results,
		facets: await library.facets(),
		languageNames: Object.fromEntries(languages.map((l) => [l.tag, l.name]))
	};
}
