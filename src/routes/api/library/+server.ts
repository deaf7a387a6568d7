import { json } from '@sveltejs/kit';
import { libraryResults } from '$lib/server/library/server';

/**
 * One page of library results for the query in the address (the same as the library page's own
 * data, without its filter choices): what the library page asks for as a student types, instead of
 * a SvelteKit navigation per keystroke (issue 19: keystroke → results ≤ 100 ms at 4× CPU).
 */
export async function GET({ url }) {
	return json(await libraryResults(url.searchParams));
}
