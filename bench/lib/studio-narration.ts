/**
 * Auto-split accuracy of the narration studio (issue 16): on the committed espeak-ng takes with
 * known pauses (tests/fixtures/narration-takes, made by its make.ts), the share of split points
 * found within 150 ms of the truth (the middle of the silence between two bubbles). Measured as the
 * recorder runs it: the same pure module (src/lib/domain/narration/recording/autosplit.ts), the
 * texts' lengths as weights. Also run with room noise raised to about −40 dBFS (deterministic), a
 * harsher classroom than the takes', reported in the details.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { autoSplit } from '../../src/lib/domain/narration/recording/autosplit';
import { decodeWav, type Pcm } from '../../src/lib/domain/narration/recording/pcm';

export const AUTOSPLIT_TOLERANCE_SEC = 0.15;

interface TakeTruth {
	texts: string[];
	pointsSec: number[];
}

function withNoise(pcm: Pcm, amplitude: number): Pcm {
	let state = 12345;
	const samples = pcm.samples.map((s) => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return s + (state / 0x100000000 - 0.5) * amplitude;
	});
	return { samples, sampleRate: pcm.sampleRate };
}

function score(takes: [string, TakeTruth, Pcm][]) {
	let within = 0;
	let total = 0;
	const errorsMs: Record<string, number[]> = {};
	for (const [name, truth, pcm] of takes) {
		const found = autoSplit(
			pcm,
			truth.texts.map((t) => [...t].length)
		);
		errorsMs[name] = truth.pointsSec.map((p, i) => Math.round(Math.abs((found[i] ?? Infinity) - p) * 1000));
		for (const e of errorsMs[name]!) {
			total++;
			if (e <= AUTOSPLIT_TOLERANCE_SEC * 1000) within++;
		}
	}
	return { sharePercent: total ? (100 * within) / total : 0, within, total, errorsMs };
}

export function measureAutoSplit(root: string) {
	const dir = path.join(root, 'tests/fixtures/narration-takes');
	const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Record<string, TakeTruth>;
	const takes = Object.entries(truth)
		.filter(([, t]) => t.pointsSec.length > 0)
		.map(([name, t]): [string, TakeTruth, Pcm] => [
			name,
			t,
			decodeWav(readFileSync(path.join(dir, `${name}.wav`)))
		]);
	const clean = score(takes);
	// Uniform noise of peak-to-peak 0.035: RMS ≈ 0.01, about −40 dBFS.
	const noisy = score(takes.map(([n, t, pcm]): [string, TakeTruth, Pcm] => [n, t, withNoise(pcm, 0.035)]));
	return { clean, noisy, files: takes.map(([n]) => `${n}.wav`) };
}
