import { error } from '@sveltejs/kit';
import { COMIC_MANIFEST_PATH } from '$lib/domain/packs/format';
import { serveFile } from '$lib/server/http/serve-file';
import { IMMUTABLE, currentPack } from '$lib/server/packs/serve';

/** One file of a pack version, with Range support so a dropped download resumes where it stopped. */
export async function GET({ params, request }) {
	const pack = await currentPack(params.slug, params.version);
	if (params.file === COMIC_MANIFEST_PATH) {
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
	return serveFile(disk, request, IMMUTABLE);
}
