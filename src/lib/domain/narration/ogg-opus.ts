/**
 * Reads what an Ogg Opus file really is from its bytes (RFC 7845 headers, RFC 6716 packet TOC):
 * channels, frame duration, audio bandwidth, length and bitrate. Used to check that the studio's
 * recorder and the authoring tools encode speech alike (speech-encoding.ts), whatever their code says.
 */

export interface OggOpusFacts {
	channels: number;
	/** The encoder's input rate, from the OpusHead (for information: Opus always decodes at 48 kHz). */
	inputRate: number;
	preSkip: number;
	/**
	 * Packet durations (ms) found in the audio packets' TOC bytes (frame size × frames per packet),
	 * each once, sorted: what an encoder's "frame duration" setting gives (libopus codes 60 ms of
	 * CELT as three 20 ms frames in one packet).
	 */
	packetMs: number[];
	/** Audio bandwidths found in the TOC bytes: 'NB' 4 kHz, 'MB' 6, 'WB' 8, 'SWB' 12, 'FB' 20. */
	bandwidths: string[];
	packets: number;
	/** Bytes of Opus packets (the audio, without the Ogg pages' and headers' overhead). */
	audioBytes: number;
	/** The whole file's length in bytes. */
	fileBytes: number;
	/** Length from the last granule position, pre-skip removed. */
	durationSec: number;
	/** Opus packet bits per second of audio (what `-b:a` / OPUS_SET_BITRATE aims at). */
	audioBitrateBps: number;
}

/** Frame duration (ms) of each TOC configuration (RFC 6716 §3.1), by groups of 4. */
const CONFIG_FRAME_MS = [
	...[10, 20, 40, 60], // SILK NB
	...[10, 20, 40, 60], // SILK MB
	...[10, 20, 40, 60], // SILK WB
	...[10, 20], // Hybrid SWB
	...[10, 20], // Hybrid FB
	...[2.5, 5, 10, 20], // CELT NB
	...[2.5, 5, 10, 20], // CELT WB
	...[2.5, 5, 10, 20], // CELT SWB
	...[2.5, 5, 10, 20] // CELT FB
];

function bandwidthOf(config: number): string {
	if (config < 12) return ['NB', 'MB', 'WB'][Math.floor(config / 4)]!;
	if (config < 16) return config < 14 ? 'SWB' : 'FB';
	return ['NB', 'WB', 'SWB', 'FB'][Math.floor((config - 16) / 4)]!;
}

/** Frames in a packet, from its TOC code (RFC 6716 §3.2). */
function framesInPacket(packet: Uint8Array): number {
	const code = packet[0]! & 0x03;
	if (code === 0) return 1;
	if (code === 1 || code === 2) return 2;
	return (packet[1] ?? 0) & 0x3f;
}

/** Reads an Ogg Opus file (one logical stream). Throws naming the problem if it is not one. */
export function readOggOpus(bytes: Uint8Array): OggOpusFacts {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const packets: Uint8Array[] = [];
	let partial: Uint8Array[] = [];
	let lastGranule = 0n;
	let at = 0;
	while (at < bytes.length) {
		if (at + 27 > bytes.length || String.fromCharCode(...bytes.subarray(at, at + 4)) !== 'OggS')
			throw new Error(`not an Ogg page at byte ${at}`);
		const granule = view.getBigInt64(at + 6, true);
		if (granule >= 0n) lastGranule = granule;
		const segments = bytes[at + 26]!;
		let body = at + 27 + segments;
		for (let s = 0; s < segments; s++) {
			const size = bytes[at + 27 + s]!;
			partial.push(bytes.subarray(body, body + size));
			body += size;
			if (size < 255) {
				const length = partial.reduce((n, p) => n + p.length, 0);
				const packet = new Uint8Array(length);
				let k = 0;
				for (const p of partial) {
					packet.set(p, k);
					k += p.length;
				}
				packets.push(packet);
				partial = [];
			}
		}
		at = body;
	}
	const head = packets[0];
	const text = (p: Uint8Array | undefined) => (p ? String.fromCharCode(...p.subarray(0, 8)) : '');
	if (text(head) !== 'OpusHead') throw new Error('no OpusHead: not an Ogg Opus file');
	if (text(packets[1]) !== 'OpusTags') throw new Error('no OpusTags after the OpusHead');
	const headView = new DataView(head!.buffer, head!.byteOffset, head!.byteLength);
	const preSkip = headView.getUint16(10, true);
	const audio = packets.slice(2);
	const packetMs = new Set<number>();
	const bandwidths = new Set<string>();
	let audioBytes = 0;
	for (const packet of audio) {
		if (!packet.length) continue;
		const config = packet[0]! >> 3;
		packetMs.add(CONFIG_FRAME_MS[config]! * framesInPacket(packet));
		bandwidths.add(bandwidthOf(config));
		audioBytes += packet.length;
	}
	const durationSec = Math.max(0, Number(lastGranule) - preSkip) / 48000;
	return {
		channels: head![9]!,
		inputRate: headView.getUint32(12, true),
		preSkip,
		packetMs: [...packetMs].sort((a, b) => a - b),
		bandwidths: [...bandwidths].sort(),
		packets: audio.length,
		audioBytes,
		fileBytes: bytes.length,
		durationSec,
		audioBitrateBps: durationSec > 0 ? (audioBytes * 8) / durationSec : 0
	};
}
