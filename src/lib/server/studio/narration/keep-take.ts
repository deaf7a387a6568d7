/**
 * Keeping a recorded take (issue 16): the WAV the recorder uploads is checked (a real recording,
 * not silence, not far longer than its text), trimmed, evened out to −16 LUFS, split for a page
 * take, encoded (Ogg Opus, MP3), written into the narration data, and becomes a new draft version
 * through the one validation (ReviewService.deriveVersion → validateComic). The version it was
 * made from, and its clips, stay as they were.
 */
import { autoSplit, segmentsOf } from '../../../domain/narration/recording/autosplit';
import { narratableText, withRecordedTake } from '../../../domain/narration/recording/apply';
import { evenLoudness } from '../../../domain/narration/recording/loudness';
import { decodeWav, durationSec, PcmError, resample } from '../../../domain/narration/recording/pcm';
import { takeProblem, trimSilence } from '../../../domain/narration/recording/speech';
import { sha256Hex } from '../../../domain/signing/hash';
import type { ReviewUser } from '../../review/core';
import type { VersionRecord } from '../../review/repositories';
import type { ReviewService } from '../../review/service';
import { encodeMp3, encodeOggOpus, ENCODE_RATE } from './encode';

/** The longest take accepted: a page read slowly, with room to spare. */
export const MAX_TAKE_SEC = 600;
const MAX_VOICE = 100;

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

export interface TakeRequest {
	/** The narration language (a language of the comic). */
	language: string;
	/** Who speaks. */
	voice: string;
	/** One bubble or panel id, or the bubbles of a page in reading order for a page take. */
	targets: string[];
	/** The recording, as WAV. */
	wav: Uint8Array;
	/** A page take's split points (seconds in the uploaded take); found at the pauses when absent. */
	pointsSec?: number[];
}

/** Keeps a take as a new draft version of `versionHash`; throws TakeError or ReviewError. */
export async function keepTake(
	service: ReviewService,
	user: ReviewUser,
	versionHash: string,
	request: TakeRequest
): Promise<VersionRecord> {
	const { document } = await service.detail(user, versionHash);
	const manifest = document.manifest;
	const { language, targets } = request;
	if (!manifest.languages.some((l) => l.tag === language))
		throw new TakeError('unknown-language', `this comic has no language "${language}"`, { language });
	const voice = request.voice.normalize('NFC').trim();
	if (!voice || voice.length > MAX_VOICE)
		throw new TakeError('voice', `say who speaks (1 to ${MAX_VOICE} characters)`);
	if (!targets.length || new Set(targets).size !== targets.length)
		throw new TakeError('targets', 'name each bubble of the take once');
	const texts = targets.map((target) => {
		const text = narratableText(manifest, target, language);
		if (!text) throw new TakeError('no-text', `"${target}" has no text in ${language} to read`, { target });
		return text;
	});

	let take;
	try {
		take = decodeWav(request.wav);
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
	if (targets.length > 1) {
		const points =
			request.pointsSec ??
			autoSplit(
				pcm,
				texts.map((t) => [...t].length)
			);
		const shifted = points.map((p) => p - trimmed.offsetSec);
		const ordered = shifted.every((p, i) => p > (i ? shifted[i - 1]! + 0.1 : 0.1) && p < length - 0.1);
		if (shifted.length !== targets.length - 1 || !ordered)
			throw new TakeError('bad-split', 'the split points must be in order, inside the recording', {
				count: String(targets.length - 1)
			});
		segments = segmentsOf(processed, shifted);
	}

	const ogg = encodeOggOpus(processed);
	const mp3 = encodeMp3(processed);
	const tag = language.toLowerCase();
	const name = `rec-${targets.length === 1 ? targets[0] : `${targets[0]}-page`}-${sha256Hex(ogg).slice(0, 10)}`;
	const src = (ext: string) => `audio/${language}/${name}.${ext}`;
	const next = withRecordedTake(manifest, {
		language,
		voice,
		audio: {
			id: `${name}-${tag}`.replace(/[^a-z0-9-]/g, '-'),
			sources: [
				{ src: src('ogg'), type: 'audio/ogg; codecs=opus' },
				{ src: src('mp3'), type: 'audio/mpeg' }
			],
			durationSec: length
		},
		clips: targets.map((target, i) => ({ target, ...segments[i]! }))
	});
	const added = new Map([
		[src('ogg'), ogg],
		[src('mp3'), mp3]
	]);
	return service.deriveVersion(user, versionHash, next, added);
}
