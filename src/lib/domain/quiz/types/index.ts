/**
 * The registry of question types: the one place that lists them. Adding a type means writing
 * its module in this folder, adding it here, and adding its views to the view registry
 * (src/lib/components/quiz/types/registry.ts, keyed by the same names). Pure parts live here in
 * the domain so the server (validation, live scoring and aggregates) uses them without Svelte.
 */
import { z } from 'zod';
import type { QuestionTypeModule, ScoringContext, Tally } from './base';
import { find, findAnswerSchema, findQuestionSchema } from './find';
import { matching, matchingAnswerSchema, matchingQuestionSchema } from './matching';
import { multiple, multipleAnswerSchema, multipleQuestionSchema } from './multiple';
import { ordering, orderingAnswerSchema, orderingQuestionSchema } from './ordering';
import { single, singleAnswerSchema, singleQuestionSchema } from './single';
import { trueFalse, trueFalseAnswerSchema, trueFalseQuestionSchema } from './true-false';

export const questionSchema = z.discriminatedUnion('type', [
	singleQuestionSchema,
	multipleQuestionSchema,
	trueFalseQuestionSchema,
	orderingQuestionSchema,
	matchingQuestionSchema,
	findQuestionSchema
]);

/** A student's answer to any question type. */
export const answerSchema = z.discriminatedUnion('type', [
	singleAnswerSchema,
	multipleAnswerSchema,
	trueFalseAnswerSchema,
	orderingAnswerSchema,
	matchingAnswerSchema,
	findAnswerSchema
]);

export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];
export type Answer = z.infer<typeof answerSchema>;

type ModuleOf<T extends QuestionType> = QuestionTypeModule<
	Extract<Question, { type: T }>,
	Extract<Answer, { type: T }>
>;

/** Every question type's module, by type name. */
export const questionTypes: { [T in QuestionType]: ModuleOf<T> } = {
	single,
	multiple,
	'true-false': trueFalse,
	ordering,
	matching,
	find
};

export const QUESTION_TYPES = Object.keys(questionTypes) as QuestionType[];

/** The module of a question, typed loosely enough to call with any question/answer pair. */
function moduleOf(q: Question): QuestionTypeModule<Question, Answer> {
	return questionTypes[q.type] as unknown as QuestionTypeModule<Question, Answer>;
}

/** Credit of an answer; an answer of another type (a bug or a tampered record) scores 0. */
export function creditFor(q: Question, a: Answer, ctx: ScoringContext): number {
	return q.type === a.type ? moduleOf(q).credit(q, a, ctx) : 0;
}

/** The answer a student starts building from, or null for a type answered in one tap. */
export function startingAnswer(q: Question, seed: number): Answer | null {
	return moduleOf(q).start?.(q, seed) ?? null;
}

/** Whether the type's answer is built up and then sent with a button (multiple, ordering, matching). */
export function buildsAnswer(type: QuestionType): boolean {
	return !!questionTypes[type].start;
}

/** Whether an answer is complete enough to be checked. */
export function readyFor(q: Question, a: Answer | null): a is Answer {
	return !!a && a.type === q.type && moduleOf(q).ready(q, a);
}

/** How a group answered a question; answers of another type are left out. */
export function tallyFor(q: Question, answers: readonly Answer[], ctx: ScoringContext): Tally {
	return moduleOf(q).tally(
		q,
		answers.filter((a) => a.type === q.type),
		ctx
	);
}

/** Runs a question's own content rules (whole-quiz validation). */
export function checkQuestion(
	q: Question,
	...rest: Parameters<QuestionTypeModule<Question, Answer>['check']> extends [unknown, ...infer R] ? R : never
): void {
	moduleOf(q).check(q, ...rest);
}

export type { CheckHelpers, ScoringContext, Tally, QuestionTypeModule } from './base';
