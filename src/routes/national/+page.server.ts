import { database } from '$lib/server/db/server';
import { syncRepository } from '$lib/server/sync/repository';
import { nationalReport, reportQueryFrom } from '$lib/server/sync/report';
import type { PageServerLoad } from './$types';

/**
 * The national report for the ministry's reviewers (route table: reviewers only): the results
 * schools pushed up, per school, comic, objective and week, 50 rows a page, filtered by the URL.
 */
export const load: PageServerLoad = async ({ url }) => {
	const { filter, page } = reportQueryFrom(url.searchParams);
	return { report: await nationalReport(syncRepository((await database()).db), filter, page) };
};
