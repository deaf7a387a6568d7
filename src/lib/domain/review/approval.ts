/**
 * Whether a version may be approved on its content: no gap in a language it declares complete, and a
 * rubric with every line rated and none failing. The lifecycle (lifecycle.ts) decides who and when.
 */
import type { Manifest } from '../manifest/schema';
import { TransitionError } from './lifecycle';
import { languageMatrix, matrixBlockers, type MatrixBlocker } from './matrix';
import { rubricGaps, type RubricEntry, type RubricGaps } from './rubric';

export interface ApprovalReadiness {
	ready: boolean;
	blockers: MatrixBlocker[];
	rubric: RubricGaps;
}

export function approvalReadiness(manifest: Manifest, rubric: readonly RubricEntry[]): ApprovalReadiness {
	const blockers = matrixBlockers(languageMatrix(manifest));
	const gaps = rubricGaps(
		rubric,
		manifest.languages.map((l) => l.tag)
	);
	return {
		ready: blockers.length === 0 && !gaps.unrated.length && !gaps.failing.length,
		blockers,
		rubric: gaps
	};
}

/** Throws a 409 TransitionError naming what is missing when the version cannot be approved. */
export function assertApprovable(manifest: Manifest, rubric: readonly RubricEntry[]): void {
	const r = approvalReadiness(manifest, rubric);
	if (r.ready) return;
	const parts: string[] = [];
	if (r.blockers.length) {
		const list = r.blockers
			.slice(0, 5)
			.map((b) => `${b.what.replace('-', ' ')} for "${b.rowId}" in ${b.language}`)
			.join('; ');
		const more = r.blockers.length > 5 ? ` and ${r.blockers.length - 5} more` : '';
		parts.push(`languages declared complete have gaps: ${list}${more}`);
	}
	if (r.rubric.unrated.length) parts.push(`rubric lines not rated: ${r.rubric.unrated.join(', ')}`);
	if (r.rubric.failing.length) parts.push(`rubric lines rated "fails": ${r.rubric.failing.join(', ')}`);
	throw new TransitionError(
		'conflict',
		'not-approvable',
		`this version cannot be approved: ${parts.join('. ')}`,
		{
			blockers: String(r.blockers.length),
			unrated: r.rubric.unrated.join(', '),
			failing: r.rubric.failing.join(', ')
		}
	);
}
