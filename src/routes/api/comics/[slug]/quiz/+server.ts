import { error, json } from '@sveltejs/kit';
import { publishedQuiz } from '$lib/server/quiz/published';

/**
 * The quiz of a comic's published, signature-verified version (the one reviewers approved, also for
 * uploaded comics), with the titles of the objectives it assesses.
 */
export async function GET({ params }) {
	const published = await publishedQuiz(params.slug);
	if (!published) error(404, { message: `No comic "${params.slug}"` });
	if (!published.payload) error(404, { message: `Comic "${params.slug}" has no quiz` });
	return json(published.payload, { headers: { 'cache-control': 'no-cache' } });
}
