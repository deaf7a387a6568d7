/**
 * The quiz on paper: each question type's paper form (what the student writes on) and its line in
 * the teacher's answer key. A registry keyed by the question types of the type registry
 * (domain/quiz/types/index.ts): its type makes a new question type fail to compile until it has a
 * paper form, and paper.test.ts checks every registered type at run time too.
 *
 * Pure: texts come translated through `ctx` (the comic's language for the content, an interface
 * language for the instructions), so the print view and the PDF lay out the same exercises.
 */
import { pickText } from '../library';
import type { LocalizedText, Manifest } from '../manifest/schema';
import { fnv1a, mulberry32, shuffle } from '../quiz/shuffle';
import { targetRegion } from '../quiz/types/find';
import { QUESTION_TYPES, type Question, type QuestionType } from '../quiz/types';

/** What the student fills in. */
export type PaperBody =
	/** Boxes to tick, one per line; `many` when several may be right. */
	| { kind: 'tick'; many: boolean; boxes: string[] }
	/** Lines to number in order (a blank box before each). */
	| { kind: 'number'; items: string[] }
	/** Two columns to link with a line (left numbered, right lettered, right side shuffled). */
	| { kind: 'link'; left: string[]; right: string[] }
	/** Panel numbers to write ("find it in the comic": the numbers printed on the pages). */
	| { kind: 'panel'; blanks: number };

export interface PaperExercise {
	questionId: string;
	/** The instruction ("Tick the right answer."), in the instruction language. */
	instruction: string;
	/** The question, in the comic's language. */
	prompt: string;
	body: PaperBody;
}

export interface KeyEntry {
	questionId: string;
	prompt: string;
	/** The right answer, one line per part. */
	answer: string[];
	explanation: string;
	/** "Panel 7 (page 2)": where the comic shows it, when the question says. */
	evidence: string | null;
}

export interface PaperContext {
	manifest: Pick<Manifest, 'pages' | 'referenceLanguage'>;
	/** Language of the content. */
	lang: string;
	/** Translates an instruction message of the `print` catalog (`print.paper.<key>`). */
	t: (key: string, values?: Record<string, string | number>) => string;
	/** Panel numbers printed on the pages. */
	panelNumbers: ReadonlyMap<string, number>;
}

export interface PaperForm<Q extends Question> {
	exercise(q: Q, ctx: PaperContext): PaperExercise;
	key(q: Q, ctx: PaperContext): string[];
}

const text = (value: LocalizedText | undefined, ctx: PaperContext) =>
	pickText(value, ctx.lang, ctx.manifest.referenceLanguage)?.text ?? '';

/** Letters for the right column and options: A, B, C… */
export const letter = (i: number) => String.fromCharCode(65 + i);

/** The printed order of a question's shuffled items: fixed per question, so every copy matches. */
function paperShuffle<T>(items: readonly T[], questionId: string): T[] {
	const rng = mulberry32(fnv1a(`paper:${questionId}`));
	let out = shuffle(items, rng);
	// Never print the right order (it would give the answer away); deterministic retries.
	for (let i = 0; i < 10 && items.length > 1 && out.every((x, j) => x === items[j]); i++)
		out = shuffle(items, rng);
	if (items.length > 1 && out.every((x, j) => x === items[j])) out = [...items.slice(1), items[0]!];
	return out;
}

/** Where a panel is, as printed: "panel 7 (page 2)". */
function panelLabel(panelId: string, ctx: PaperContext): string {
	const n = ctx.panelNumbers.get(panelId);
	const page = ctx.manifest.pages.findIndex((p) => p.panels.some((q) => q.id === panelId));
	if (n === undefined || page < 0) return panelId;
	return ctx.t('panelRef', { n, page: page + 1 });
}

/** The panel of a page that contains a point (the centre of a find-it region). */
function panelAt(
	q: Extract<Question, { type: 'find' }>,
	region: { x: number; y: number; w: number; h: number },
	ctx: PaperContext
) {
	const page = ctx.manifest.pages.find((p) => p.id === q.page);
	const cx = region.x + region.w / 2;
	const cy = region.y + region.h / 2;
	return page?.panels.find(
		(p) =>
			cx >= p.region.x && cy >= p.region.y && cx <= p.region.x + p.region.w && cy <= p.region.y + p.region.h
	);
}

type Forms = { [T in QuestionType]: PaperForm<Extract<Question, { type: T }>> };

