import { error, json } from '@sveltejs/kit';
import { getPack } from '$lib/server/packs/build';

/** The current pack manifest of a comic: where a download starts (never cached: it names the version). */
export async function GET({ params }) {
	const pack = await getPack(params.slug);
	if (!pack) error(404, { message: `No comic "${params.slug}"` });
	return json(pack.manifest, { headers: { 'cache-control': 'no-cache' } });
}
