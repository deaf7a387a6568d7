import { error } from '@sveltejs/kit';
import { publishedQuiz } from '$lib/server/quiz/published';
import type { PageServerLoad } from './$types';

/**
 * The teacher's guide to a published comic: its summary, objectives, answer key and evidence, all
 * from the published, signed version (what the students read).
 */
export const load: PageServerLoad = async ({ params }) => {
	const published = await publishedQuiz(params.slug);
	if (!published) error(404, { message: `No comic "${params.slug}"` });
	return {
		slug: params.slug,
		manifest: published.document.manifest,
		quiz: published.payload?.quiz ?? null,
		objectives: published.payload?.objectives ?? {}
	};
};
