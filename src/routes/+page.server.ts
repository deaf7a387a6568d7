import { facets, summarize } from '$lib/domain/library';
import { comicsRoot, loadLanguages } from '$lib/server/content/comic-folder';
import { reviewServices } from '$lib/server/review/server';

export async function load() {
	// Students see only published versions whose approval signature verifies (issue 6). The language
	// names come from languages.json alone: the library never re-validates the comics folder.
	const [{ service }, languages] = await Promise.all([reviewServices(), loadLanguages(comicsRoot())]);
	const comics = (await service.published()).map((p) =>
		summarize(p.document.manifest, 'quiz.json' in p.document.assets)
	);
	return {
		comics,
		facets: facets(comics),
		languageNames: Object.fromEntries(languages.map((l) => [l.tag, l.name]))
	};
}
