/**
 * A ComicSource for one version under review (not necessarily published): the reader opens it with
 * `/read/<slug>?version=<hash>`, so reviewers and authors see a version in the real reader. Only
 * staff reach the endpoints it reads; for anyone else it fails like a missing comic.
 */
import type { Manifest } from '$lib/domain/manifest/schema';
import { ComicNotFoundError, type ComicSource } from './comic-source';

export async function reviewVersionSource(
	slug: string,
	versionHash: string,
	fetcher: typeof fetch = fetch
): Promise<ComicSource> {
	if (!/^[0-9a-f]{64}$/.test(versionHash)) throw new ComicNotFoundError(slug);
	const base = `/api/versions/${versionHash}`;
	const response = await fetcher(base);
	if (response.status === 404 || response.status === 401 || response.status === 403) {
		throw new ComicNotFoundError(slug);
	}
	if (!response.ok) throw new Error(`HTTP ${response.status}`);
	const manifest = (await response.json()) as Manifest;
	if (manifest.id !== slug) throw new ComicNotFoundError(slug);
	return {
		slug,
		manifest,
		origin: 'network',
		versionHash,
		assetUrl: (path) => `${base}/${path}`,
		release: () => {}
	};
}
