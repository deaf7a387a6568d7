/**
 * Serves a file from disk with ETag and HTTP Range support. Range matters: HTML5 audio seeks
 * with Range requests, and a whole-file answer breaks seeking and sprite ends (TECH-NOTES.md).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseByteRange } from '../../domain/http-range';

const TYPES: Record<string, string> = {
	'.webp': 'image/webp',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.svg': 'image/svg+xml',
	'.json': 'application/json; charset=utf-8',
	'.webm': 'audio/webm',
	'.ogg': 'audio/ogg',
	'.opus': 'audio/ogg',
	'.mp3': 'audio/mpeg',
	'.zip': 'application/zip'
};

export function contentType(file: string): string {
	return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export async function serveFile(
	file: string,
	request: Request,
	cacheControl = 'no-cache',
	/** For files whose name has no extension (content-addressed blobs). */
	type = contentType(file)
): Promise<Response> {
	let info;
	try {
		info = await stat(file);
		if (!info.isFile()) throw new Error('not a file');
	} catch {
		return new Response('Not found', { status: 404 });
	}
	const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
	const headers: Record<string, string> = {
		'content-type': type,
		'accept-ranges': 'bytes',
		etag,
		'cache-control': cacheControl
	};
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	const range = parseByteRange(request.headers.get('range'), info.size);
	if (range === 'invalid') {
		return new Response(null, {
			status: 416,
			headers: { ...headers, 'content-range': `bytes */${info.size}` }
		});
	}
	const { start, end } = range ?? { start: 0, end: info.size - 1 };
	const body =
		info.size === 0
			? null
			: (Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>);
	headers['content-length'] = String(end - start + 1);
	if (range) headers['content-range'] = `bytes ${start}-${end}/${info.size}`;
	return new Response(request.method === 'HEAD' ? null : body, { status: range ? 206 : 200, headers });
}
