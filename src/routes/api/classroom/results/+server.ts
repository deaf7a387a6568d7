import { json } from '@sveltejs/kit';
import { serverMessage } from '$lib/server/auth/messages';
import { jsonBody } from '$lib/server/auth/http';
import { ClassroomError } from '$lib/server/classroom/service';
import { classroomService } from '$lib/server/classroom/server';

/** Results per request: a tablet's outbox sends its queue in batches of this size. */
const MAX_PER_REQUEST = 200;

/**
 * `POST /api/classroom/results` `{ code, results: [...] }`: a tablet's outbox uploads finished
 * quizzes and readings of one class. Idempotent: each result id is stored once; the answer lists
 * what was stored now, what was stored before (both acknowledged: the tablet may forget them) and
 * what was refused, with the reason. Public like everything students use; the class code admits.
 */
export async function POST({ request, locals }) {
	const body = await jsonBody(request);
	const refuse = (status: number, code: string) =>
		json({ code, message: serverMessage(locals.lang, `classroom.error.${code}`) }, { status });
	if (!body || typeof body.code !== 'string' || !Array.isArray(body.results)) return refuse(400, 'malformed');
	if (body.results.length > MAX_PER_REQUEST) return refuse(413, 'too-many');
	const service = await classroomService();
	try {
		return json(await service.submitFromTablet(body.code, body.results));
	} catch (error) {
		if (!(error instanceof ClassroomError)) throw error;
		return refuse(error.status, error.code);
	}
}
