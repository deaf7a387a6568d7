/**
 * Speech synthesis shared by the authoring tools (comic narration in narrate.ts, quiz narration in
 * src/cli/quiz-narrate.ts): espeak-ng to PCM, silence trimming, WAV writing and bit-exact ffmpeg
 * encoding, so unchanged text always gives unchanged audio files.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { ffmpegOpusArgs, SPEECH_MP3, SPEECH_OPUS } from '../../src/lib/domain/narration/speech-encoding';

/** espeak-ng voice per comic language; espeak-ng has no voice for the national languages of Mali. */
export const VOICES: Record<string, string> = { fr: 'fr-fr', en: 'en-gb' };
export const SAMPLE_RATE = 22050; // espeak-ng's native rate
export const LEAD_SEC = 0.25; // silence before the first clip, so the first syllable is not clipped on start
const SILENCE_THRESHOLD = 400; // |sample| below this counts as silence when trimming a clip
const EDGE_SEC = 0.03; // keep this much of the trimmed silence so consonants are not cut

/** Mono 16-bit PCM samples of espeak-ng saying `text`. */
export function speak(text: string, voice: string, speedWpm: number): Int16Array {
	const wav = execFileSync('espeak-ng', ['--stdout', '-v', voice, '-s', String(speedWpm), text], {
		maxBuffer: 64 * 1024 * 1024
	});
	return trimSilence(wavSamples(wav));
}

/** The samples of a PCM WAV file (espeak-ng writes 22050 Hz mono s16le). */
export function wavSamples(wav: Buffer): Int16Array {
	let offset = 12;
	while (offset + 8 <= wav.length) {
		const id = wav.toString('ascii', offset, offset + 4);
		let size = wav.readUInt32LE(offset + 4);
		if (id === 'fmt ') {
			const channels = wav.readUInt16LE(offset + 10);
			const rate = wav.readUInt32LE(offset + 12);
			if (channels !== 1 || rate !== SAMPLE_RATE)
				throw new Error(`unexpected WAV: ${channels} ch, ${rate} Hz`);
		}
		if (id === 'data') {
			// espeak-ng writing to a pipe cannot seek back to fill in the size: take the rest.
			if (size === 0 || size === 0xffffffff || offset + 8 + size > wav.length) size = wav.length - offset - 8;
			const data = wav.subarray(offset + 8, offset + 8 + size - (size % 2));
			return new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length));
		}
		offset += 8 + size + (size % 2);
	}
	throw new Error('no data chunk in the WAV from espeak-ng');
}

/** Cuts the silence espeak-ng leaves before and after speech, so a clip's times match the voice. */
export function trimSilence(samples: Int16Array): Int16Array {
	let first = 0;
	while (first < samples.length && Math.abs(samples[first]!) < SILENCE_THRESHOLD) first++;
	let last = samples.length - 1;
	while (last > first && Math.abs(samples[last]!) < SILENCE_THRESHOLD) last--;
	const edge = Math.round(EDGE_SEC * SAMPLE_RATE);
	return samples.subarray(Math.max(0, first - edge), Math.min(samples.length, last + 1 + edge));
}

export function writeWav(file: string, samples: Int16Array): void {
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(36 + samples.byteLength, 4);
	header.write('WAVEfmt ', 8, 'ascii');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(SAMPLE_RATE, 24);
	header.writeUInt32LE(SAMPLE_RATE * 2, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36, 'ascii');
	header.writeUInt32LE(samples.byteLength, 40);
	writeFileSync(
		file,
		Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)])
	);
}

/** Encodes with no random serial numbers or tool versions, so unchanged text gives unchanged files. */
export function encode(wav: string, out: string, codecArgs: string[]): void {
	execFileSync('ffmpeg', [
		'-hide_banner',
		'-loglevel',
		'error',
		'-y',
		'-i',
		wav,
		'-map_metadata',
		'-1',
		'-fflags',
		'+bitexact',
		'-flags:a',
		'+bitexact',
		'-ac',
		'1',
		...codecArgs,
		out
	]);
}

export const round3 = (sec: number) => Math.round(sec * 1000) / 1000;

/**
 * Encodes speech for Kalanso with the one speech encoding (src/lib/domain/narration/speech-encoding.ts,
 * which the studio's recorder also reads): `<base>.ogg`, Ogg Opus (6 kbit/s mono, 60 ms frames),
 * first choice, and `<base>.mp3` (32 kbit/s at espeak's 22.05 kHz, MPEG-2 layer III), for browsers
 * without Opus. Tablets download only one of the two. Returns both, Opus first. Why that bitrate and
 * what it costs: speech-encoding.ts and the README, Performance.
 */
export function encodeSpeech(wav: string, base: string): { ogg: string; mp3: string } {
	const ogg = `${base}.ogg`;
	const mp3 = `${base}.mp3`;
	encode(wav, ogg, ffmpegOpusArgs(SPEECH_OPUS));
	encode(wav, mp3, ['-c:a', 'libmp3lame', '-b:a', `${SPEECH_MP3.kbps}k`, '-ar', String(SAMPLE_RATE)]);
	return { ogg, mp3 };
}
