/**
 * The national report (issue 19, DESIGN.md §7): what schools pushed up, aggregated per school, comic,
 * curriculum objective and week, a page at a time. Only counts exist on the national server (no
 * student, no class name: sync/aggregate.ts sends opaque class references and numbers), and the page
 * is for the ministry's reviewers (route table: `/national`), who judge whether comics teach their
 * objectives; admins run servers and accounts, not results.
 */
import type { LocalizedText } from '../../domain/manifest/schema';
import { objectiveTitlesOf, type LoadedCurriculum } from '../quiz/curriculum-files';
import type { ReportQuery, ReportRow, SyncRepository } from './repository';

/** Rows per page of the national report. */
export const REPORT_PAGE_SIZE = 50;

/** The report's filters as they live in the URL (`?school=ecole-sikoro&week=2026-11-30&page=2`). */
export interface ReportFilter {
	school: string;
	comic: string;
	objective: string;
	week: string;
}

export interface ReportPage {
	items: ReportRow[];
	total: number;
	page: number;
	pages: number;
	filter: ReportFilter;
}

const WEEK = /^\d{4}-\d{2}-\d{2}$/;

/** The filters and page from a URL's query; a malformed week is dropped. */
export function reportQueryFrom(params: URLSearchParams): { filter: ReportFilter; page: number } {
	const get = (key: string) => params.get(key)?.trim().slice(0, 200) ?? '';
	const week = get('week');
	return {
		filter: {
			school: get('school'),
			comic: get('comic'),
			objective: get('objective'),
			week: WEEK.test(week) ? week : ''
		},
		page: Math.max(1, Math.floor(Number(params.get('page')) || 1))
	};
}

/** One page of the report; a page past the end shows the last one. */
export async function nationalReport(
	repo: Pick<SyncRepository, 'reportPage'>,
	filter: ReportFilter,
	wanted: number
): Promise<ReportPage> {
	const base: Omit<ReportQuery, 'limit' | 'offset'> = {
		...(filter.school ? { school: filter.school } : {}),
		...(filter.comic ? { comic: filter.comic } : {}),
		...(filter.objective ? { objective: filter.objective } : {}),
		...(filter.week ? { week: filter.week } : {})
	};
	const pageOf = (n: number) =>
		repo.reportPage({ ...base, limit: REPORT_PAGE_SIZE, offset: (n - 1) * REPORT_PAGE_SIZE });
	let page = wanted;
	let { rows, total } = await pageOf(page);
	const pages = Math.max(1, Math.ceil(total / REPORT_PAGE_SIZE));
	if (page > pages) ({ rows, total } = await pageOf((page = pages)));
	return { items: rows, total, page, pages, filter };
}

/**
 * The titles (per language) of the objectives on a report page, from the curriculum the server has
 * (comics/curriculum, as the class report shows them): the page shows each code with its title. A
 * code the curriculum does not have (an older school server's) gets none and shows alone.
 */
export function objectiveTitles(
	rows: readonly Pick<ReportRow, 'objective'>[],
	curriculum: Pick<LoadedCurriculum, 'objectives'> | null
): Record<string, LocalizedText> {
	return objectiveTitlesOf(
		curriculum,
		rows.map((r) => r.objective)
	);
}
