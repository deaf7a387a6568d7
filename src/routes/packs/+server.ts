import { json } from '@sveltejs/kit';
import { listPacks } from '$lib/server/packs/build';
import { packLanguages, selectPackFiles, totalBytes } from '$lib/domain/packs/format';

/** Every comic pack the server offers: version, size of the core and of each narration language. */
export async function GET() {
	const packs = await listPacks();
	return json(
		packs.map(({ manifest }) => ({
			slug: manifest.slug,
			version: manifest.version,
			coreBytes: totalBytes(selectPackFiles(manifest, [])),
			languages: packLanguages(manifest)
		})),
		{ headers: { 'cache-control': 'no-cache' } }
	);
}
