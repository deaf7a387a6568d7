import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { forSchool } from '$lib/server/sync/http';

/** The signed withdrawal list (the one tablets get from /api/withdrawals), for a school server. */
export const GET: RequestHandler = ({ request }) =>
	forSchool(request, async (national) =>
		json(await national.withdrawals(), { headers: { 'cache-control': 'no-store' } })
	);
