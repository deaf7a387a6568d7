import { error } from '@sveltejs/kit';
import { reviewServices } from '$lib/server/review/server';
import { contentType, serveFile } from '$lib/server/http/serve-file';

/** Page art, narration and quiz files of a comic's published, signature-verified version. */
export async function GET({ params, request }) {
	const { service } = await reviewServices();
	const published = await service.publishedComic(params.slug);
	if (!published) error(404, { message: `No comic "${params.slug}"` });
	const file = service.assetFile(published.document, params.file);
	if (!file) error(404, { message: 'Not found' });
	// Blobs are named by hash: the type comes from the asset's path in the comic.
	return serveFile(file, request, 'no-cache', contentType(params.file));
}
