/**
 * The one speech encoding of Kalanso (issue 21): the authoring tools (ffmpeg, comics/tools/speech.ts)
 * and the studio's narration recorder (libopus via opusscript, src/lib/server/studio/narration/encode.ts)
 * both read these parameters, so a comic narrated in the studio costs what the samples cost and the
 * pack-size budget (≤ 150 KB a page, one language, quiz narration included) holds for both.
 *
 * Why 6 kbit/s, 60 ms frames: see the README, Performance, "Pack size per page". In short: the
 * worst sample comic has ≈ 80 s of speech a page (page and quiz narration); at 8 kbit/s it would
 * be over budget, at 12 kbit/s far over. At 6 kbit/s libopus codes speech narrowband (SILK, ≈ 4 kHz
 * of audio): telephone quality, intelligible, sibilants less crisp. 60 ms frames carry fewer Ogg
 * packets (less overhead per second) than 20 ms; their cost is latency, which playing a file
 * does not have.
 */

/** Ogg Opus speech: mono, VBR around `bitrateBps`, libopus's "voip" application. */
export const SPEECH_OPUS = {
	bitrateBps: 6000,
	/** Opus frame duration; Opus allows 2.5, 5, 10, 20, 40 or 60 ms. */
	frameMs: 60,
	channels: 1,
	/** libopus's OPUS_APPLICATION_VOIP: tuned for intelligible speech at low rates. */
	application: 'voip'
} as const;

/** MP3 fallback for browsers without Opus: mono, constant bitrate. */
export const SPEECH_MP3 = { kbps: 32, channels: 1 } as const;

/** ffmpeg's codec arguments for SPEECH_OPUS (libopus). */
export function ffmpegOpusArgs(encoding: SpeechOpusEncoding = SPEECH_OPUS): string[] {
	return [
		'-c:a',
		'libopus',
		'-b:a',
		String(encoding.bitrateBps),
		'-application',
		encoding.application,
		'-frame_duration',
		String(encoding.frameMs)
	];
}

export interface SpeechOpusEncoding {
	bitrateBps: number;
	frameMs: 2.5 | 5 | 10 | 20 | 40 | 60;
	channels: 1;
	application: 'voip';
}
