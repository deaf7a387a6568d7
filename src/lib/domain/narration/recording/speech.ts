/**
 * Where the speech is in a take: frame levels, the level that separates speech from the room's
 * noise, the trimmed span, and what is wrong with a take (all silence, far longer than its text).
 * Pure, shared by the recorder in the browser, the server that keeps a take, and the tests.
 */
import { durationSec, slice, type Pcm } from './pcm';

/** Analysis frame: 10 ms. */
export const FRAME_SEC = 0.01;
/** Silence kept before the first and after the last word of a trimmed clip. */
export const LEAD_SEC = 0.12;
export const TAIL_SEC = 0.18;
/** A take whose loudest 10 ms is below this is silence, whatever the room. */
const SILENCE_DBFS = -50;
/** Below this a frame is digital silence, not a room. */
const DIGITAL_SILENCE_DBFS = -100;
/** Speech must stand this far above the room's noise floor to be told apart from it. */
const MIN_RANGE_DB = 10;
/** Runs of "speech" frames shorter than this are clicks or breaths, not words. */
const MIN_SPEECH_SEC = 0.05;

/** RMS level of every 10 ms frame, in dBFS (-120 for digital silence). */
export function frameLevels(pcm: Pcm): Float32Array {
	const size = Math.max(1, Math.round(FRAME_SEC * pcm.sampleRate));
	const count = Math.ceil(pcm.samples.length / size);
	const levels = new Float32Array(count);
	for (let f = 0; f < count; f++) {
		let sum = 0;
		const end = Math.min(pcm.samples.length, (f + 1) * size);
		for (let i = f * size; i < end; i++) sum += pcm.samples[i]! * pcm.samples[i]!;
		const ms = sum / Math.max(1, end - f * size);
		levels[f] = ms > 1e-12 ? 10 * Math.log10(ms) : -120;
	}
	return levels;
}

/** The level split between speech and pause, or null when the take holds no speech at all. */
export function speechThreshold(levels: Float32Array): number | null {
	if (!levels.length) return null;
	const sorted = [...levels].sort((a, b) => a - b);
	// The room's noise floor; frames of digital silence (a muted input, padding) are no room.
	const heard = sorted.filter((level) => level > DIGITAL_SILENCE_DBFS);
	if (!heard.length) return null;
	const floor = heard[Math.floor(heard.length * 0.1)]!;
	// The loudest frames, ignoring the top 0.5 % (a knock on the table is not the voice).
	const loud = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.995))]!;
	if (loud < SILENCE_DBFS || loud - floor < MIN_RANGE_DB) return null;
	// Between the noise floor and the voice; never so close to the voice that soft syllables fall out.
	return Math.min(Math.max(floor + MIN_RANGE_DB, loud - 40), loud - 18);
}

/** Speech flags per frame, with runs shorter than MIN_SPEECH_SEC removed. */
export function speechFrames(levels: Float32Array, threshold: number): Uint8Array {
	const speech = new Uint8Array(levels.length);
	for (let f = 0; f < levels.length; f++) speech[f] = levels[f]! >= threshold ? 1 : 0;
	const minRun = Math.round(MIN_SPEECH_SEC / FRAME_SEC);
	for (let f = 0; f < speech.length;) {
		if (!speech[f]) {
			f++;
			continue;
		}
		let end = f;
		while (end < speech.length && speech[end]) end++;
		if (end - f < minRun) speech.fill(0, f, end);
		f = end;
	}
	return speech;
}

/** First and last second of speech in the take, or null when it holds none. */
export function speechSpan(pcm: Pcm): { startSec: number; endSec: number } | null {
	const levels = frameLevels(pcm);
	const threshold = speechThreshold(levels);
	if (threshold === null) return null;
	const speech = speechFrames(levels, threshold);
	const first = speech.indexOf(1);
	const last = speech.lastIndexOf(1);
	if (first < 0) return null;
	return { startSec: first * FRAME_SEC, endSec: Math.min(durationSec(pcm), (last + 1) * FRAME_SEC) };
}

/** The take without the silence before the first and after the last word (a little is kept). */
export function trimSilence(pcm: Pcm): { pcm: Pcm; offsetSec: number } | null {
	const span = speechSpan(pcm);
	if (!span) return null;
	const startSec = Math.max(0, span.startSec - LEAD_SEC);
	const endSec = Math.min(durationSec(pcm), span.endSec + TAIL_SEC);
	return { pcm: slice(pcm, startSec, endSec), offsetSec: startSec };
}

/** How long reading `text` aloud should take, roughly: ≈ 13 characters a second, at least 1 s. */
export function expectedSpeechSec(text: string): number {
	const letters = [...text.normalize('NFC')].filter((c) => /\p{L}|\p{N}/u.test(c)).length;
	return Math.max(1, letters / 13);
}

/** A take longer than this for its text is refused as not a reading of it. */
export function longestTakeSec(text: string): number {
	return expectedSpeechSec(text) * 3 + 4;
}

/** What is wrong with a take, in words the interface translates. */
export type TakeProblem =
	{ code: 'silence' } | { code: 'too-long'; params: { seconds: string; expected: string } };

/**
 * Why a take cannot be kept for `text` (all of a page's texts for a page take), or null. Measured
 * on the speech span, so a long silence before pressing stop does not count against the reader.
 */
export function takeProblem(pcm: Pcm, text: string): TakeProblem | null {
	const span = speechSpan(pcm);
	if (!span) return { code: 'silence' };
	const seconds = span.endSec - span.startSec;
	if (seconds > longestTakeSec(text)) {
		return {
			code: 'too-long',
			params: { seconds: seconds.toFixed(0), expected: expectedSpeechSec(text).toFixed(0) }
		};
	}
	return null;
}
