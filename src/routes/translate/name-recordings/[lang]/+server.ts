/**
 * POST the spoken name of interface language `lang` (multipart: `audio`, a WAV take from the
 * studio recorder). Answers `{ recording }` (a draft), or `{ code, message, params }` saying why
 * the take was refused (name-recordings.errors.<code> or studio-narration.errors.<code>).
 */
import { error, json } from '@sveltejs/kit';
import { nameRecordingService } from '$lib/server/translations/name-recordings-server';
import { NameRecordingError } from '$lib/server/translations/name-recordings';
import { TakeError } from '$lib/server/studio/narration/process-take';

/** A 5 s name at 48 kHz stereo 16-bit is under 1 MB; anything far bigger is not a name. */
const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

export async function POST({ params, request, locals }) {
	if (!locals.user) error(401, { message: 'Sign in first.' });
	const form = await request.formData().catch(() => null);
	const audio = form?.get('audio');
	if (!audio || typeof audio === 'string')
		return json(
			{ code: 'not-wav', message: 'send the take as multipart form data with an "audio" WAV file' },
			{ status: 400 }
		);
	if (audio.size > MAX_UPLOAD_BYTES)
		return json(
			{
				code: 'name-too-long',
				message: 'the recording is far too long for a name',
				params: { seconds: '>5', max: '5' }
			},
			{ status: 400 }
		);
	const { service } = await nameRecordingService();
	try {
		const recording = await service.keep(
			locals.user.id,
			params.lang,
			new Uint8Array(await audio.arrayBuffer())
		);
		return json({ recording });
	} catch (err) {
		if (err instanceof TakeError || err instanceof NameRecordingError)
			return json(
				{ code: err.code, message: err.message, params: err.params },
				{ status: err instanceof NameRecordingError ? err.status : 400 }
			);
		throw err;
	}
}
