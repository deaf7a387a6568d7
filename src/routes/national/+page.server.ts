import { comicsRoot } from '$lib/server/content/comic-folder';
import { database } from '$lib/server/db/server';
import { cachedCurriculum } from '$lib/server/quiz/curriculum-files';
import { syncRepository } from '$lib/server/sync/repository';
import { nationalReport, objectiveTitles, reportQueryFrom } from '$lib/server/sync/report';
import type { PageServerLoad } from './$types';

/**
 * The national report for the ministry's reviewers (route table: reviewers only): the results
 * schools pushed up, per school, comic, objective and week, 50 rows a page, filtered by the URL;
 * each objective's title from the curriculum, for the codes on the page.
 */
export const load: PageServerLoad = async ({ url }) => {
	const { filter, page } = reportQueryFrom(url.searchParams);
	const report = await nationalReport(syncRepository((await database()).db), filter, page);
	return { report, objectiveTitles: objectiveTitles(report.items, await cachedCurriculum(comicsRoot())) };
};
