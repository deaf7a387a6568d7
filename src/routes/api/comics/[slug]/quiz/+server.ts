import { error, json } from '@sveltejs/kit';
import { getCatalog } from '$lib/server/content/catalog';
import { getQuizPayload } from '$lib/server/quiz/quiz-service';
import { reviewServices } from '$lib/server/review/server';

/** The validated quiz of a comic, with the titles of the objectives it assesses. */
export async function GET({ params }) {
	const comic = (await getCatalog()).comics.get(params.slug);
	// Students see only published, signature-verified comics (review feature), quizzes included.
	const published = await (await reviewServices()).service.publishedComic(params.slug);
	if (!comic || !published) error(404, { message: `No comic "${params.slug}"` });
	const payload = await getQuizPayload(comic.dir, comic.manifest);
	if (!payload) error(404, { message: `Comic "${params.slug}" has no quiz` });
	return json(payload);
}
