import { error } from '@sveltejs/kit';
import { getCatalog } from '$lib/server/content/catalog';
import { getQuizPayload } from '$lib/server/quiz/quiz-service';
import { reviewServices } from '$lib/server/review/server';
import type { PageServerLoad } from './$types';

/** The teacher's guide to a published comic: its summary, objectives, answer key and evidence. */
export const load: PageServerLoad = async ({ params }) => {
	const comic = (await getCatalog()).comics.get(params.slug);
	const published = await (await reviewServices()).service.publishedComic(params.slug);
	if (!comic || !published) error(404, { message: `No comic "${params.slug}"` });
	const payload = await getQuizPayload(comic.dir, comic.manifest);
	return {
		slug: params.slug,
		manifest: comic.manifest,
		quiz: payload?.quiz ?? null,
		objectives: payload?.objectives ?? {}
	};
};
