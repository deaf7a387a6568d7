/**
 * What every question type shares: the common fields of a question, the shape of a type module
 * and the helpers its validation rules receive. A type module (one file per type in this folder)
 * holds everything about its type that is pure: schema of the question and of the answer,
 * scoring, answer readiness, the content rules that need the comic, and the live aggregate.
 */
import { z } from 'zod';
import { finding, type Finding } from '../../manifest/findings';
import type { Manifest, Region } from '../../manifest/schema';
import type { Reporter } from '../../manifest/validate';
import { idSchema, languageTagSchema, localizedTextSchema } from '../../manifest/schema';

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

/** A choice of a single or multiple choice question. */
export const optionSchema = z.strictObject({ id: idSchema, text: localizedTextSchema });

/** Fields every question has, whatever its type. */
export const questionBase = {
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

/** What scoring may need from the comic (find-it targets given as panels). */
export type ScoringContext = Pick<Manifest, 'pages'>;

/** Helpers the whole-quiz validation gives each type's own rules (validate.ts). */
export interface CheckHelpers {
	/** Checks a text record; `missing` says what to report for a complete language without text. */
	text: (
		record: Record<string, string> | undefined,
		path: PropertyKey[],
		missing: (tag: string) => Finding
	) => void;
	panelRef: (id: string, path: PropertyKey[]) => void;
	unique: (ids: string[], path: (i: number) => PropertyKey[], duplicate: (id: string) => Finding) => void;
	report: Reporter;
	panels: Map<string, { page: string; region: Region }>;
	pages: Map<string, Manifest['pages'][number]>;
}

/**
 * How a class answered one question, for the projector: one bucket per thing worth counting
 * (an option, true/false, or the verdict for types whose answers are too varied to list), and
 * for find-it the tapped points.
 */
export interface Tally {
	/** Answers counted. */
	total: number;
	buckets: Array<{ key: string; count: number; right: boolean }>;
	/** Find-it: every tap in page pixels, with whether it hit a target. */
	points?: Array<{ x: number; y: number; right: boolean }>;
}

/** One question type: everything pure about it. Views live in src/lib/components/quiz/types. */
export interface QuestionTypeModule<Q extends { type: string }, A extends { type: string }> {
	type: Q['type'];
	/** The question as written in quiz.json. */
	question: z.ZodType<Q>;
	/** A student's answer, as stored and as posted to a live session. */
	answer: z.ZodType<A>;
	/** Credit 0…1 for an answer (rounded to 4 decimals). */
	credit(q: Q, a: A, ctx: ScoringContext): number;
	/** Whether an answer is complete enough to be checked. */
	ready(q: Q, a: A): boolean;
	/**
	 * Types whose answer is built up and then sent (a check button): the answer a student starts
	 * from, shuffled by the attempt's seed where order matters. Absent for one-tap types.
	 */
	start?(q: Q, seed: number): A;
	/** The type's content rules that need the comic. */
	check(q: Q, at: PropertyKey[], h: CheckHelpers): void;
	/** How a group answered (live projector view). */
	tally(q: Q, answers: readonly A[], ctx: ScoringContext): Tally;
}

/** Rounded to 4 decimals so stored credits compare equal across devices. */
export function round(x: number): number {
	return Math.round(x * 10000) / 10000;
}

/** A tally by verdict, for types whose answers are too varied to list one by one. */
export function verdictTally(credits: readonly number[]): Tally {
	const count = (f: (c: number) => boolean) => credits.filter(f).length;
	return {
		total: credits.length,
		buckets: [
			{ key: 'right', count: count((c) => c >= 1), right: true },
			{ key: 'partial', count: count((c) => c > 0 && c < 1), right: false },
			{ key: 'wrong', count: count((c) => c <= 0), right: false }
		]
	};
}

/** Checks the ids and texts of the options of a choice question. */
export function checkOptions(
	q: { id: string; options: Array<{ id: string; text: Record<string, string> }> },
	at: PropertyKey[],
	h: CheckHelpers
): string[] {
	const ids = q.options.map((o) => o.id);
	h.unique(
		ids,
		(j) => [...at, 'options', j, 'id'],
		(id) => finding('duplicateOptionId', { id })
	);
	q.options.forEach((o, j) =>
		h.text(o.text, [...at, 'options', j, 'text'], (tag) =>
			finding('quizMissingOption', { tag, option: o.id, question: q.id })
		)
	);
	return ids;
}
