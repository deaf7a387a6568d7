import { error } from '@sveltejs/kit';
import { toCsv, type CsvCell } from '$lib/domain/classroom/csv';
import { pickText } from '$lib/domain/library';
import { serverMessage } from '$lib/server/auth/messages';
import { classroomLoad } from '$lib/server/classroom/http';
import { reportView } from '$lib/server/classroom/report-view';

const VIEWS = ['objectives', 'students', 'questions', 'progress'] as const;
type View = (typeof VIEWS)[number];

/**
 * One view of a class's report as CSV for a French spreadsheet (csv.ts): `?view=objectives |
 * students | questions | progress`. Display names only: the private notes are never exported.
 */
export async function GET({ locals, params, url }) {
	const view = (url.searchParams.get('view') ?? 'students') as View;
	if (!VIEWS.includes(view)) error(400, { message: `Unknown view "${view}"` });
	const data = await classroomLoad(() => reportView(locals.user!, params.classId));
	const lang = locals.lang;
	const h = (key: string) => serverMessage(lang, `classroom.csv.${key}`);
	const text = (value: Parameters<typeof pickText>[0], fallback: string) =>
		pickText(value, lang, 'fr')?.text ?? fallback;
	const share = (x: number | null): CsvCell => (x === null ? null : Math.round(x * 1000) / 10);
	const r = data.report;
	let rows: CsvCell[][];
	switch (view) {
		case 'objectives':
			rows = [
				[h('objective'), h('title'), h('assessed'), h('mastering'), h('sharePct'), h('thresholdPct')],
				...r.objectives.map((o) => [
					o.code,
					text(data.objectiveTitles[o.code], ''),
					o.assessed,
					o.mastering,
					share(o.share),
					share(r.threshold)
				])
			];
			break;
		case 'students':
			rows = [
				[h('student'), h('quizzes'), h('attempts'), h('scorePct'), h('read'), h('known'), h('toReview')],
				...r.students.map((s) => [
					s.displayName,
					s.quizzes,
					s.attempts,
					share(s.score),
					s.read,
					s.known.join(', '),
					s.review.join(', ')
				])
			];
			break;
		case 'questions':
			rows = [
				[h('comic'), h('question'), h('prompt'), h('answered'), h('meanPct'), h('wrong'), h('wrongCount')],
				...r.questions.map((q) => [
					q.comic,
					q.questionId,
					text(data.questions[`${q.comic}/${q.questionId}`]?.prompt, ''),
					q.answered,
					share(q.mean),
					q.wrong?.choice ?? null,
					q.wrong?.count ?? null
				])
			];
			break;
		case 'progress':
			rows = [
				[h('week'), h('attempts'), h('meanPct')],
				...r.progress.map((w) => [w.week, w.attempts, share(w.score)])
			];
			break;
	}
	const name = `${data.class.name}-${view}`.replace(/[^\p{L}\p{N}-]+/gu, '_');
	return new Response(toCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}.csv"; filename*=UTF-8''${encodeURIComponent(name)}.csv`
		}
	});
}
