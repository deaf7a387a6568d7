/** True or false: the prompt is a statement to judge. */
import { z } from 'zod';
import { questionBase, type QuestionTypeModule } from './base';

export const trueFalseQuestionSchema = z.strictObject({
	...questionBase,
	type: z.literal('true-false'),
	answer: z.boolean()
});

export const trueFalseAnswerSchema = z.strictObject({ type: z.literal('true-false'), value: z.boolean() });

export type TrueFalseQuestion = z.infer<typeof trueFalseQuestionSchema>;
export type TrueFalseAnswer = z.infer<typeof trueFalseAnswerSchema>;

export const trueFalse: QuestionTypeModule<TrueFalseQuestion, TrueFalseAnswer> = {
	type: 'true-false',
	question: trueFalseQuestionSchema,
	answer: trueFalseAnswerSchema,
	credit: (q, a) => (a.value === q.answer ? 1 : 0),
	ready: () => true,
	check: () => {},
	tally(q, answers) {
		return {
			total: answers.length,
			buckets: [true, false].map((value) => ({
				key: String(value),
				count: answers.filter((a) => a.value === value).length,
				right: value === q.answer
			}))
		};
	}
};
