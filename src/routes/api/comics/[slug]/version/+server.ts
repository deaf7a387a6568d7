import { error, json } from '@sveltejs/kit';
import { reviewServices } from '$lib/server/review/server';

/**
 * The signed version of a published comic: the version document (canonical manifest + SHA-256 of
 * every asset), its hash and the approval signature. What a tablet stores with a pack and checks
 * with `verifySignedVersion` (src/lib/domain/signing/verify.ts) against the keys of /api/keys.
 */
export async function GET({ params }) {
	const { service } = await reviewServices();
	const published = await service.publishedComic(params.slug);
	if (!published) error(404, { message: `No comic "${params.slug}"` });
	return json(
		{
			comicId: published.version.comicId,
			versionHash: published.version.versionHash,
			approval: published.version.approval,
			document: published.document
		},
		{ headers: { 'cache-control': 'no-cache' } }
	);
}
