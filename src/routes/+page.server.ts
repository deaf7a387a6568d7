import { facets, summarize } from '$lib/domain/library';
import { getCatalog } from '$lib/server/content/catalog';
import { reviewServices } from '$lib/server/review/server';

export async function load() {
	const catalog = await getCatalog();
	// Students see only published versions whose approval signature verifies (issue 6).
	const { service } = await reviewServices();
	const comics = (await service.published()).map((p) =>
		summarize(p.document.manifest, 'quiz.json' in p.document.assets)
	);
	return {
		comics,
		facets: facets(comics),
		languageNames: Object.fromEntries(catalog.languages.map((l) => [l.tag, l.name]))
	};
}
