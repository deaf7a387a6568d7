/**
 * Encodes a narration take to the formats the reader plays: Ogg Opus first, MP3 as the fallback
 * (comics/README.md, "Narration"). Done on the server, with libopus compiled to WebAssembly
 * (opusscript, the encoder discord.js relies on) and LAME ported to JavaScript (@breezystack/lamejs,
 * the maintained fork of lamejs): no native module and no ffmpeg, so a fresh school server needs
 * nothing but `npm ci`. The browser could record Opus itself (MediaRecorder), but then trimming and
 * evening the loudness would need decoding and encoding again there, Chrome 87 has no WebCodecs to
 * do it, and MP3 would still need the server: so the browser uploads PCM (WAV) and the server
 * encodes once, from the processed samples.
 */
import { Mp3Encoder } from '@breezystack/lamejs';
import OpusScript from 'opusscript';
import type { Pcm } from '../../../domain/narration/recording/pcm';
import { SPEECH_MP3, SPEECH_OPUS, type SpeechOpusEncoding } from '../../../domain/narration/speech-encoding';

/**
 * The rate narration is encoded at: one Opus accepts, and MP3's MPEG-2 24 kHz. At Kalanso's speech
 * bitrate libopus codes narrowband anyway; the rate only bounds what a higher bitrate could keep.
 */
export const ENCODE_RATE = 24000;
/**
 * Samples (at 48 kHz, Ogg Opus's clock) the decoder drops at the start: libopus's look-ahead at
 * this rate (6.5 ms = 312 at 48 kHz). Declared in the OpusHead so players start on the first sample.
 */
const PRE_SKIP = 312;

function toInt16(samples: Float32Array): Int16Array {
	const out = new Int16Array(samples.length);
	for (let i = 0; i < samples.length; i++) {
		const s = Math.max(-1, Math.min(1, samples[i]!));
		out[i] = Math.round(s < 0 ? s * 0x8000 : s * 0x7fff);
	}
	return out;
}

/** MP3 (MPEG-2 layer III at 24 kHz, mono, CBR). */
export function encodeMp3(pcm: Pcm): Uint8Array {
	if (pcm.sampleRate !== ENCODE_RATE) throw new Error(`encodeMp3 expects ${ENCODE_RATE} Hz`);
	const encoder = new Mp3Encoder(SPEECH_MP3.channels, ENCODE_RATE, SPEECH_MP3.kbps);
	const pcm16 = toInt16(pcm.samples);
	const chunks: Uint8Array[] = [];
	for (let i = 0; i < pcm16.length; i += 1152) chunks.push(encoder.encodeBuffer(pcm16.subarray(i, i + 1152)));
	chunks.push(encoder.flush());
	return concat(chunks);
}

/**
 * Ogg Opus (RFC 7845) with Kalanso's speech encoding (SPEECH_OPUS, shared with the authoring
 * tools); `encoding` is another only for measuring bitrates (comics/tools/speech-bitrates.ts).
 */
