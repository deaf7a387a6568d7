/**
 * A student's results over time ("Mes résultats"): every finished attempt, and per curriculum
 * objective the result of each attempt that assessed it, oldest first, so progress shows. Pure.
 */
import type { QuizResult } from './aggregate';

/** An objective's result in one attempt, as stored with the attempt when it is finished. */
export interface ObjectiveSummary {
	code: string;
	/** Mean credit 0…1 of the attempt's questions on this objective. */
	mean: number;
	known: boolean;
}

/** What a finished attempt keeps of its results: enough for the history without the quiz. */
export function summarizeObjectives(result: QuizResult): ObjectiveSummary[] {
	return result.objectives.map((o) => ({ code: o.code, mean: o.mean, known: o.known }));
}

/** A finished attempt as the history reads it. */
export interface FinishedAttempt {
	id: string;
	comic: string;
	/** ISO 8601 */
	finishedAt: string;
	score: number;
	objectives: ObjectiveSummary[];
}

export interface ObjectiveProgress {
	code: string;
	/** One entry per attempt that assessed it, oldest first. */
	results: { attemptId: string; comic: string; at: string; mean: number; known: boolean }[];
	/** The latest result decides whether the objective is known now. */
	knownNow: boolean;
}

/** Per objective, the results of every attempt over time; objectives in code order. */
export function objectiveProgress(attempts: readonly FinishedAttempt[]): ObjectiveProgress[] {
	const byCode = new Map<string, ObjectiveProgress['results']>();
	const oldestFirst = [...attempts].sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
	for (const attempt of oldestFirst) {
		for (const o of attempt.objectives) {
			const list = byCode.get(o.code) ?? [];
			list.push({
				attemptId: attempt.id,
				comic: attempt.comic,
				at: attempt.finishedAt,
				mean: o.mean,
				known: o.known
			});
			byCode.set(o.code, list);
		}
	}
	return [...byCode]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([code, results]) => ({ code, results, knownNow: results[results.length - 1]!.known }));
}
