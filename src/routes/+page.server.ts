import { facets, summarize } from '$lib/domain/library';
import { getCatalog } from '$lib/server/content/catalog';

export async function load() {
	const catalog = await getCatalog();
	const comics = [...catalog.comics.values()].map((c) => summarize(c.manifest));
	return {
		comics,
		facets: facets(comics),
		languageNames: Object.fromEntries(catalog.languages.map((l) => [l.tag, l.name]))
	};
}
