import { jsonBody } from '$lib/server/auth/http';
import { liveJson, liveRefusal } from '$lib/server/live/http';
import { liveServices } from '$lib/server/live/server';

/**
 * `POST /api/live/<session>/answers` `{ id, participantId, questionId, answer, studentId? }`:
 * idempotent by the client-generated `id`; `{ ack: 'stored' | 'already' }` or a refusal with its
 * reason (409 after the close, 404 unknown session or question, 400 malformed).
 */
export async function POST({ params, request, locals }) {
	const body = await jsonBody(request);
	if (!body) return liveRefusal(locals.lang, 400, 'malformed');
	const { live } = await liveServices();
	return liveJson(locals.lang, () => live.answer(params.sessionId, body));
}
