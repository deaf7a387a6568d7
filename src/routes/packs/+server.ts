import { error, json } from '@sveltejs/kit';
import { packListingPage } from '$lib/server/packs/build';
import { PACK_PAGE_DEFAULT, PACK_PAGE_MAX } from '$lib/server/packs/listing';

/**
 * The comic packs the server offers, a page at a time (issue 19): `?limit=` (default 100, at most
 * 500) packs with their version, core size and bytes per narration language, sorted by slug, and
 * `next`, the address of the following page (`?after=<last slug>`), null on the last one. Read from
 * the library index: no pack is built and no document read to list them.
 */
export async function GET({ url }) {
	const after = url.searchParams.get('after');
	const limitParam = url.searchParams.get('limit');
	const limit = limitParam === null ? PACK_PAGE_DEFAULT : Number(limitParam);
	if (!Number.isInteger(limit) || limit < 1 || limit > PACK_PAGE_MAX)
		error(400, { message: `limit must be a whole number from 1 to ${PACK_PAGE_MAX}, not "${limitParam}"` });
	const page = await packListingPage(after, limit);
	const next = new URLSearchParams();
	if (page.after !== null) {
		next.set('after', page.after);
		if (limitParam !== null) next.set('limit', String(limit));
	}
	return json(
		{ packs: page.packs, next: page.after === null ? null : `/packs?${next}` },
		{ headers: { 'cache-control': 'no-cache' } }
	);
}
