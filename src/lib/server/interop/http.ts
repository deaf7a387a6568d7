/**
 * `GET /author/<hash>/readium.zip` and `/review/<hash>/readium.zip`: a version as a Readium Web
 * Publication (Divina + one Guided Navigation document per language), for its author and reviewers.
 * Access is the review service's (`versionAsset`: authors their own versions, reviewers and admins all).
 */
import { readFile } from 'node:fs/promises';
import type { Manifest } from '../../domain/manifest/schema';
import { reviewServices } from '../review/server';
import type { ReviewUser } from '../review/service';
import { exportComic, zipFiles } from './readium';

export async function readiumZipResponse(user: ReviewUser, versionHash: string): Promise<Response> {
	const { service } = await reviewServices();
	const detail = await service.detail(user, versionHash);
	const files = new Map<string, Uint8Array>();
	for (const asset of Object.keys(detail.document.assets)) {
		const file = await service.versionAsset(user, versionHash, asset);
		if (file) files.set(asset, new Uint8Array(await readFile(file)));
	}
	const manifest = detail.document.manifest as Manifest;
	const zip = zipFiles(exportComic(manifest, files));
	return new Response(zip as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${manifest.id}-${versionHash.slice(0, 12)}.readium.zip"`,
			'cache-control': 'private, no-store'
		}
	});
}
