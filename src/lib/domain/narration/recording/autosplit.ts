/**
 * Whole page in one take: where to split a reading of several bubbles into one segment each. The
 * reader pauses between bubbles; inside a bubble pauses are shorter (commas, breaths). The split
 * points are chosen among the pauses of the take, in order, preferring long pauses near where the
 * texts' lengths say each bubble should end (dynamic programming over the candidate pauses). Pure:
 * the browser draws the result on the waveform, the bench measures it against known pauses.
 */
import { durationSec, type Pcm } from './pcm';
import { FRAME_SEC, frameLevels, LEAD_SEC, speechFrames, speechThreshold, TAIL_SEC } from './speech';

/** Pauses shorter than this are never split points (a stop consonant, a short breath). */
const MIN_PAUSE_SEC = 0.08;
/** How much a split point may be pulled away from the longest pause by the texts' lengths. */
const POSITION_WEIGHT = 6;

/** A pause in the speech: from the end of one word to the start of the next. */
export interface Pause {
	startSec: number;
	endSec: number;
}

/** The pauses between the first and the last word of a take. */
export function pausesOf(pcm: Pcm): Pause[] {
	const levels = frameLevels(pcm);
	const threshold = speechThreshold(levels);
	if (threshold === null) return [];
	const speech = speechFrames(levels, threshold);
	const first = speech.indexOf(1);
	const last = speech.lastIndexOf(1);
	const pauses: Pause[] = [];
	for (let f = first; f <= last;) {
		if (speech[f]) {
			f++;
			continue;
		}
		let end = f;
		while (end <= last && !speech[end]) end++;
		if ((end - f) * FRAME_SEC >= MIN_PAUSE_SEC)
			pauses.push({ startSec: f * FRAME_SEC, endSec: end * FRAME_SEC });
		f = end;
	}
	return pauses;
}

/**
 * Split points (seconds, increasing, one fewer than `weights`) for a take reading texts whose
 * lengths are `weights` (characters), in order. A point sits in the middle of the pause chosen;
 * when the take has fewer pauses than needed, the missing points fall where the lengths say.
 */
export function autoSplit(pcm: Pcm, weights: readonly number[]): number[] {
	const needed = weights.length - 1;
	if (needed <= 0) return [];
	const pauses = pausesOf(pcm);
	const levels = frameLevels(pcm);
	const threshold = speechThreshold(levels);
	const speech = threshold === null ? null : speechFrames(levels, threshold);
	const startSec = speech ? speech.indexOf(1) * FRAME_SEC : 0;
	const endSec = speech ? (speech.lastIndexOf(1) + 1) * FRAME_SEC : durationSec(pcm);
	const span = Math.max(FRAME_SEC, endSec - startSec);
	const total = weights.reduce((a, b) => a + Math.max(1, b), 0);
	const expected: number[] = [];
	let cumulative = 0;
	for (let i = 0; i < needed; i++) {
		cumulative += Math.max(1, weights[i]!);
		expected.push(startSec + (span * cumulative) / total);
	}
	if (pauses.length < needed) {
		// Not enough pauses: keep every pause, nearest first, and put the rest where expected.
		const points = expected.map((e) => e);
		const used = new Set<number>();
		for (const pause of pauses) {
			const mid = (pause.startSec + pause.endSec) / 2;
			let best = -1;
			for (let i = 0; i < needed; i++) {
				if (used.has(i)) continue;
				if (best < 0 || Math.abs(expected[i]! - mid) < Math.abs(expected[best]! - mid)) best = i;
			}
			used.add(best);
			points[best] = mid;
		}
		return points.sort((a, b) => a - b);
	}
	const mids = pauses.map((p) => (p.startSec + p.endSec) / 2);
	const longest = Math.max(...pauses.map((p) => p.endSec - p.startSec));
	// Score of pause j as split point i: its length (relative to the longest), minus its distance
	// from where the texts' lengths put that point (relative to the whole reading).
	const score = (i: number, j: number) =>
		(pauses[j]!.endSec - pauses[j]!.startSec) / longest -
		(POSITION_WEIGHT * Math.abs(mids[j]! - expected[i]!)) / span;
	const m = pauses.length;
	// best[i][j]: best total with split point i at pause j; from[i][j]: the pause of point i-1.
	const best: number[][] = [];
	const from: number[][] = [];
	for (let i = 0; i < needed; i++) {
		best.push(new Array<number>(m).fill(-Infinity));
		from.push(new Array<number>(m).fill(-1));
		let runningBest = -Infinity;
		let runningFrom = -1;
		for (let j = 0; j < m; j++) {
			if (i === 0) {
				best[0]![j] = score(0, j);
				continue;
			}
			// The previous point must be at an earlier pause.
			if (j - 1 >= 0 && best[i - 1]![j - 1]! > runningBest) {
				runningBest = best[i - 1]![j - 1]!;
				runningFrom = j - 1;
			}
			if (runningFrom >= 0) {
				best[i]![j] = runningBest + score(i, j);
				from[i]![j] = runningFrom;
			}
		}
	}
	let j = 0;
	for (let k = 1; k < m; k++) if (best[needed - 1]![k]! > best[needed - 1]![j]!) j = k;
	const chosen: number[] = [];
	for (let i = needed - 1; i >= 0; i--) {
		chosen.unshift(mids[j]!);
		j = from[i]![j]!;
	}
	return chosen;
}

/**
 * The segment of each text between split points, tightened to its own speech (with the lead and
 * tail a trimmed clip keeps), so the highlight moves during the pause between two clips. A
 * segment with no speech keeps its whole span.
 */
export function segmentsOf(pcm: Pcm, points: readonly number[]): { startSec: number; endSec: number }[] {
	const levels = frameLevels(pcm);
	const threshold = speechThreshold(levels);
	const speech = threshold === null ? null : speechFrames(levels, threshold);
	const total = durationSec(pcm);
	const edges = [0, ...points, total];
	const segments: { startSec: number; endSec: number }[] = [];
	for (let i = 0; i + 1 < edges.length; i++) {
		const a = edges[i]!;
		const b = edges[i + 1]!;
		let first = -1;
		let last = -1;
		if (speech) {
			for (let f = Math.floor(a / FRAME_SEC); f < Math.min(speech.length, Math.ceil(b / FRAME_SEC)); f++) {
				if (!speech[f]) continue;
				if (first < 0) first = f;
				last = f;
			}
		}
		if (first < 0) {
			segments.push({ startSec: a, endSec: b });
			continue;
		}
		const startSec = Math.max(a, first * FRAME_SEC - LEAD_SEC);
		const endSec = Math.min(b, (last + 1) * FRAME_SEC + TAIL_SEC);
		segments.push({ startSec, endSec: Math.max(endSec, startSec + FRAME_SEC) });
	}
	return segments;
}
