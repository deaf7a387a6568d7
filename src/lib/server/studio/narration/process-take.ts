/**
 * The CPU work of keeping a take, from the uploaded WAV to the encoded files: checked (a real
 * recording, not silence, not far longer than its text), trimmed, split for a page take, evened
 * out to −16 LUFS, encoded (Ogg Opus, MP3). Pure of I/O, so it runs on a worker thread
 * (take-worker.ts): LAME in JavaScript takes seconds for a page, which must not hold the server.
 */
import { autoSplit, segmentsOf } from '../../../domain/narration/recording/autosplit';
import { evenLoudness } from '../../../domain/narration/recording/loudness';
import { decodeWav, durationSec, PcmError, resample } from '../../../domain/narration/recording/pcm';
import { takeProblem, trimSilence } from '../../../domain/narration/recording/speech';
import { encodeMp3, encodeOggOpus, ENCODE_RATE } from './encode';

/** The longest take accepted: a page read slowly, with room to spare. */
export const MAX_TAKE_SEC = 600;

/** A take refused, with a code the recorder translates and its parameters. */
export class TakeError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly params: Record<string, string> = {}
	) {
		super(message);
	}
}

/** The kept take: its files, its length, and the segment of each text in it. */
export interface ProcessedTake {
	ogg: Uint8Array;
	mp3: Uint8Array;
	durationSec: number;
	segments: { startSec: number; endSec: number }[];
}

/** Processes a take reading `texts` (one, or a page's bubbles in order). Throws TakeError. */
export function processTake(wav: Uint8Array, texts: string[], pointsSec?: number[]): ProcessedTake {
	let take;
	try {
		take = decodeWav(wav);
	} catch (error) {
		if (error instanceof PcmError) throw new TakeError(error.code, error.message);
		throw error;
	}
	if (durationSec(take) > MAX_TAKE_SEC)
		throw new TakeError('too-long', 'the recording is far longer than its text', {
			seconds: durationSec(take).toFixed(0),
			expected: '—'
		});
	const problem = takeProblem(take, texts.join(' '));
	if (problem?.code === 'silence')
		throw new TakeError('silence', 'the recording is silence: no voice was heard');
	if (problem) throw new TakeError(problem.code, 'the recording is far longer than its text', problem.params);

	const pcm = resample(take, ENCODE_RATE);
	const trimmed = trimSilence(pcm);
	if (!trimmed) throw new TakeError('silence', 'the recording is silence: no voice was heard');
	const processed = evenLoudness(trimmed.pcm);
	const length = durationSec(processed);
	let segments = [{ startSec: 0, endSec: length }];
	if (texts.length > 1) {
		const points =
			pointsSec ??
			autoSplit(
				pcm,
				texts.map((t) => [...t].length)
			);
		const shifted = points.map((p) => p - trimmed.offsetSec);
		const ordered = shifted.every((p, i) => p > (i ? shifted[i - 1]! + 0.1 : 0.1) && p < length - 0.1);
		if (shifted.length !== texts.length - 1 || !ordered)
			throw new TakeError('bad-split', 'the split points must be in order, inside the recording', {
				count: String(texts.length - 1)
			});
		segments = segmentsOf(processed, shifted);
	}
	return { ogg: encodeOggOpus(processed), mp3: encodeMp3(processed), durationSec: length, segments };
}
