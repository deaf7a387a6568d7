import type { RequestHandler } from './$types';
import { serveFile } from '$lib/server/http/serve-file';
import { forSchool } from '$lib/server/sync/http';

/**
 * A file of a published version for a school server: `document` or an asset's SHA-256. Range
 * requests resume a cut download. Content-addressed, so cacheable forever.
 */
export const GET: RequestHandler = ({ request, params }) =>
	forSchool(request, async (national) => {
		const file = await national.versionFile(params.hash, params.file);
		const type = params.file === 'document' ? 'application/json; charset=utf-8' : 'application/octet-stream';
		return serveFile(file, request, 'private, max-age=31536000, immutable', type);
	});
