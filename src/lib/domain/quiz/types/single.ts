/** Single choice: one right option among 2–6. */
import { z } from 'zod';
import { finding } from '../../manifest/findings';
import { idSchema } from '../../manifest/schema';
import { checkOptions, optionSchema, questionBase, type QuestionTypeModule } from './base';

export const singleQuestionSchema = z.strictObject({
	...questionBase,
	type: z.literal('single'),
	options: z.array(optionSchema).min(2).max(6),
	/** Id of the right option. */
	answer: idSchema
});

export const singleAnswerSchema = z.strictObject({ type: z.literal('single'), choice: z.string().max(64) });

export type SingleQuestion = z.infer<typeof singleQuestionSchema>;
export type SingleAnswer = z.infer<typeof singleAnswerSchema>;

export const single: QuestionTypeModule<SingleQuestion, SingleAnswer> = {
	type: 'single',
	question: singleQuestionSchema,
	answer: singleAnswerSchema,
	credit: (q, a) => (a.choice === q.answer ? 1 : 0),
	ready: (_q, a) => a.choice !== '',
	check(q, at, h) {
		const ids = checkOptions(q, at, h);
		if (!ids.includes(q.answer))
			h.report([...at, 'answer'], finding('answerNotOption', { answer: q.answer }));
	},
	tally(q, answers) {
		return {
			total: answers.length,
			buckets: q.options.map((o) => ({
				key: o.id,
				count: answers.filter((a) => a.choice === o.id).length,
				right: o.id === q.answer
			}))
		};
	}
};
