import { describe, expect, it } from 'vitest';
import { aggregateByObjective } from './aggregate';
import { objectiveProgress, summarizeObjectives, type FinishedAttempt } from './history';

const attempt = (
	id: string,
	comic: string,
	finishedAt: string,
	objectives: FinishedAttempt['objectives']
): FinishedAttempt => ({ id, comic, finishedAt, score: 0, objectives });

describe('objectiveProgress', () => {
	it('lists each objective with its results oldest first, known by the latest', () => {
		const progress = objectiveProgress([
			attempt('a2', 'trente-jours', '2026-11-13T10:00:00Z', [{ code: 'B', mean: 1, known: true }]),
			attempt('a1', 'trente-jours', '2026-11-12T10:00:00Z', [
				{ code: 'B', mean: 0.5, known: false },
				{ code: 'A', mean: 1, known: true }
			]),
			attempt('a3', 'sikoro', '2026-11-14T10:00:00Z', [{ code: 'A', mean: 0, known: false }])
		]);
		expect(progress.map((p) => p.code)).toEqual(['A', 'B']);
		expect(progress[0]!.results.map((r) => [r.attemptId, r.mean])).toEqual([
			['a1', 1],
			['a3', 0]
		]);
		expect(progress[0]!.knownNow).toBe(false);
		expect(progress[1]!.results.map((r) => r.attemptId)).toEqual(['a1', 'a2']);
		expect(progress[1]!.knownNow).toBe(true);
	});

	it('is empty without attempts', () => {
		expect(objectiveProgress([])).toEqual([]);
	});
});

describe('summarizeObjectives', () => {
	it('keeps code, mean and known of each objective of a result', () => {
		const result = aggregateByObjective(
			[
				{ id: 'q1', objectives: ['A'] },
				{ id: 'q2', objectives: ['A', 'B'] }
			],
			new Map([
				['q1', 1],
				['q2', 0]
			])
		);
		expect(summarizeObjectives(result)).toEqual([
			{ code: 'A', mean: 0.5, known: false },
			{ code: 'B', mean: 0, known: false }
		]);
	});
});
