import { json } from '@sveltejs/kit';
import { IMMUTABLE, currentPack } from '$lib/server/packs/serve';

/** One pack version's manifest: content-addressed, so cached for good. */
export async function GET({ params }) {
	const pack = await currentPack(params.slug, params.version);
	return json(pack.manifest, { headers: { 'cache-control': IMMUTABLE } });
}
