/**
 * Ordering: 3–5 items to put in order. Credit: the share of neighbouring pairs placed in the
 * right order, i.e. for each item after the first, whether the item right before it is its true
 * predecessor. Example: right A B C D; answer B C D A → (B→C, C→D) 2 of 3 links → 0.67. One item
 * out of place costs one or two links, not the whole answer (a position-by-position score would give 0).
 */
import { z } from 'zod';
import { finding } from '../../manifest/findings';
import { idSchema, localizedTextSchema } from '../../manifest/schema';
import { shuffleNotIdentity } from '../shuffle';
import { questionBase, round, verdictTally, type QuestionTypeModule } from './base';

/** An item to put in order: a text, or a panel of the comic shown as a picture. */
export const orderingItemSchema = z.union([
	z.strictObject({ id: idSchema, text: localizedTextSchema }),
	z.strictObject({ id: idSchema, panel: idSchema })
]);

export const orderingQuestionSchema = z.strictObject({
	...questionBase,
	type: z.literal('ordering'),
	/** 3–5 items listed in the RIGHT order; the player shuffles them. */
	items: z.array(orderingItemSchema).min(3, 'orderingItemCount').max(5, 'orderingItemCount')
});

export const orderingAnswerSchema = z.strictObject({
	type: z.literal('ordering'),
	order: z.array(z.string().max(64)).max(10)
});

export type OrderingItem = z.infer<typeof orderingItemSchema>;
export type OrderingQuestion = z.infer<typeof orderingQuestionSchema>;
export type OrderingAnswer = z.infer<typeof orderingAnswerSchema>;

function credit(q: OrderingQuestion, a: OrderingAnswer): number {
	const truth = q.items.map((x) => x.id);
	if (a.order.length !== truth.length || new Set(a.order).size !== truth.length) return 0;
	const predecessor = new Map(truth.map((id, i) => [id, i === 0 ? null : truth[i - 1]!]));
	let links = 0;
	for (let i = 1; i < a.order.length; i++) if (predecessor.get(a.order[i]!) === a.order[i - 1]) links++;
	return round(links / (truth.length - 1));
}

export const ordering: QuestionTypeModule<OrderingQuestion, OrderingAnswer> = {
	type: 'ordering',
	question: orderingQuestionSchema,
	answer: orderingAnswerSchema,
	credit,
	ready: (q, a) => a.order.length === q.items.length,
	// Never already in the right order.
	start: (q, seed) => ({
		type: 'ordering',
		order: shuffleNotIdentity(
			q.items.map((i) => i.id),
			seed,
			q.id
		)
	}),
	check(q, at, h) {
		h.unique(
			q.items.map((x) => x.id),
			(j) => [...at, 'items', j, 'id'],
			(id) => finding('duplicateItemId', { id })
		);
		q.items.forEach((item, j) => {
			if ('panel' in item) h.panelRef(item.panel, [...at, 'items', j, 'panel']);
			else
				h.text(item.text, [...at, 'items', j, 'text'], (tag) =>
					finding('quizMissingItem', { tag, item: item.id, question: q.id })
				);
		});
	},
	tally: (q, answers) => verdictTally(answers.map((a) => credit(q, a)))
};
