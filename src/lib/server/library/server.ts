/** The process-wide library service over the server's database and review services. */
import { database } from '../db/server';
import { reviewServices } from '../review/server';
import { libraryRepository } from './repository';
import { LibraryService } from './service';
import { packSummary, storedPack } from '../packs/build';
import type { PackSignature } from '../../domain/packs/format';
import { parseLibraryQuery, type LibraryQuery } from '../../domain/library-search';
import type { LibraryPage } from './repository';

let library: Promise<LibraryService> | undefined;

export function libraryService(): Promise<LibraryService> {
	library ??= Promise.all([database(), reviewServices()])
		.then(([{ db, engine }, { service, repos }]) => {
			return new LibraryService(
				libraryRepository(db, engine),
				{
					getVersion: (hash) => repos.versions.get(hash),
					publishedDocument: (version) => service.publishedDocument(version),
					packSummary: async (version, document) => {
						try {
							const pack = await storedPack(
								document,
								version.approval as unknown as PackSignature,
								(d, rel) => service.assetFile(d, rel)
							);
							return packSummary(pack.manifest);
						} catch (error) {
							console.error(`[packs] no pack for "${version.comicId}": ${(error as Error).message}`);
							return null;
						}
					}
				},
				// Read at every page: a key withdrawn while the server runs (school sync) hides its comics.
				() => service.trustedKeys.map((k) => k.id)
			);
		})
		.catch((error: unknown) => {
			library = undefined;
			throw error;
		});
	return library;
}

/**
 * One page of the library for a URL's query, with the query as understood: the library page's data
 * and the results it fetches as a student types (`/api/library`) are the same answer.
 */
export async function libraryResults(
	params: URLSearchParams
): Promise<LibraryPage & { query: LibraryQuery }> {
	const query = parseLibraryQuery(params);
	return { ...(await (await libraryService()).page(query)), query };
}
