import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { forSchool } from '$lib/server/sync/http';

/** Approved versions published since the school's cursor (src/lib/server/sync/protocol.ts). */
export const GET: RequestHandler = ({ request, url }) =>
	forSchool(request, async (national) =>
		json(await national.versionsSince(url.searchParams.get('since'), url.searchParams.get('limit')), {
			headers: { 'cache-control': 'no-store' }
		})
	);
