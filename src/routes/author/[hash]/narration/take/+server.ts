/**
 * POST a recorded take (multipart: `audio` WAV, `language`, `voice`, `targets` JSON array of
 * bubble or panel ids, `points` JSON array of split points for a page take). Answers
 * `{ versionHash }` of the new draft version, or `{ code, message, params?, issues? }` saying
 * why the take was refused (studio-narration.errors.<code> in the interface).
 */
import { json } from '@sveltejs/kit';
import { reviewUser } from '$lib/server/review/http';
import { reviewServices } from '$lib/server/review/server';
import { ReviewError } from '$lib/server/review/service';
import { keepTake, TakeError } from '$lib/server/studio/narration/keep-take';

const refuse = (code: string, message: string, status = 400) => json({ code, message }, { status });

function jsonList(value: FormDataEntryValue | null): unknown[] | null {
	if (typeof value !== 'string') return null;
	try {
		const parsed: unknown = JSON.parse(value);
		return Array.isArray(parsed) ? parsed : null;
	} catch {
		return null;
	}
}

export async function POST({ params, request, locals }) {
	const user = reviewUser(locals);
	const form = await request.formData().catch(() => null);
	if (!form) return refuse('not-wav', 'send the take as multipart form data with an "audio" file');
	const audio = form.get('audio');
	if (!audio || typeof audio === 'string') return refuse('not-wav', 'the "audio" field must be a WAV file');
	const targets = jsonList(form.get('targets'));
	if (!targets?.every((t): t is string => typeof t === 'string'))
		return refuse('targets', '"targets" must be a JSON array of bubble or panel ids');
	const pointsField = form.get('points');
	const points = pointsField === null ? null : jsonList(pointsField);
	if (pointsField !== null && !points?.every((p): p is number => typeof p === 'number' && Number.isFinite(p)))
		return refuse('bad-split', '"points" must be a JSON array of seconds');
	const { service } = await reviewServices();
	try {
		const version = await keepTake(service, user, params.hash, {
			language: String(form.get('language') ?? ''),
			voice: String(form.get('voice') ?? ''),
			targets,
			wav: new Uint8Array(await audio.arrayBuffer()),
			...(points ? { pointsSec: points as number[] } : {})
		});
		return json({ versionHash: version.versionHash });
	} catch (err) {
		if (err instanceof TakeError)
			return json({ code: err.code, message: err.message, params: err.params }, { status: 400 });
		if (err instanceof ReviewError)
			return json(
				{ code: err.code, message: err.message, params: err.params, issues: err.issues },
				{ status: err.status }
			);
		throw err;
	}
}
