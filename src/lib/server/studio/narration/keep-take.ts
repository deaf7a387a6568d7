/**
 * Keeping a recorded take (issue 16): the WAV the recorder uploads is checked (a real recording,
 * not silence, not far longer than its text), trimmed, evened out to −16 LUFS, split for a page
 * take, encoded (Ogg Opus, MP3) on a worker thread (process-take.ts), written into the narration
 * data, and becomes a new draft version through the one validation (ReviewService.deriveVersion →
 * validateComic). The version it was made from, and its clips, stay as they were.
 */
import { narratableText, withRecordedTake } from '../../../domain/narration/recording/apply';
import { sha256Hex } from '../../../domain/signing/hash';
import type { ReviewUser } from '../../review/core';
import type { VersionRecord } from '../../review/repositories';
import type { ReviewService } from '../../review/service';
import { processTakeOffThread } from './off-thread';
import { TakeError, type ProcessedTake } from './process-take';

export { TakeError } from './process-take';

const MAX_VOICE = 100;

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
	request: TakeRequest,
	process: (
		wav: Uint8Array,
		texts: string[],
		pointsSec?: number[]
	) => Promise<ProcessedTake> = processTakeOffThread
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

	// The CPU work (decoding, trimming, loudness, encoding) runs on a worker thread.
	const { ogg, mp3, durationSec, segments } = await process(request.wav, texts, request.pointsSec);
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
			durationSec
		},
		clips: targets.map((target, i) => ({ target, ...segments[i]! }))
	});
	const added = new Map([
		[src('ogg'), ogg],
		[src('mp3'), mp3]
	]);
	return service.deriveVersion(user, versionHash, next, added);
}
