import { jsonBody } from '$lib/server/auth/http';
import { liveJson, liveRefusal } from '$lib/server/live/http';
import { liveServices } from '$lib/server/live/server';

/** `GET /api/live/join?code=…`: the session a code opens and the roster to pick from (wrong code: 404 `unknown-code`). */
export async function GET({ url, locals }) {
	const { live } = await liveServices();
	return liveJson(locals.lang, () => live.lookup(url.searchParams.get('code') ?? ''));
}

/** `POST /api/live/join` `{ code, participantId, studentIds, mode }`: a tablet joins (again); answers the session as it is now. */
export async function POST({ request, locals }) {
	const body = await jsonBody(request);
	if (!body || typeof body.code !== 'string') return liveRefusal(locals.lang, 400, 'malformed');
	const { code, ...rest } = body;
	const { live } = await liveServices();
	return liveJson(locals.lang, () => live.join(code as string, rest));
}
