import { error } from '@sveltejs/kit';
import { COMIC_MANIFEST_PATH } from '$lib/domain/packs/format';
import { serveFile } from '$lib/server/http/serve-file';
import { IMMUTABLE, currentPack } from '$lib/server/packs/serve';
import { gzipResponse, gzippedPackFile, wantsGzip } from '$lib/server/packs/compress';

/**
 * One file of a pack version, with Range support so a dropped download resumes where it stopped.
 * JSON files go gzipped to a whole-file request that accepts it (src/lib/server/packs/compress.ts).
 */
export async function GET({ params, request }) {
	const pack = await currentPack(params.slug, params.version);
	const version = pack.manifest.version;
	const gzip = wantsGzip(request, params.file);
	if (params.file === COMIC_MANIFEST_PATH) {
		if (gzip)
			return gzipResponse(await gzippedPackFile(version, params.file, { plain: pack.comicJson }), request, {
				'content-type': 'application/json',
				'cache-control': IMMUTABLE
			});
		return new Response(request.method === 'HEAD' ? null : (pack.comicJson as BodyInit), {
			headers: {
				'content-type': 'application/json',
				'content-length': String(pack.comicJson.byteLength),
				'cache-control': IMMUTABLE
			}
		});
	}
	const disk = pack.diskPaths.get(params.file);
	if (!disk) error(404, { message: `No file "${params.file}" in this pack` });
	if (gzip)
		return gzipResponse(await gzippedPackFile(version, params.file, { disk }), request, {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': IMMUTABLE
		});
	return serveFile(disk, request, IMMUTABLE);
}
