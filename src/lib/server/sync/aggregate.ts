/**
 * A school's results as the national server may see them (DESIGN.md §7): counts per class, comic,
 * curriculum objective and week. No student name or id goes up; the class goes up as an opaque
 * reference made from the school server's own random class id, so even that id stays at school.
 * Pure: the facts come in, the batch comes out.
 */
import { sha256Hex } from '../../domain/signing/hash';
import { weekOf } from '../../domain/classroom/report';
import type { AggregateRow } from './protocol';
import type { AnswerFact } from './repository';

/** The opaque reference of a class, stable across batches (so the national totals add up per class). */
export function classRef(schoolId: string, classId: string): string {
	return sha256Hex(`kalanso-class|${schoolId}|${classId}`).slice(0, 32);
}

/** The batch id: made from the results it counts, so the same results always make the same batch. */
export function batchIdOf(resultIds: readonly string[]): string {
	return sha256Hex(`kalanso-batch|${[...new Set(resultIds)].sort().join('\n')}`);
}

/** Sums answers into rows, one per class, comic, objective and week (an answer counts once per objective). */
export function aggregateAnswers(schoolId: string, facts: readonly AnswerFact[]): AggregateRow[] {
	const rows = new Map<string, AggregateRow>();
	for (const f of facts) {
		for (const objective of new Set(f.objectives)) {
			const row: AggregateRow = {
				classRef: classRef(schoolId, f.classId),
				grade: f.grade,
				schoolYear: f.schoolYear,
				comic: f.comic,
				objective,
				week: weekOf(f.finishedAt),
				attempts: 0,
				correct: 0
			};
			const key = [row.classRef, row.comic, row.objective, row.week].join('\u0000');
			const existing = rows.get(key) ?? row;
			existing.attempts += 1;
			existing.correct = Math.round((existing.correct + f.credit) * 10000) / 10000;
			rows.set(key, existing);
		}
	}
	return [...rows.values()].sort((a, b) =>
		`${a.classRef}${a.comic}${a.objective}${a.week}` < `${b.classRef}${b.comic}${b.objective}${b.week}`
			? -1
			: 1
	);
}