export function encodeOggOpus(pcm: Pcm, encoding: SpeechOpusEncoding = SPEECH_OPUS): Uint8Array {
	if (pcm.sampleRate !== ENCODE_RATE) throw new Error(`encodeOggOpus expects ${ENCODE_RATE} Hz`);
	const FRAME = (ENCODE_RATE / 1000) * encoding.frameMs;
	const encoder = new OpusScript(ENCODE_RATE, encoding.channels, OpusScript.Application.VOIP);
	const packets: Uint8Array[] = [];
	try {
		encoder.setBitrate(encoding.bitrateBps);
		const pcm16 = toInt16(pcm.samples);
		// Whole frames only: the last one is padded with silence, and the end granule cuts it off.
		const frames = Math.ceil(pcm16.length / FRAME);
		const padded = new Int16Array(frames * FRAME);
		padded.set(pcm16);
		for (let f = 0; f < frames; f++) {
			const frame = padded.subarray(f * FRAME, (f + 1) * FRAME);
			const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
			packets.push(new Uint8Array(encoder.encode(bytes, FRAME)));
		}
	} finally {
		encoder.delete();
	}
	const ogg = new OggWriter(0x4b414c41); // "KALA": one logical stream per file, any serial will do
	ogg.page([opusHead()], 0, 0x02);
	ogg.page([opusTags()], 0, 0);
	// Granule positions count 48 kHz samples, pre-skip included; the last one marks the real end.
	const scale = 48000 / ENCODE_RATE;
	const endGranule = PRE_SKIP + pcm.samples.length * scale;
	// About one second of audio per page: little overhead, fine-grained seeking.
	const PER_PAGE = Math.max(1, Math.round(1000 / encoding.frameMs));
	for (let p = 0; p < packets.length; p += PER_PAGE) {
		const group = packets.slice(p, p + PER_PAGE);
		const last = p + PER_PAGE >= packets.length;
		const granule = last ? endGranule : PRE_SKIP + (p + group.length) * FRAME * scale;
		ogg.page(group, granule, last ? 0x04 : 0);
	}
	return ogg.bytes();
}

function opusHead(): Uint8Array {
	const head = new Uint8Array(19);
	const view = new DataView(head.buffer);
	head.set(new TextEncoder().encode('OpusHead'));
	head[8] = 1; // version
	head[9] = 1; // channels
	view.setUint16(10, PRE_SKIP, true);
	view.setUint32(12, ENCODE_RATE, true); // the input rate, for information
	view.setInt16(16, 0, true); // output gain
	head[18] = 0; // channel mapping family 0: mono or stereo
	return head;
}

function opusTags(): Uint8Array {
	const vendor = new TextEncoder().encode('Kalanso studio (libopus via opusscript)');
	const tags = new Uint8Array(8 + 4 + vendor.length + 4);
	const view = new DataView(tags.buffer);
	tags.set(new TextEncoder().encode('OpusTags'));
	view.setUint32(8, vendor.length, true);
	tags.set(vendor, 12);
	view.setUint32(12 + vendor.length, 0, true); // no user comments
	return tags;
}

/** CRC-32 of Ogg: polynomial 0x04c11db7, no reflection, initial value and final XOR 0. */
const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let i = 0; i < 256; i++) {
		let r = i << 24;
		for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
		table[i] = r >>> 0;
	}
	return table;
})();

function oggCrc(bytes: Uint8Array): number {
	let crc = 0;
	for (const b of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff]!) >>> 0;
	return crc;
}

/** Writes Ogg pages (RFC 3533) of whole packets. */
class OggWriter {
	#pages: Uint8Array[] = [];
	#sequence = 0;
	constructor(readonly serial: number) {}

	/** One page holding `packets` whole; `flags`: 0x02 first page, 0x04 last. */
	page(packets: Uint8Array[], granule: number, flags: number): void {
		const lacing: number[] = [];
		for (const packet of packets) {
			let left = packet.length;
			while (left >= 255) {
				lacing.push(255);
				left -= 255;
			}
			lacing.push(left);
		}
		if (lacing.length > 255) throw new Error('too many packets for one Ogg page');
		const body = concat(packets);
		const page = new Uint8Array(27 + lacing.length + body.length);
		const view = new DataView(page.buffer);
		page.set(new TextEncoder().encode('OggS'));
		page[4] = 0;
		page[5] = flags;
		view.setBigUint64(6, BigInt(granule), true);
		view.setUint32(14, this.serial, true);
		view.setUint32(18, this.#sequence++, true);
		view.setUint32(22, 0, true);
		page[26] = lacing.length;
		page.set(lacing, 27);
		page.set(body, 27 + lacing.length);
		view.setUint32(22, oggCrc(page), true);
		this.#pages.push(page);
	}

	bytes(): Uint8Array {
		return concat(this.#pages);
	}
}

function concat(chunks: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}
