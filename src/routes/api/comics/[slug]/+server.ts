import { error, json } from '@sveltejs/kit';
import { getCatalog } from '$lib/server/content/catalog';

/** The validated manifest of one comic. */
export async function GET({ params }) {
	const comic = (await getCatalog()).comics.get(params.slug);
	if (!comic) error(404, { message: `No comic "${params.slug}"` });
	return json(comic.manifest);
}
