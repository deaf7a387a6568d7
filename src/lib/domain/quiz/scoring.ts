/**
 * Scoring by correctness only (never speed). Every answer gets a credit between 0 and 1; only a
 * credit of exactly 1 counts as "right". Partial-credit rules:
 *
 * - single choice, true/false, find-it-in-the-comic: 1 or 0.
 * - multiple choice: (right options ticked − wrong options ticked) ÷ number of right options,
 *   never below 0. Ticking everything therefore earns nothing more than ticking nothing wrong.
 *   Example: right = {a, b}; ticked {a} → 0.5; {a, c} → 0; {a, b, c} → 0.5.
 * - ordering: the share of neighbouring pairs placed in the right order, i.e. for each item
 *   after the first, whether the item right before it is its true predecessor.
 *   Example: right A B C D; answer B C D A → (B→C, C→D) 2 of 3 links → 0.67. One item out of
 *   place costs one or two links, not the whole answer (a position-by-position score would give 0).
 * - matching: the share of pairs matched correctly.
 */
import type { FindTarget, Question } from './schema';
import type { Manifest, Region } from '../manifest/schema';

/** A student's answer, by question type. */
export type Answer =
	| { type: 'single'; choice: string }
	| { type: 'multiple'; choices: string[] }
	| { type: 'true-false'; value: boolean }
	| { type: 'ordering'; order: string[] }
	/** left pair id → the pair id whose right side was chosen for it */
	| { type: 'matching'; matches: Record<string, string> }
	/** Where the student tapped, in page pixels. */
	| { type: 'find'; point: { x: number; y: number } };

export type Verdict = 'right' | 'partial' | 'wrong';

export interface Score {
	/** 0…1 */
	credit: number;
	verdict: Verdict;
}

function verdictOf(credit: number): Verdict {
	return credit >= 1 ? 'right' : credit > 0 ? 'partial' : 'wrong';
}

function inside(r: Region, p: { x: number; y: number }): boolean {
	return p.x >= r.x && p.y >= r.y && p.x <= r.x + r.w && p.y <= r.y + r.h;
}

/** The region a find target covers on the page (a panel's region, or the region itself). */
export function targetRegion(target: FindTarget, manifest: Pick<Manifest, 'pages'>): Region | null {
	if ('region' in target) return target.region;
	for (const page of manifest.pages)
		for (const panel of page.panels) if (panel.id === target.panel) return panel.region;
	return null;
}

/** Credit for one answer. A mismatched answer type (a bug or a tampered record) scores 0. */
export function scoreAnswer(question: Question, answer: Answer, manifest: Pick<Manifest, 'pages'>): Score {
	const credit = creditOf(question, answer, manifest);
	return { credit, verdict: verdictOf(credit) };
}

function creditOf(q: Question, a: Answer, manifest: Pick<Manifest, 'pages'>): number {
	if (q.type !== a.type) return 0;
	switch (q.type) {
		case 'single':
			return (a as Extract<Answer, { type: 'single' }>).choice === q.answer ? 1 : 0;
		case 'true-false':
			return (a as Extract<Answer, { type: 'true-false' }>).value === q.answer ? 1 : 0;
		case 'multiple': {
			const ticked = new Set((a as Extract<Answer, { type: 'multiple' }>).choices);
			const right = new Set(q.answers);
			let hits = 0;
			let misses = 0;
			for (const id of ticked) {
				if (right.has(id)) hits++;
				else if (q.options.some((o) => o.id === id)) misses++;
			}
			return round(Math.max(0, (hits - misses) / right.size));
		}
		case 'ordering': {
			const order = (a as Extract<Answer, { type: 'ordering' }>).order;
			const truth = q.items.map((x) => x.id);
			if (order.length !== truth.length || new Set(order).size !== truth.length) return 0;
			const predecessor = new Map(truth.map((id, i) => [id, i === 0 ? null : truth[i - 1]!]));
			let links = 0;
			for (let i = 1; i < order.length; i++) if (predecessor.get(order[i]!) === order[i - 1]) links++;
			return round(links / (truth.length - 1));
		}
		case 'matching': {
			const matches = (a as Extract<Answer, { type: 'matching' }>).matches;
			const good = q.pairs.filter((p) => matches[p.id] === p.id).length;
			return round(good / q.pairs.length);
		}
		case 'find': {
			const point = (a as Extract<Answer, { type: 'find' }>).point;
			return q.targets.some((t) => {
				const region = targetRegion(t, manifest);
				return region !== null && inside(region, point);
			})
				? 1
				: 0;
		}
	}
}

/** Rounded to 4 decimals so stored credits compare equal across devices. */
function round(x: number): number {
	return Math.round(x * 10000) / 10000;
}

/** Whether an answer is complete enough to be checked (e.g. every left item matched). */
export function isAnswerReady(q: Question, a: Answer | null): a is Answer {
	if (!a || a.type !== q.type) return false;
	switch (a.type) {
		case 'single':
			return a.choice !== '';
		case 'multiple':
			return a.choices.length > 0;
		case 'true-false':
			return true;
		case 'ordering':
			return q.type === 'ordering' && a.order.length === q.items.length;
		case 'matching':
			return q.type === 'matching' && q.pairs.every((p) => !!a.matches[p.id]);
		case 'find':
			return true;
	}
}
