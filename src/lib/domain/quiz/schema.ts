/**
 * The quiz of a comic (`comics/<slug>/quiz.json`): the one source of its TypeScript types and its
 * validation. Versioned like the manifest (`schemaVersion`, migrate.ts). Text is per language.
 *
 * Every question assesses one or more curriculum objectives, may point at the panel that holds
 * the answer (`evidence`), and explains the answer in every language.
 */
import { z } from 'zod';
import { idSchema, localizedTextSchema } from '../manifest/schema';
import { questionSchema } from './types';
import type { questionNarrationSchema, quizClipSchema } from './types/base';

export const CURRENT_QUIZ_VERSION = 1;

// Each question type's schema lives in its module (./types); the registry makes the union.
export { questionNarrationSchema, quizClipSchema } from './types/base';
export { questionSchema } from './types';
export { singleQuestionSchema } from './types/single';
export { multipleQuestionSchema } from './types/multiple';
export { trueFalseQuestionSchema } from './types/true-false';
export { orderingItemSchema, orderingQuestionSchema } from './types/ordering';
export { matchingQuestionSchema } from './types/matching';
export { findQuestionSchema, findTargetSchema } from './types/find';

export const quizSchema = z.strictObject({
	schemaVersion: z.literal(CURRENT_QUIZ_VERSION),
	/** The comic this quiz belongs to (its folder name). */
	comic: idSchema,
	title: localizedTextSchema.optional(),
	questions: z.array(questionSchema).min(1)
});

export type QuizClip = z.infer<typeof quizClipSchema>;
export type QuestionNarration = z.infer<typeof questionNarrationSchema>;
export type { SingleQuestion } from './types/single';
export type { MultipleQuestion } from './types/multiple';
export type { TrueFalseQuestion } from './types/true-false';
export type { OrderingItem, OrderingQuestion } from './types/ordering';
export type { MatchingQuestion } from './types/matching';
export type { FindTarget, FindQuestion } from './types/find';
export type { Question, QuestionType } from './types';
export type Quiz = z.infer<typeof quizSchema>;

export { QUESTION_TYPES } from './types';
