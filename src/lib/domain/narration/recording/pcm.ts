/**
 * Mono PCM as the narration recorder handles it: Float32 samples in [-1, 1] with their rate, and
 * the WAV container the browser uploads a take in (16-bit little-endian, RIFF). Pure: used by the
 * browser (preview, upload), the server (decode, encode) and the tests.
 */

/** A mono recording: samples in [-1, 1] at `sampleRate` Hz. */
export interface Pcm {
	samples: Float32Array;
	sampleRate: number;
}

/** Why bytes are not a WAV recording the studio can use (a code the interface translates). */
export class PcmError extends Error {
	constructor(
		readonly code: 'not-wav' | 'wav-format' | 'wav-empty',
		message: string
	) {
		super(message);
	}
}

/** Duration of a recording in seconds. */
export const durationSec = (pcm: Pcm): number => pcm.samples.length / pcm.sampleRate;

/** Encodes mono samples as a 16-bit PCM WAV file. */
export function encodeWav({ samples, sampleRate }: Pcm): Uint8Array<ArrayBuffer> {
	const bytes = new Uint8Array(44 + samples.length * 2);
	const view = new DataView(bytes.buffer);
	const ascii = (at: number, text: string) => {
		for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
	};
	ascii(0, 'RIFF');
	view.setUint32(4, 36 + samples.length * 2, true);
	ascii(8, 'WAVE');
	ascii(12, 'fmt ');
	view.setUint32(16, 16, true);
	view.setUint16(20, 1, true); // PCM
	view.setUint16(22, 1, true); // mono
	view.setUint32(24, sampleRate, true);
	view.setUint32(28, sampleRate * 2, true);
	view.setUint16(32, 2, true);
	view.setUint16(34, 16, true);
	ascii(36, 'data');
	view.setUint32(40, samples.length * 2, true);
	for (let i = 0; i < samples.length; i++) {
		const s = Math.max(-1, Math.min(1, samples[i]!));
		view.setInt16(44 + i * 2, Math.round(s < 0 ? s * 0x8000 : s * 0x7fff), true);
	}
	return bytes;
}

/**
 * Decodes a WAV file (PCM 8/16/24/32-bit or IEEE float 32, any channel count: channels are mixed
 * down to mono). Throws a PcmError saying what is wrong with anything else.
 */
export function decodeWav(bytes: Uint8Array): Pcm {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const tag = (at: number) =>
		at + 4 <= bytes.length ? String.fromCharCode(...bytes.subarray(at, at + 4)) : '';
	if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE')
		throw new PcmError('not-wav', 'the file is not a WAV recording');
	let format = 0;
	let channels = 0;
	let sampleRate = 0;
	let bits = 0;
	let at = 12;
	while (at + 8 <= bytes.length) {
		const id = tag(at);
		const size = view.getUint32(at + 4, true);
		const body = at + 8;
		if (id === 'fmt ' && size >= 16 && body + 16 <= bytes.length) {
			format = view.getUint16(body, true);
			channels = view.getUint16(body + 2, true);
			sampleRate = view.getUint32(body + 4, true);
			bits = view.getUint16(body + 14, true);
			// WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
			if (format === 0xfffe && size >= 26 && body + 26 <= bytes.length)
				format = view.getUint16(body + 24, true);
		} else if (id === 'data') {
			if (!channels || !sampleRate) throw new PcmError('wav-format', 'the WAV file has no format chunk');
			const usable = (format === 1 && [8, 16, 24, 32].includes(bits)) || (format === 3 && bits === 32);
			if (!usable || channels > 8 || sampleRate < 8000 || sampleRate > 192000)
				throw new PcmError(
					'wav-format',
					`unsupported WAV format (format ${format}, ${bits} bits, ${channels} channels, ${sampleRate} Hz)`
				);
			const end = Math.min(bytes.length, body + size);
			const frameBytes = (bits / 8) * channels;
			const frames = Math.floor((end - body) / frameBytes);
			if (frames <= 0) throw new PcmError('wav-empty', 'the WAV file holds no sound');
			const samples = new Float32Array(frames);
			for (let f = 0; f < frames; f++) {
				let sum = 0;
				for (let c = 0; c < channels; c++) {
					const p = body + f * frameBytes + (c * bits) / 8;
					let v: number;
					if (format === 3) v = view.getFloat32(p, true);
					else if (bits === 8) v = (view.getUint8(p) - 128) / 128;
					else if (bits === 16) v = view.getInt16(p, true) / 0x8000;
					else if (bits === 24)
						v = (view.getUint8(p) | (view.getUint8(p + 1) << 8) | (view.getInt8(p + 2) << 16)) / 0x800000;
					else v = view.getInt32(p, true) / 0x80000000;
					sum += Number.isFinite(v) ? v : 0;
				}
				samples[f] = sum / channels;
			}
			return { samples, sampleRate };
		}
		at = body + size + (size % 2);
	}
	throw new PcmError('wav-empty', 'the WAV file has no sound data');
}

/**
 * Resamples by linear interpolation after a moving-average low-pass when going down. Speech for
 * narration (Opus at 6 kbps, SPEECH_OPUS in domain/narration/speech-encoding.ts) needs nothing finer; a browser recording at 44.1 or 48 kHz is
 * brought to the encoder's 24 kHz with it.
 */
export function resample(pcm: Pcm, sampleRate: number): Pcm {
	if (pcm.sampleRate === sampleRate) return pcm;
	let source = pcm.samples;
	const ratio = pcm.sampleRate / sampleRate;
	if (ratio > 1) {
		const width = Math.max(1, Math.round(ratio));
		const smoothed = new Float32Array(source.length);
		let acc = 0;
		for (let i = 0; i < source.length; i++) {
			acc += source[i]!;
			if (i >= width) acc -= source[i - width]!;
			smoothed[i] = acc / Math.min(i + 1, width);
		}
		// The moving average delays by (width - 1) / 2 samples: read ahead by as much.
		const shift = (width - 1) / 2;
		source = smoothed.map((_, i) => smoothed[Math.min(source.length - 1, Math.round(i + shift))]!);
	}
	const length = Math.floor(pcm.samples.length / ratio);
	const out = new Float32Array(length);
	for (let i = 0; i < length; i++) {
		const x = i * ratio;
		const i0 = Math.floor(x);
		const i1 = Math.min(source.length - 1, i0 + 1);
		const frac = x - i0;
		out[i] = source[i0]! * (1 - frac) + source[i1]! * frac;
	}
	return { samples: out, sampleRate };
}

/** The samples from `startSec` to `endSec` (clamped to the recording). */
export function slice(pcm: Pcm, startSec: number, endSec: number): Pcm {
	const a = Math.max(0, Math.round(startSec * pcm.sampleRate));
	const b = Math.min(pcm.samples.length, Math.round(endSec * pcm.sampleRate));
	return { samples: pcm.samples.slice(a, Math.max(a, b)), sampleRate: pcm.sampleRate };
}
