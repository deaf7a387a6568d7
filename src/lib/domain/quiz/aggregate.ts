/**
 * Results by curriculum objective: "you know…" and "to review…". A question that assesses
 * several objectives counts for each of them. An objective is KNOWN when the mean credit of its
 * answered questions is at least MASTERY_THRESHOLD and, when it has fewer than 3 questions, none
 * of them was answered wholly wrong (with 1 or 2 questions a 0 is not a slip but a gap; from 3
 * questions on, the mean alone decides). Everything else is "to review".
 */
import type { Question } from './schema';

/** Mean credit at or above which an objective counts as known. */
export const MASTERY_THRESHOLD = 0.75;

export interface ObjectiveResult {
	code: string;
	/** Questions answered that assess this objective. */
	answered: number;
	/** Sum of their credits. */
	credit: number;
	/** credit ÷ answered */
	mean: number;
	known: boolean;
	/** Ids of questions on this objective not answered right (for "see in the comic"). */
	toReview: string[];
}

export interface QuizResult {
	/** Sum of credits ÷ questions answered, 0…1. */
	score: number;
	answered: number;
	total: number;
	objectives: ObjectiveResult[];
	known: string[];
	review: string[];
}

/** Aggregates per-question credits (question id → credit 0…1) by objective, in quiz order. */
export function aggregateByObjective(
	questions: ReadonlyArray<Pick<Question, 'id' | 'objectives'>>,
	credits: ReadonlyMap<string, number>
): QuizResult {
	const byCode = new Map<string, { answered: number; credit: number; wrong: number; toReview: string[] }>();
	let total = 0;
	let answered = 0;
	for (const q of questions) {
		const credit = credits.get(q.id);
		if (credit === undefined) continue;
		answered++;
		total += credit;
		for (const code of new Set(q.objectives)) {
			const entry = byCode.get(code) ?? { answered: 0, credit: 0, wrong: 0, toReview: [] };
			entry.answered++;
			entry.credit += credit;
			if (credit === 0) entry.wrong++;
			if (credit < 1) entry.toReview.push(q.id);
			byCode.set(code, entry);
		}
	}
	const objectives: ObjectiveResult[] = [...byCode].map(([code, e]) => {
		const mean = Math.round((e.credit / e.answered) * 10000) / 10000;
		const known = mean >= MASTERY_THRESHOLD && (e.wrong === 0 || e.answered >= 3);
		return { code, answered: e.answered, credit: e.credit, mean, known, toReview: e.toReview };
	});
	return {
		score: answered ? Math.round((total / answered) * 10000) / 10000 : 0,
		answered,
		total: questions.length,
		objectives,
		known: objectives.filter((o) => o.known).map((o) => o.code),
		review: objectives.filter((o) => !o.known).map((o) => o.code)
	};
}