export const paperForms: Forms = {
	single: {
		exercise: (q, ctx) => ({
			questionId: q.id,
			instruction: ctx.t('tickOne'),
			prompt: text(q.prompt, ctx),
			body: { kind: 'tick', many: false, boxes: q.options.map((o) => text(o.text, ctx)) }
		}),
		key: (q, ctx) => [text(q.options.find((o) => o.id === q.answer)?.text, ctx)]
	},
	multiple: {
		exercise: (q, ctx) => ({
			questionId: q.id,
			instruction: ctx.t('tickMany'),
			prompt: text(q.prompt, ctx),
			body: { kind: 'tick', many: true, boxes: q.options.map((o) => text(o.text, ctx)) }
		}),
		key: (q, ctx) => q.options.filter((o) => q.answers.includes(o.id)).map((o) => text(o.text, ctx))
	},
	'true-false': {
		exercise: (q, ctx) => ({
			questionId: q.id,
			instruction: ctx.t('tickTrueFalse'),
			prompt: text(q.prompt, ctx),
			body: { kind: 'tick', many: false, boxes: [ctx.t('true'), ctx.t('false')] }
		}),
		key: (q, ctx) => [q.answer ? ctx.t('true') : ctx.t('false')]
	},
	ordering: {
		exercise(q, ctx) {
			const label = (item: (typeof q.items)[number]) =>
				'text' in item ? text(item.text, ctx) : panelLabel(item.panel, ctx);
			return {
				questionId: q.id,
				instruction: ctx.t('number', { count: q.items.length }),
				prompt: text(q.prompt, ctx),
				body: { kind: 'number', items: paperShuffle(q.items, q.id).map(label) }
			};
		},
		key(q, ctx) {
			const printed = paperShuffle(q.items, q.id);
			return q.items.map((item, i) => {
				const label = 'text' in item ? text(item.text, ctx) : panelLabel(item.panel, ctx);
				return `${i + 1}. ${label} (${ctx.t('line', { n: printed.indexOf(item) + 1 })})`;
			});
		}
	},
	matching: {
		exercise: (q, ctx) => ({
			questionId: q.id,
			instruction: ctx.t('link'),
			prompt: text(q.prompt, ctx),
			body: {
				kind: 'link',
				left: q.pairs.map((p) => text(p.left, ctx)),
				right: paperShuffle(q.pairs, q.id).map((p) => text(p.right, ctx))
			}
		}),
		key(q, ctx) {
			const right = paperShuffle(q.pairs, q.id);
			return q.pairs.map(
				(p, i) => `${i + 1} — ${letter(right.indexOf(p))} : ${text(p.left, ctx)} — ${text(p.right, ctx)}`
			);
		}
	},
	find: {
		exercise: (q, ctx) => {
			const page = ctx.manifest.pages.findIndex((p) => p.id === q.page);
			return {
				questionId: q.id,
				instruction: ctx.t('findPanel', { page: page + 1 }),
				prompt: text(q.prompt, ctx),
				body: { kind: 'panel', blanks: 1 }
			};
		},
		key(q, ctx) {
			const panels = q.targets.flatMap((t) => {
				if ('panel' in t) return [t.panel];
				const region = targetRegion(t, ctx.manifest);
				const panel = region ? panelAt(q, region, ctx) : undefined;
				return panel ? [panel.id] : [];
			});
			return [...new Set(panels)].map((id) => panelLabel(id, ctx));
		}
	}
};

/** The paper form of any question. */
function formOf(q: Question): PaperForm<Question> {
	return paperForms[q.type] as unknown as PaperForm<Question>;
}

/** The worksheet: every question as a paper exercise, in quiz order. */
export function worksheet(questions: readonly Question[], ctx: PaperContext): PaperExercise[] {
	return questions.map((q) => formOf(q).exercise(q, ctx));
}

/** The teacher's answer key, with explanations and where the comic shows the answer. */
export function answerKey(questions: readonly Question[], ctx: PaperContext): KeyEntry[] {
	return questions.map((q) => ({
		questionId: q.id,
		prompt: text(q.prompt, ctx),
		answer: formOf(q).key(q, ctx),
		explanation: text(q.explanation, ctx),
		evidence: q.evidence ? panelLabel(q.evidence.panel, ctx) : null
	}));
}

/** Question types without a paper form (empty when the registry is complete). */
export function typesWithoutPaperForm(types: readonly string[] = QUESTION_TYPES): string[] {
	return types.filter((t) => !(t in paperForms));
}
