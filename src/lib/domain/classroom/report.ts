/**
 * A class's reports from its stored results, computed in one pass over rows the database returns
 * in one query (never one query per student). Correctness only: times are used to order attempts
 * and group them by week, never to score.
 *
 * - Objectives: for each curriculum objective, the share of the class's students who master it.
 *   A student's mastery is judged on their LATEST attempt at each comic (a student who failed and
 *   then learned is counted as knowing), with the same rule the tablet shows the student
 *   (aggregate.ts: mean credit ≥ MASTERY_THRESHOLD, and no wholly wrong answer when the objective
 *   has fewer than 3 questions).
 * - Students: quizzes done, mean score of their latest attempts, comics read, objectives known.
 * - Questions: every attempt counts; hardest first (lowest mean credit), with the most chosen wrong
 *   answer for choice questions.
 * - Progress: mean score of the attempts finished each week (weeks start on Monday, UTC).
 */
import { aggregateByObjective, MASTERY_THRESHOLD } from '../quiz/aggregate';
import type { ResultKind } from './results';

export { MASTERY_THRESHOLD };

export interface ReportStudent {
	id: string;
	displayName: string;
	picture: string;
}

export interface ReportResult {
	id: string;
	studentId: string;
	kind: ResultKind;
	comic: string;
	/** ISO 8601 */
	finishedAt: string;
	score: number | null;
}

export interface ReportAnswer {
	resultId: string;
	questionId: string;
	objectives: readonly string[];
	credit: number;
	choice: string | null;
}

export interface ObjectiveRow {
	code: string;
	/** Students with at least one answer on this objective. */
	assessed: number;
	/** Of those, students who master it. */
	mastering: number;
	/** mastering ÷ assessed, 0…1. */
	share: number;
}

export interface StudentRow extends ReportStudent {
	/** Comics whose quiz the student finished. */
	quizzes: number;
	/** Every finished attempt. */
	attempts: number;
	/** Mean score of the latest attempt at each comic, 0…1; null with no quiz. */
	score: number | null;
	/** Comics read to the end. */
	read: number;
	known: string[];
	review: string[];
}

export interface QuestionRow {
	comic: string;
	questionId: string;
	answered: number;
	/** Mean credit 0…1. */
	mean: number;
	/** Most chosen wrong answer (choice questions), with how many chose it. */
	wrong: { choice: string; count: number } | null;
}

export interface WeekRow {
	/** Monday of the week, `YYYY-MM-DD`. */
	week: string;
	attempts: number;
	/** Mean score 0…1. */
	score: number;
}

