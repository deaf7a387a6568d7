import { error } from '@sveltejs/kit';
import { reviewServices } from '$lib/server/review/server';
import { jsonFailure, reviewUser } from '$lib/server/review/http';
import { contentType, serveFile } from '$lib/server/http/serve-file';

/** Asset files of any version (not only published ones), for its author and for reviewers. */
export async function GET({ params, request, locals }) {
	const { service } = await reviewServices();
	let file: string | null;
	try {
		file = await service.versionAsset(reviewUser(locals), params.hash, params.file);
	} catch (err) {
		return jsonFailure(err);
	}
	if (!file) error(404, { message: 'Not found' });
	// Immutable: the URL names the version, and a version never changes.
	return serveFile(file, request, 'private, max-age=31536000, immutable', contentType(params.file));
}
