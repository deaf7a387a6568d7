/**
 * Curriculum coverage: which comics and which quiz questions address each objective, and which
 * objectives no question assesses yet. Pure: the caller gathers the comics and quizzes.
 */

/** What one comic contributes: the objectives its manifest names and its quiz questions. */
export interface CoverageSource {
	slug: string;
	/** Objective codes listed in the comic's manifest. */
	objectives: readonly string[];
	questions: ReadonlyArray<{ id: string; objectives: readonly string[] }>;
}

export interface ObjectiveCoverage {
	code: string;
	/** Comics that name the objective (in the manifest or in a question), sorted. */
	comics: string[];
	/** Questions that assess it, as `slug#questionId`. */
	questions: string[];
}

export interface CoverageReport {
	objectives: ObjectiveCoverage[];
	/** Objectives that no question assesses, in curriculum order. */
	unassessed: string[];
	/** Codes used by comics or questions that the curriculum does not know: `slug#where → code`. */
	unknown: Array<{ where: string; code: string }>;
}

/** Coverage of `objectiveCodes` (in curriculum order) by the given comics. */
export function curriculumCoverage(
	objectiveCodes: readonly string[],
	sources: readonly CoverageSource[]
): CoverageReport {
	const byCode = new Map<string, { comics: Set<string>; questions: string[] }>();
	for (const code of objectiveCodes) byCode.set(code, { comics: new Set(), questions: [] });
	const unknown: CoverageReport['unknown'] = [];
	for (const source of sources) {
		for (const code of source.objectives) {
			const entry = byCode.get(code);
			if (entry) entry.comics.add(source.slug);
			else unknown.push({ where: source.slug, code });
		}
		for (const question of source.questions) {
			for (const code of question.objectives) {
				const entry = byCode.get(code);
				const where = `${source.slug}#${question.id}`;
				if (!entry) {
					unknown.push({ where, code });
					continue;
				}
				entry.comics.add(source.slug);
				entry.questions.push(where);
			}
		}
	}
	const objectives = objectiveCodes.map((code) => {
		const entry = byCode.get(code)!;
		return { code, comics: [...entry.comics].sort(), questions: entry.questions };
	});
	return {
		objectives,
		unassessed: objectives.filter((o) => o.questions.length === 0).map((o) => o.code),
		unknown
	};
}