export interface ClassReport {
	threshold: number;
	objectives: ObjectiveRow[];
	students: StudentRow[];
	questions: QuestionRow[];
	progress: WeekRow[];
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

/** Monday (UTC) of the week of an ISO date-time, as `YYYY-MM-DD`. */
export function weekOf(iso: string): string {
	const d = new Date(iso);
	const day = (d.getUTCDay() + 6) % 7;
	const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
	return monday.toISOString().slice(0, 10);
}

/** The reports of one class. `answers` are those of the `results` (any order). */
export function classReport(
	students: readonly ReportStudent[],
	results: readonly ReportResult[],
	answers: readonly ReportAnswer[]
): ClassReport {
	const answersByResult = new Map<string, ReportAnswer[]>();
	for (const a of answers) {
		const list = answersByResult.get(a.resultId);
		if (list) list.push(a);
		else answersByResult.set(a.resultId, [a]);
	}

	// Latest quiz attempt per student and comic; readings and every attempt counted on the way.
	const latest = new Map<string, ReportResult>();
	const perStudent = new Map<string, { attempts: number; read: Set<string> }>();
	for (const r of results) {
		const s = perStudent.get(r.studentId) ?? { attempts: 0, read: new Set<string>() };
		perStudent.set(r.studentId, s);
		if (r.kind === 'reading') {
			s.read.add(r.comic);
			continue;
		}
		s.attempts++;
		const key = `${r.studentId}\n${r.comic}`;
		const before = latest.get(key);
		if (
			!before ||
			before.finishedAt < r.finishedAt ||
			(before.finishedAt === r.finishedAt && before.id < r.id)
		)
			latest.set(key, r);
	}

	const objectiveTally = new Map<string, { assessed: number; mastering: number }>();
	const studentRows: StudentRow[] = students.map((student) => {
		const mine = [...latest.values()].filter((r) => r.studentId === student.id);
		// Each latest attempt's questions are distinct items for the aggregate (comic + question id).
		const items: { id: string; objectives: string[] }[] = [];
		const credits = new Map<string, number>();
		for (const r of mine) {
			for (const a of answersByResult.get(r.id) ?? []) {
				const key = `${r.comic}/${a.questionId}`;
				items.push({ id: key, objectives: [...a.objectives] });
				credits.set(key, a.credit);
			}
		}
		const aggregate = aggregateByObjective(items, credits);
		for (const o of aggregate.objectives) {
			const t = objectiveTally.get(o.code) ?? { assessed: 0, mastering: 0 };
			t.assessed++;
			if (o.known) t.mastering++;
			objectiveTally.set(o.code, t);
		}
		const scores = mine.map((r) => r.score).filter((s): s is number => s !== null);
		const tally = perStudent.get(student.id);
		return {
			...student,
			quizzes: mine.length,
			attempts: tally?.attempts ?? 0,
			score: scores.length ? round4(scores.reduce((x, y) => x + y, 0) / scores.length) : null,
			read: tally?.read.size ?? 0,
			known: aggregate.known,
			review: aggregate.review
		};
	});

	const objectives = [...objectiveTally]
		.map(([code, t]) => ({ code, ...t, share: round4(t.mastering / t.assessed) }))
		.sort((a, b) => a.code.localeCompare(b.code));

	const comicOf = new Map(results.map((r) => [r.id, r.comic]));
	const questionTally = new Map<
		string,
		{ comic: string; questionId: string; answered: number; credit: number; wrong: Map<string, number> }
	>();
	for (const a of answers) {
		const comic = comicOf.get(a.resultId);
		if (comic === undefined) continue;
		const key = `${comic}\n${a.questionId}`;
		const t = questionTally.get(key) ?? {
			comic,
			questionId: a.questionId,
			answered: 0,
			credit: 0,
			wrong: new Map<string, number>()
		};
		t.answered++;
		t.credit += a.credit;
		if (a.credit < 1 && a.choice !== null) t.wrong.set(a.choice, (t.wrong.get(a.choice) ?? 0) + 1);
		questionTally.set(key, t);
	}
	const questions: QuestionRow[] = [...questionTally.values()]
		.map((t) => {
			let wrong: QuestionRow['wrong'] = null;
			for (const [choice, count] of t.wrong) {
				if (!wrong || count > wrong.count || (count === wrong.count && choice < wrong.choice))
					wrong = { choice, count };
			}
			return {
				comic: t.comic,
				questionId: t.questionId,
				answered: t.answered,
				mean: round4(t.credit / t.answered),
				wrong
			};
		})
		.sort(
			(a, b) => a.mean - b.mean || a.comic.localeCompare(b.comic) || a.questionId.localeCompare(b.questionId)
		);

	const weeks = new Map<string, { attempts: number; total: number }>();
	for (const r of results) {
		if (r.kind !== 'quiz' || r.score === null) continue;
		const w = weekOf(r.finishedAt);
		const t = weeks.get(w) ?? { attempts: 0, total: 0 };
		t.attempts++;
		t.total += r.score;
		weeks.set(w, t);
	}
	const progress = [...weeks]
		.map(([week, t]) => ({ week, attempts: t.attempts, score: round4(t.total / t.attempts) }))
		.sort((a, b) => a.week.localeCompare(b.week));

	return { threshold: MASTERY_THRESHOLD, objectives, students: studentRows, questions, progress };
}
