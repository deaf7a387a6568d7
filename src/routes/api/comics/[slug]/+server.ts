import { error, json } from '@sveltejs/kit';
import { reviewServices } from '$lib/server/review/server';

/**
 * The manifest of a comic's published version whose approval signature verifies (students see
 * nothing else). The body stays the bare manifest (the reader's ComicSource reads it as is); the
 * version hash and signing key come as headers, and `/api/comics/[slug]/version` gives the whole
 * signed version for offline verification.
 */
export async function GET({ params }) {
	const { service } = await reviewServices();
	const published = await service.publishedComic(params.slug);
	if (!published) error(404, { message: `No comic "${params.slug}"` });
	return json(published.document.manifest, {
		headers: {
			'x-kalanso-version': published.version.versionHash,
			'x-kalanso-key-id': published.version.approval.keyId,
			'cache-control': 'no-cache'
		}
	});
}
