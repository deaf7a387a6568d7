/**
 * The quiz of a comic (`comics/<slug>/quiz.json`): the one source of its TypeScript types and its
 * validation. Versioned like the manifest (`schemaVersion`, migrate.ts). Text is per language.
 *
 * Every question assesses one or more curriculum objectives, may point at the panel that holds
 * the answer (`evidence`), and explains the answer in every language.
 */
import { z } from 'zod';
import { idSchema, languageTagSchema, localizedTextSchema, regionSchema } from '../manifest/schema';

export const CURRENT_QUIZ_VERSION = 1;

/**
 * A narration clip: an audio file (several formats, the first the browser plays wins) and the
 * segment of it to play, in seconds. Paths are relative to the comic folder.
 */
export const quizClipSchema = z.strictObject({
	sources: z
		.array(
			z.strictObject({
				src: z.string().min(1),
				type: z.string().regex(/^audio\//, 'audioMimeFormat')
			})
		)
		.min(1),
	startSec: z.number().min(0),
	endSec: z.number().positive()
});

/** Narration of one question in one language: the prompt, each option (by id), the explanation. */
export const questionNarrationSchema = z.strictObject({
	/** A synthetic voice (a placeholder until people record the quiz): the quiz says so. */
	synthetic: z.boolean().optional(),
	prompt: quizClipSchema.optional(),
	options: z.record(idSchema, quizClipSchema).optional(),
	explanation: quizClipSchema.optional()
});

const optionSchema = z.strictObject({ id: idSchema, text: localizedTextSchema });

const base = {
	id: idSchema,
	/** Curriculum objective codes this question assesses (at least one). */
	objectives: z.array(z.string().min(1)).min(1, 'questionNeedsObjective'),
	/** The question, per language. For true/false, the statement to judge. */
	prompt: localizedTextSchema,
	/** Why the answer is right, shown after answering, per language. */
	explanation: localizedTextSchema,
	/** The panel of the comic that holds the answer ("see in the comic"). */
	evidence: z
		.strictObject({
			panel: idSchema,
			/**
			 * Key terms of the answer, per language, that the panel's own texts (bubbles, description)
			 * must contain: comics:check verifies the panel shows the answer (content-review.ts).
			 */
			terms: z.record(languageTagSchema, z.array(z.string().min(1)).min(1)).optional()
		})
		.optional(),
	/** Recorded question and options per language, for weak readers. */
	narration: z.record(languageTagSchema, questionNarrationSchema).optional()
};

export const singleQuestionSchema = z.strictObject({
	...base,
	type: z.literal('single'),
	options: z.array(optionSchema).min(2).max(6),
	/** Id of the right option. */
	answer: idSchema
});

export const multipleQuestionSchema = z.strictObject({
	...base,
	type: z.literal('multiple'),
	options: z.array(optionSchema).min(3).max(6),
	/** Ids of every right option (at least one). */
	answers: z.array(idSchema).min(1)
});

export const trueFalseQuestionSchema = z.strictObject({
	...base,
	type: z.literal('true-false'),
	answer: z.boolean()
});

/** An item to put in order: a text, or a panel of the comic shown as a picture. */
export const orderingItemSchema = z.union([
	z.strictObject({ id: idSchema, text: localizedTextSchema }),
	z.strictObject({ id: idSchema, panel: idSchema })
]);

export const orderingQuestionSchema = z.strictObject({
	...base,
	type: z.literal('ordering'),
	/** 3–5 items listed in the RIGHT order; the player shuffles them. */
	items: z.array(orderingItemSchema).min(3, 'orderingItemCount').max(5, 'orderingItemCount')
});

export const matchingQuestionSchema = z.strictObject({
	...base,
	type: z.literal('matching'),
	/** Each pair's left side is shown in order; the right sides are shuffled. */
	pairs: z
		.array(z.strictObject({ id: idSchema, left: localizedTextSchema, right: localizedTextSchema }))
		.min(2)
		.max(5)
});

/** Where to tap: a whole panel, or a region of the page (page pixels). */
export const findTargetSchema = z.union([
	z.strictObject({ panel: idSchema }),
	z.strictObject({ region: regionSchema })
]);

export const findQuestionSchema = z.strictObject({
	...base,
	type: z.literal('find'),
	/** The page shown for tapping. */
	page: idSchema,
	/** A tap inside any target is right. */
	targets: z.array(findTargetSchema).min(1)
});

export const questionSchema = z.discriminatedUnion('type', [
	singleQuestionSchema,
	multipleQuestionSchema,
	trueFalseQuestionSchema,
	orderingQuestionSchema,
	matchingQuestionSchema,
	findQuestionSchema
]);

export const quizSchema = z.strictObject({
	schemaVersion: z.literal(CURRENT_QUIZ_VERSION),
	/** The comic this quiz belongs to (its folder name). */
	comic: idSchema,
	title: localizedTextSchema.optional(),
	questions: z.array(questionSchema).min(1)
});

export type QuizClip = z.infer<typeof quizClipSchema>;
export type QuestionNarration = z.infer<typeof questionNarrationSchema>;
export type SingleQuestion = z.infer<typeof singleQuestionSchema>;
export type MultipleQuestion = z.infer<typeof multipleQuestionSchema>;
export type TrueFalseQuestion = z.infer<typeof trueFalseQuestionSchema>;
export type OrderingItem = z.infer<typeof orderingItemSchema>;
export type OrderingQuestion = z.infer<typeof orderingQuestionSchema>;
export type MatchingQuestion = z.infer<typeof matchingQuestionSchema>;
export type FindTarget = z.infer<typeof findTargetSchema>;
export type FindQuestion = z.infer<typeof findQuestionSchema>;
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];
export type Quiz = z.infer<typeof quizSchema>;

export const QUESTION_TYPES: readonly QuestionType[] = [
	'single',
	'multiple',
	'true-false',
	'ordering',
	'matching',
	'find'
];
