import { liveJson } from '$lib/server/live/http';
import { liveServices } from '$lib/server/live/server';

/** `GET /api/live/<session>/state?participant=…`: the session now, with this tablet's answer and turn. */
export async function GET({ params, url, locals }) {
	const { live } = await liveServices();
	return liveJson(locals.lang, () =>
		live.snapshot(params.sessionId, url.searchParams.get('participant') ?? undefined)
	);
}
