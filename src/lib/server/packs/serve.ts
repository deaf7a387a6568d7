import { error } from '@sveltejs/kit';
import { getPackOfVersion, type BuiltPack } from './build';

/** Pack files never change under a version, so browsers and proxies may keep them for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The pack of `slug` if its current version is `version`. The server keeps only the current
 * version; an older one answers 404 so the tablet fetches the new manifest and starts again.
 */
export async function currentPack(slug: string, version: string): Promise<BuiltPack> {
	const pack = await getPackOfVersion(slug, version);
	if (!pack) error(404, { message: `Pack version ${version} of "${slug}" is not offered` });
	return pack;
}
