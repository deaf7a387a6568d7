import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { forSchool } from '$lib/server/sync/http';

/**
 * One batch of a school's aggregated results (no student names or ids). Idempotent: a batch id
 * already received is acknowledged again and counted once.
 */
export const POST: RequestHandler = ({ request }) =>
	forSchool(request, async (national, school) => {
		let body: unknown;
		try {
			body = await request.json();
		} catch {
			return json({ error: 'bad-json', reason: 'the body is not JSON' }, { status: 400 });
		}
		return json(await national.receiveResults(school, body));
	});
