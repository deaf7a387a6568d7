/**
 * A class's report with the words to show it: objective titles from the curriculum, question
 * prompts and option texts from the comics' quizzes. Used by the report page and its CSV export.
 */
import type { ClassReport } from '../../domain/classroom/report';
import type { LocalizedText } from '../../domain/manifest/schema';
import type { Question } from '../../domain/quiz/schema';
import { comicsRoot } from '../content/comic-folder';
import { cachedCurriculum, objectiveTitlesOf } from '../quiz/curriculum-files';
import { publishedQuiz } from '../quiz/published';
import type { ClassRecord } from './repositories';
import type { ClassroomUser } from './service';
import { classroomService } from './server';

export interface ReportView {
	class: ClassRecord;
	report: ClassReport;
	/** Objective code → title per language. */
	objectiveTitles: Record<string, LocalizedText>;
	/** `comic/question` → prompt and, for choice questions, option texts by id. */
	questions: Record<string, { prompt: LocalizedText; options: Record<string, LocalizedText> }>;
	/** Comic slug → title. */
	comicTitles: Record<string, LocalizedText>;
}

function optionTexts(q: Question): Record<string, LocalizedText> {
	if (q.type === 'single' || q.type === 'multiple')
		return Object.fromEntries(q.options.map((o) => [o.id, o.text]));
	return {};
}

export async function reportView(user: ClassroomUser, classId: string): Promise<ReportView> {
	const service = await classroomService();
	const { class: cls, report } = await service.report(user, classId);
	const objectiveTitles = objectiveTitlesOf(await cachedCurriculum(comicsRoot()));
	const questions: ReportView['questions'] = {};
	const comicTitles: ReportView['comicTitles'] = {};
	for (const slug of new Set(report.questions.map((q) => q.comic))) {
		const published = await publishedQuiz(slug);
		if (!published) continue;
		comicTitles[slug] = published.document.manifest.title;
		for (const q of published.payload?.quiz.questions ?? []) {
			questions[`${slug}/${q.id}`] = { prompt: q.prompt, options: optionTexts(q) };
		}
	}
	return { class: cls, report, objectiveTitles, questions, comicTitles };
}
