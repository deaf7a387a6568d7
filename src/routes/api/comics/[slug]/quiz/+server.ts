import { readFile } from 'node:fs/promises';
import { error, json } from '@sveltejs/kit';
import { comicsRoot } from '$lib/server/content/comic-folder';
import { getQuizPayload } from '$lib/server/quiz/quiz-service';
import { reviewServices } from '$lib/server/review/server';

/**
 * The quiz of a comic's published, signature-verified version (the one reviewers approved, also for
 * uploaded comics), with the titles of the objectives it assesses.
 */
export async function GET({ params }) {
	const { service } = await reviewServices();
	const published = await service.publishedComic(params.slug);
	if (!published) error(404, { message: `No comic "${params.slug}"` });
	const payload = await getQuizPayload(
		published.document,
		async (document, assetPath) => {
			const file = service.assetFile(document, assetPath);
			return file ? new Uint8Array(await readFile(file)) : null;
		},
		comicsRoot()
	);
	if (!payload) error(404, { message: `Comic "${params.slug}" has no quiz` });
	return json(payload, { headers: { 'cache-control': 'no-cache' } });
}
