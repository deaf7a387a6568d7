/**
 * Multiple choice: every right option among 3–6. Credit: (right options ticked − wrong options
 * ticked) ÷ number of right options, never below 0, so ticking everything earns nothing more
 * than ticking nothing wrong. Example: right = {a, b}; ticked {a} → 0.5; {a, c} → 0; {a, b, c} → 0.5.
 */
import { z } from 'zod';
import { finding } from '../../manifest/findings';
import { idSchema } from '../../manifest/schema';
import { checkOptions, optionSchema, questionBase, round, type QuestionTypeModule } from './base';

export const multipleQuestionSchema = z.strictObject({
	...questionBase,
	type: z.literal('multiple'),
	options: z.array(optionSchema).min(3).max(6),
	/** Ids of every right option (at least one). */
	answers: z.array(idSchema).min(1)
});

export const multipleAnswerSchema = z.strictObject({
	type: z.literal('multiple'),
	choices: z.array(z.string().max(64)).max(10)
});

export type MultipleQuestion = z.infer<typeof multipleQuestionSchema>;
export type MultipleAnswer = z.infer<typeof multipleAnswerSchema>;

export const multiple: QuestionTypeModule<MultipleQuestion, MultipleAnswer> = {
	type: 'multiple',
	question: multipleQuestionSchema,
	answer: multipleAnswerSchema,
	credit(q, a) {
		const right = new Set(q.answers);
		let hits = 0;
		let misses = 0;
		for (const id of new Set(a.choices)) {
			if (right.has(id)) hits++;
			else if (q.options.some((o) => o.id === id)) misses++;
		}
		return round(Math.max(0, (hits - misses) / right.size));
	},
	ready: (_q, a) => a.choices.length > 0,
	start: () => ({ type: 'multiple', choices: [] }),
	check(q, at, h) {
		const ids = checkOptions(q, at, h);
		q.answers.forEach((a, j) => {
			if (!ids.includes(a)) h.report([...at, 'answers', j], finding('answerNotOption', { answer: a }));
		});
		h.unique(
			q.answers,
			(j) => [...at, 'answers', j],
			(id) => finding('duplicateAnswer', { id })
		);
	},
	tally(q, answers) {
		return {
			total: answers.length,
			buckets: q.options.map((o) => ({
				key: o.id,
				count: answers.filter((a) => a.choices.includes(o.id)).length,
				right: q.answers.includes(o.id)
			}))
		};
	}
};
