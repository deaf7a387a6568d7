/**
 * GET `<sha256>.ogg|mp3`: a language's name as a speaker recorded it (public: a child choosing
 * their language hears it). Only files of stored name recordings are served, never another blob
 * of the content store. Content-addressed, so cached for good (the service worker keeps it offline).
 */
import { error } from '@sveltejs/kit';
import { nameRecordingService } from '$lib/server/translations/name-recordings-server';

const TYPES = { ogg: 'audio/ogg; codecs=opus', mp3: 'audio/mpeg' } as const;

export async function GET({ params }) {
	const match = /^([0-9a-f]{64})\.(ogg|mp3)$/.exec(params.file);
	if (!match) error(404, { message: 'No such recording.' });
	const [, sha256, kind] = match as unknown as [string, string, keyof typeof TYPES];
	const { service, blobs } = await nameRecordingService();
	const bytes = (await service.serves(sha256)) ? await blobs.get(sha256) : null;
	if (!bytes) error(404, { message: 'No such recording.' });
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': TYPES[kind],
			'content-length': String(bytes.byteLength),
			'cache-control': 'public, max-age=31536000, immutable'
		}
	});
}
