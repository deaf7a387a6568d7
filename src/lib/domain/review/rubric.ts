/**
 * The review rubric (issue 6): curriculum fit, factual accuracy, language quality for each language
 * the version declares, age fit, fairness and gender. Approval needs every line rated and none rated
 * "does not meet".
 */

export const RUBRIC_BASE = ['curriculum_fit', 'factual_accuracy', 'age_fit', 'fairness_gender'] as const;
export type RubricBaseCriterion = (typeof RUBRIC_BASE)[number];

/** A criterion key: a base criterion, or `language_quality:<tag>`. */
export type RubricCriterion = RubricBaseCriterion | `language_quality:${string}`;

export const RUBRIC_RATINGS = ['meets', 'needs_work', 'fails'] as const;
export type RubricRating = (typeof RUBRIC_RATINGS)[number];

export interface RubricEntry {
	criterion: RubricCriterion;
	rating: RubricRating;
	note?: string | null;
}

/** The criteria for a version declaring these languages, in display order. */
export function rubricCriteria(languages: readonly string[]): RubricCriterion[] {
	return [
		'curriculum_fit',
		'factual_accuracy',
		...languages.map((tag) => `language_quality:${tag}` as const),
		'age_fit',
		'fairness_gender'
	];
}

export function isRubricCriterion(value: string, languages: readonly string[]): value is RubricCriterion {
	return (rubricCriteria(languages) as string[]).includes(value);
}

export function isRubricRating(value: unknown): value is RubricRating {
	return typeof value === 'string' && (RUBRIC_RATINGS as readonly string[]).includes(value);
}

export interface RubricGaps {
	unrated: RubricCriterion[];
	failing: RubricCriterion[];
}

/** What stands between this rubric and an approval. */
export function rubricGaps(entries: readonly RubricEntry[], languages: readonly string[]): RubricGaps {
	const byCriterion = new Map(entries.map((e) => [e.criterion, e.rating]));
	const criteria = rubricCriteria(languages);
	return {
		unrated: criteria.filter((c) => !byCriterion.has(c)),
		failing: criteria.filter((c) => byCriterion.get(c) === 'fails')
	};
}

/** The message (`review.rubric.criteria.*`) that names a rubric line: `language_quality:bm` names its language. */
export function criterionMessage(criterion: string): { key: string; values: Record<string, string> } {
	const [base, tag] = criterion.split(':');
	return { key: `review.rubric.criteria.${base}`, values: { lang: (tag ?? '').toUpperCase() } };
}
