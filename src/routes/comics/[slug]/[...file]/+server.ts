import { error } from '@sveltejs/kit';
import { getCatalog } from '$lib/server/content/catalog';
import { assetPath } from '$lib/server/content/comic-folder';
import { serveFile } from '$lib/server/http/serve-file';

/** Page art and narration files of a comic that passed validation. */
export async function GET({ params, request }) {
	const comic = (await getCatalog()).comics.get(params.slug);
	if (!comic) error(404, { message: `No comic "${params.slug}"` });
	const file = assetPath(comic.dir, params.file);
	if (!file || params.file.endsWith('.svg') || params.file.endsWith('.json'))
		error(404, { message: 'Not found' });
	return serveFile(file, request);
}
