/** Matching: 2–5 pairs; each left side is shown in order, the right sides shuffled. Credit: the share of pairs matched. */
import { z } from 'zod';
import { finding } from '../../manifest/findings';
import { idSchema, localizedTextSchema } from '../../manifest/schema';
import { questionBase, round, verdictTally, type QuestionTypeModule } from './base';

export const matchingQuestionSchema = z.strictObject({
	...questionBase,
	type: z.literal('matching'),
	/** Each pair's left side is shown in order; the right sides are shuffled. */
	pairs: z
		.array(z.strictObject({ id: idSchema, left: localizedTextSchema, right: localizedTextSchema }))
		.min(2)
		.max(5)
});

export const matchingAnswerSchema = z.strictObject({
	type: z.literal('matching'),
	/** left pair id → the pair id whose right side was chosen for it */
	matches: z.record(z.string().max(64), z.string().max(64))
});

export type MatchingQuestion = z.infer<typeof matchingQuestionSchema>;
export type MatchingAnswer = z.infer<typeof matchingAnswerSchema>;

function credit(q: MatchingQuestion, a: MatchingAnswer): number {
	const good = q.pairs.filter((p) => a.matches[p.id] === p.id).length;
	return round(good / q.pairs.length);
}

export const matching: QuestionTypeModule<MatchingQuestion, MatchingAnswer> = {
	type: 'matching',
	question: matchingQuestionSchema,
	answer: matchingAnswerSchema,
	credit,
	ready: (q, a) => q.pairs.every((p) => !!a.matches[p.id]),
	start: () => ({ type: 'matching', matches: {} }),
	check(q, at, h) {
		h.unique(
			q.pairs.map((x) => x.id),
			(j) => [...at, 'pairs', j, 'id'],
			(id) => finding('duplicatePairId', { id })
		);
		q.pairs.forEach((pair, j) => {
			const missing = (tag: string) => finding('quizMissingPair', { tag, pair: pair.id, question: q.id });
			h.text(pair.left, [...at, 'pairs', j, 'left'], missing);
			h.text(pair.right, [...at, 'pairs', j, 'right'], missing);
		});
	},
	tally: (q, answers) => verdictTally(answers.map((a) => credit(q, a)))
};
