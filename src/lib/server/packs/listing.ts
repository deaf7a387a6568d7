/**
 * The pack listing, a page at a time (issue 19). Read from the library index (published versions
 * whose approval verified, by a trusted key) joined with `version_packs`, filled when a version
 * enters the index: one query per page whatever the catalog's size, no document read, no pack built.
 * Keyset paging on the slug: a comic published or withdrawn between two pages neither shifts nor
 * repeats the others.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { PackSummary } from './build';

/** One comic in the listing. */
export interface PackListItem extends PackSummary {
	slug: string;
}

export interface PackListPage {
	packs: PackListItem[];
	/** The slug to ask `after` for the next page; null on the last page. */
	after: string | null;
}

export const PACK_PAGE_DEFAULT = 100;
export const PACK_PAGE_MAX = 500;

export function packListingRepository(db: Kysely<Database>) {
	return {
		/** The packs whose slug sorts after `after` (from the start when null), at most `limit`. */
		async page(after: string | null, limit: number, trustedKeyIds: readonly string[]): Promise<PackListPage> {
			if (!trustedKeyIds.length) return { packs: [], after: null };
			let query = db
				.selectFrom('library_entries as e')
				.innerJoin('version_packs as p', 'p.version_hash', 'e.version_hash')
				.select(['e.comic_id', 'p.pack_version', 'p.core_bytes', 'p.languages'])
				.where('e.key_id', 'in', trustedKeyIds);
			if (after !== null) query = query.where('e.comic_id', '>', after);
			// One more than asked, to know whether a next page exists without counting.
			const rows = await query
				.orderBy('e.comic_id')
				.limit(limit + 1)
				.execute();
			const packs = rows.slice(0, limit).map((r) => ({
				slug: r.comic_id,
				version: r.pack_version,
				coreBytes: Number(r.core_bytes),
				languages: JSON.parse(r.languages) as PackSummary['languages']
			}));
			return { packs, after: rows.length > limit ? (packs.at(-1)?.slug ?? null) : null };
		},

		/** Records a version's pack summary (immutable: a second call for the same version is a no-op). */
		async put(versionHash: string, summary: PackSummary): Promise<void> {
			await db
				.insertInto('version_packs')
				.values({
					version_hash: versionHash,
					pack_version: summary.version,
					core_bytes: summary.coreBytes,
					languages: JSON.stringify(summary.languages)
				})
				.onConflict((oc) => oc.column('version_hash').doNothing())
				.execute();
		}
	};
}

export type PackListingRepository = ReturnType<typeof packListingRepository>;
