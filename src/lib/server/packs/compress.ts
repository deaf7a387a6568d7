/**
 * The JSON files of a pack (comic.json, quiz.json) sent gzipped (issue 21: they carry every
 * language's text, ≈ 48 KB of a pack, ≈ 12 KB gzipped). Art and audio are already compressed and
 * go as they are. Only a whole-file request is compressed: a Range request (a resumed download)
 * gets the plain bytes, whose offsets the tablet counts. The browser's fetch undoes the gzip, so the
 * download checks size and SHA-256 of the plain file as before.
 */
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

/** Gzipped bodies by pack version and file path; pack versions never change (content-addressed). */
const cache = new Map<string, Uint8Array>();
const MAX_CACHED = 200;

/** Whether to answer this request with a gzipped body. */
export function wantsGzip(request: Request, file: string): boolean {
	if (!file.endsWith('.json') || request.headers.has('range')) return false;
	return /\bgzip\b/i.test(request.headers.get('accept-encoding') ?? '');
}

/** The gzipped bytes of a pack file, from `plain` (bytes in memory) or read from `disk`. */
export async function gzippedPackFile(
	version: string,
	file: string,
	source: { plain: Uint8Array } | { disk: string }
): Promise<Uint8Array> {
	const key = `${version}/${file}`;
	let body = cache.get(key);
	if (!body) {
		const plain = 'plain' in source ? source.plain : await readFile(source.disk);
		body = new Uint8Array(gzipSync(plain, { level: 9 }));
		if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
		cache.set(key, body);
	}
	return body;
}

export function gzipResponse(body: Uint8Array, request: Request, headers: Record<string, string>): Response {
	return new Response(request.method === 'HEAD' ? null : (body as BodyInit), {
		headers: {
			...headers,
			'content-encoding': 'gzip',
			'content-length': String(body.byteLength),
			vary: 'accept-encoding'
		}
	});
}
