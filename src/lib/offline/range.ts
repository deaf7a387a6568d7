/**
 * HTTP Range answers from bytes held by the browser (IndexedDB blobs, Cache API bodies). HTML5
 * audio seeks with Range requests; answering them with the whole file breaks seeking, sprite ends
 * and Ogg durations (TECH-NOTES.md), so a Range request gets `206 Partial Content`.
 */
import { parseByteRange } from '$lib/domain/http-range';

/** A response for `blob`: 200 with the whole body, or 206/416 when the request has a Range header. */
export function blobResponse(blob: Blob, request: Request, headers: Record<string, string> = {}): Response {
	const base: Record<string, string> = {
		'content-type': blob.type || 'application/octet-stream',
		'accept-ranges': 'bytes',
		...headers
	};
	const range = parseByteRange(request.headers.get('range'), blob.size);
	if (range === 'invalid')
		return new Response(null, { status: 416, headers: { ...base, 'content-range': `bytes */${blob.size}` } });
	if (!range)
		return new Response(blob, { status: 200, headers: { ...base, 'content-length': String(blob.size) } });
	const part = blob.slice(range.start, range.end + 1);
	return new Response(part, {
		status: 206,
		headers: {
			...base,
			'content-length': String(part.size),
			'content-range': `bytes ${range.start}-${range.end}/${blob.size}`
		}
	});
}
