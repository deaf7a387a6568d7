/**
 * POST: marks the recorded name of `lang` reviewed. Refused (403, `own-review`) to whoever
 * recorded it: another translator or a reviewer must (the translation workflow's rule).
 */
import { error, json } from '@sveltejs/kit';
import { nameRecordingService } from '$lib/server/translations/name-recordings-server';
import { NameRecordingError } from '$lib/server/translations/name-recordings';

export async function POST({ params, locals }) {
	if (!locals.user) error(401, { message: 'Sign in first.' });
	const { service } = await nameRecordingService();
	try {
		return json({ recording: await service.review(locals.user.id, params.lang) });
	} catch (err) {
		if (err instanceof NameRecordingError)
			return json({ code: err.code, message: err.message, params: err.params }, { status: err.status });
		throw err;
	}
}
