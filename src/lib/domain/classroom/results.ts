/**
 * Results that travel from a tablet to the teacher: a finished quiz attempt or a comic read to the
 * end, with a client-generated id so the server stores each once whatever the road (outbox upload,
 * QR codes, a file on a USB stick, later the live quiz). The tablet's score is never trusted: the
 * server scores the answers again with the same code the tablet used (scoring.ts), against the quiz
 * of the version the tablet had.
 */
import { z } from 'zod';
import type { Manifest } from '../manifest/schema';
import { aggregateByObjective } from '../quiz/aggregate';
import type { Quiz } from '../quiz/schema';
import { scoreAnswer, type Answer } from '../quiz/scoring';
import { answerSchema } from '../quiz/types';

const id = z.string().min(1).max(64);
/** An answer as the tablet stored it: the question types' own answer schemas (one registry). */
export { answerSchema };

export const RESULT_KINDS = ['quiz', 'reading'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

/** One result as sent by a tablet. */
export const resultSubmissionSchema = z.strictObject({
	/** Client-generated (the attempt's id for a quiz): the server stores each id once. */
	id: z.string().regex(/^[0-9a-f-]{8,64}$/i),
	classId: id,
	studentId: id,
	kind: z.enum(RESULT_KINDS),
	comic: id,
	/** The version of the comic the tablet had: its quiz is the one the answers are scored against. */
	versionHash: z.string().regex(/^[0-9a-f]{64}$/),
	language: z.string().min(2).max(16),
	/** ISO 8601, when the student finished. */
	finishedAt: z.iso.datetime({ offset: true }),
	/** Quiz answers by question id (empty for a reading). */
	answers: z.array(z.strictObject({ question: id, answer: answerSchema })).max(50)
});
export type ResultSubmission = z.infer<typeof resultSubmissionSchema>;

/** One answer scored again on the server. */
export interface ScoredAnswer {
	questionId: string;
	objectives: string[];
	credit: number;
	/** The option(s) chosen for choice questions (`a`, `a,c`, `true`), for "most chosen wrong answer". */
	choice: string | null;
	answer: Answer;
}

/** A submission scored against its quiz. */
export interface ScoredResult {
	/** Mean credit 0…1 of the answered questions; null for a reading. */
	score: number | null;
	answers: ScoredAnswer[];
}

export type ScoreProblem = 'unknown-question' | 'no-answers' | 'answers-on-reading';

/** What was chosen, for choice questions: the distribution the reports show. */
export function choiceOf(answer: Answer): string | null {
	switch (answer.type) {
		case 'single':
			return answer.choice;
		case 'multiple':
			return [...answer.choices].sort().join(',');
		case 'true-false':
			return String(answer.value);
		default:
			return null;
	}
}

/**
 * Scores a submission with the quiz and manifest of its version. A quiz result must answer at
 * least one question, only questions of that quiz, each once (the first answer counts, like on
 * the tablet). A reading carries no answers.
 */
export function scoreSubmission(
	submission: Pick<ResultSubmission, 'kind' | 'answers'>,
	quiz: Quiz | null,
	manifest: Pick<Manifest, 'pages'>
): ScoredResult | { problem: ScoreProblem } {
	if (submission.kind === 'reading') {
		return submission.answers.length ? { problem: 'answers-on-reading' } : { score: null, answers: [] };
	}
	if (!submission.answers.length || !quiz) return { problem: 'no-answers' };
	const byId = new Map(quiz.questions.map((q) => [q.id, q]));
	const answers: ScoredAnswer[] = [];
	const seen = new Set<string>();
	for (const { question: questionId, answer } of submission.answers) {
		const question = byId.get(questionId);
		if (!question) return { problem: 'unknown-question' };
		if (seen.has(questionId)) continue;
		seen.add(questionId);
		const answerValue = answer as Answer;
		answers.push({
			questionId,
			objectives: question.objectives,
			credit: scoreAnswer(question, answerValue, manifest).credit,
			choice: choiceOf(answerValue),
			answer: answerValue
		});
	}
	const result = aggregateByObjective(quiz.questions, new Map(answers.map((a) => [a.questionId, a.credit])));
	return { score: result.score, answers };
}
