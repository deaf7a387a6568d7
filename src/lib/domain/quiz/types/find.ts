/** Find it in the comic: the student taps the page; a tap inside any target is right. */
import { z } from 'zod';
import { finding } from '../../manifest/findings';
import { idSchema, regionSchema, type Manifest, type Region } from '../../manifest/schema';
import { questionBase, type QuestionTypeModule, type ScoringContext } from './base';

/** Where to tap: a whole panel, or a region of the page (page pixels). */
export const findTargetSchema = z.union([
	z.strictObject({ panel: idSchema }),
	z.strictObject({ region: regionSchema })
]);

export const findQuestionSchema = z.strictObject({
	...questionBase,
	type: z.literal('find'),
	/** The page shown for tapping. */
	page: idSchema,
	/** A tap inside any target is right. */
	targets: z.array(findTargetSchema).min(1)
});

export const findAnswerSchema = z.strictObject({
	type: z.literal('find'),
	/** Where the student tapped, in page pixels. */
	point: z.strictObject({ x: z.number().finite(), y: z.number().finite() })
});

export type FindTarget = z.infer<typeof findTargetSchema>;
export type FindQuestion = z.infer<typeof findQuestionSchema>;
export type FindAnswer = z.infer<typeof findAnswerSchema>;

/** The region a find target covers on the page (a panel's region, or the region itself). */
export function targetRegion(target: FindTarget, manifest: Pick<Manifest, 'pages'>): Region | null {
	if ('region' in target) return target.region;
	for (const page of manifest.pages)
		for (const panel of page.panels) if (panel.id === target.panel) return panel.region;
	return null;
}

function inside(r: Region, p: { x: number; y: number }): boolean {
	return p.x >= r.x && p.y >= r.y && p.x <= r.x + r.w && p.y <= r.y + r.h;
}

function hit(q: FindQuestion, point: { x: number; y: number }, ctx: ScoringContext): boolean {
	return q.targets.some((t) => {
		const region = targetRegion(t, ctx);
		return region !== null && inside(region, point);
	});
}

function insideRegion(r: Region, w: number, h: number): boolean {
	return r.x >= 0 && r.y >= 0 && r.x + r.w <= w && r.y + r.h <= h;
}

export const find: QuestionTypeModule<FindQuestion, FindAnswer> = {
	type: 'find',
	question: findQuestionSchema,
	answer: findAnswerSchema,
	credit: (q, a, ctx) => (hit(q, a.point, ctx) ? 1 : 0),
	ready: () => true,
	check(q, at, h) {
		const page = h.pages.get(q.page);
		if (!page) {
			h.report([...at, 'page'], finding('unknownPage', { page: q.page }));
			return;
		}
		q.targets.forEach((target, j) => {
			if ('panel' in target) {
				const panel = h.panels.get(target.panel);
				if (!panel) h.panelRef(target.panel, [...at, 'targets', j, 'panel']);
				else if (panel.page !== q.page)
					h.report(
						[...at, 'targets', j, 'panel'],
						finding('panelNotOnPage', { panel: target.panel, page: q.page })
					);
			} else if (!insideRegion(target.region, page.width, page.height)) {
				h.report(
					[...at, 'targets', j, 'region'],
					finding('findRegionOutside', { width: page.width, height: page.height })
				);
			}
		});
	},
	tally(q, answers, ctx) {
		const points = answers.map((a) => ({ ...a.point, right: hit(q, a.point, ctx) }));
		const right = points.filter((p) => p.right).length;
		return {
			total: answers.length,
			buckets: [
				{ key: 'right', count: right, right: true },
				{ key: 'wrong', count: points.length - right, right: false }
			],
			points
		};
	}
};
