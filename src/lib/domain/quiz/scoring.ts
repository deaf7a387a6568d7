/**
 * Scoring by correctness only (never speed). Every answer gets a credit between 0 and 1; only a
 * credit of exactly 1 counts as "right". Each type's partial-credit rule is written in its module
 * (./types/<type>.ts): single choice, true/false and find-it give 1 or 0; multiple choice,
 * ordering and matching give partial credit.
 */
import type { Manifest } from '../manifest/schema';
import { creditFor, readyFor, type Answer, type Question } from './types';

export type { Answer } from './types';
export { targetRegion } from './types/find';

export type Verdict = 'right' | 'partial' | 'wrong';

export interface Score {
	/** 0…1 */
	credit: number;
	verdict: Verdict;
}

/** The verdict a credit earns: only exactly 1 is right. */
export function verdictOf(credit: number): Verdict {
	return credit >= 1 ? 'right' : credit > 0 ? 'partial' : 'wrong';
}

/** Credit for one answer. A mismatched answer type (a bug or a tampered record) scores 0. */
export function scoreAnswer(question: Question, answer: Answer, manifest: Pick<Manifest, 'pages'>): Score {
	const credit = creditFor(question, answer, manifest);
	return { credit, verdict: verdictOf(credit) };
}

/** Whether an answer is complete enough to be checked (e.g. every left item matched). */
export function isAnswerReady(q: Question, a: Answer | null): a is Answer {
	return readyFor(q, a);
}
