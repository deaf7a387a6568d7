/**
 * Integrated loudness per ITU-R BS.1770-4 (the measure behind EBU R128 and "−16 LUFS" for spoken
 * word), for a mono recording: K-weighting (a high shelf, then a high pass), mean square over
 * 400 ms blocks overlapping by 75 %, an absolute gate at −70 LUFS and a relative gate 10 LU below
 * the level of the blocks that passed the first. The filter coefficients are derived for any
 * sample rate from the analogue prototypes (as libebur128 and pyloudnorm do), so 16, 24 and 48 kHz
 * recordings are measured alike. Pure: the browser shows it, the server applies it.
 */
import type { Pcm } from './pcm';

/** Loudness narration clips are evened out to (spoken word on small speakers). */
export const TARGET_LUFS = -16;
/** Highest sample peak after the gain: leaves room for the encoders' overshoot. */
export const PEAK_LIMIT_DBFS = -1;

interface Biquad {
	b0: number;
	b1: number;
	b2: number;
	a1: number;
	a2: number;
}

/** The two K-weighting stages at `sampleRate`. */
function kWeighting(sampleRate: number): [Biquad, Biquad] {
	// Stage 1: high shelf (+4 dB above ≈ 1.7 kHz: the head's acoustic effect).
	let f0 = 1681.974450955533;
	const gainDb = 3.999843853973347;
	let q = 0.7071752369554196;
	let k = Math.tan((Math.PI * f0) / sampleRate);
	const vh = Math.pow(10, gainDb / 20);
	const vb = Math.pow(vh, 0.4996667741545416);
	let a0 = 1 + k / q + k * k;
	const shelf: Biquad = {
		b0: (vh + (vb * k) / q + k * k) / a0,
		b1: (2 * (k * k - vh)) / a0,
		b2: (vh - (vb * k) / q + k * k) / a0,
		a1: (2 * (k * k - 1)) / a0,
		a2: (1 - k / q + k * k) / a0
	};
	// Stage 2: RLB high pass at ≈ 38 Hz.
	f0 = 38.13547087602444;
	q = 0.5003270373238773;
	k = Math.tan((Math.PI * f0) / sampleRate);
	a0 = 1 + k / q + k * k;
	const highPass: Biquad = {
		b0: 1,
		b1: -2,
		b2: 1,
		a1: (2 * (k * k - 1)) / a0,
		a2: (1 - k / q + k * k) / a0
	};
	return [shelf, highPass];
}

function filter(input: Float32Array, f: Biquad): Float32Array {
	const out = new Float32Array(input.length);
	let x1 = 0;
	let x2 = 0;
	let y1 = 0;
	let y2 = 0;
	for (let i = 0; i < input.length; i++) {
		const x = input[i]!;
		const y = f.b0 * x + f.b1 * x1 + f.b2 * x2 - f.a1 * y1 - f.a2 * y2;
		x2 = x1;
		x1 = x;
		y2 = y1;
		y1 = y;
		out[i] = y;
	}
	return out;
}

const toLufs = (meanSquare: number) => -0.691 + 10 * Math.log10(meanSquare);

/**
 * Integrated loudness in LUFS, or -Infinity when nothing passes the absolute gate (silence, or a
 * recording shorter than one 400 ms block).
 */
export function integratedLoudness({ samples, sampleRate }: Pcm): number {
	const [shelf, highPass] = kWeighting(sampleRate);
	const weighted = filter(filter(samples, shelf), highPass);
	const block = Math.round(0.4 * sampleRate);
	const step = Math.round(0.1 * sampleRate);
	const powers: number[] = [];
	for (let start = 0; start + block <= weighted.length; start += step) {
		let sum = 0;
		for (let i = start; i < start + block; i++) sum += weighted[i]! * weighted[i]!;
		powers.push(sum / block);
	}
	const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
	const absolute = powers.filter((p) => p > 0 && toLufs(p) > -70);
	if (!absolute.length) return -Infinity;
	const relativeGate = toLufs(mean(absolute)) - 10;
	const gated = absolute.filter((p) => toLufs(p) > relativeGate);
	return toLufs(mean(gated));
}

/** Highest absolute sample value. */
export function samplePeak(samples: Float32Array): number {
	let peak = 0;
	for (const s of samples) peak = Math.max(peak, Math.abs(s));
	return peak;
}

/**
 * The gain (linear) that brings a recording to `target` LUFS, reduced when it would push a sample
 * peak above PEAK_LIMIT_DBFS (a quiet speaker with one loud plosive is then a little under target,
 * rather than clipped). 1 for a recording with nothing to measure.
 */
export function normalizingGain(pcm: Pcm, target = TARGET_LUFS): number {
	const loudness = integratedLoudness(pcm);
	if (!Number.isFinite(loudness)) return 1;
	const gain = Math.pow(10, (target - loudness) / 20);
	const peak = samplePeak(pcm.samples);
	const ceiling = Math.pow(10, PEAK_LIMIT_DBFS / 20);
	return peak > 0 ? Math.min(gain, ceiling / peak) : gain;
}

/** The recording with its gain applied (a new array). */
export function applyGain(pcm: Pcm, gain: number): Pcm {
	return { samples: pcm.samples.map((s) => s * gain), sampleRate: pcm.sampleRate };
}

/** Look-ahead of the peak limiter (its gain falls over this before a peak) and its recovery time. */
const LIMITER_ATTACK_SEC = 0.005;
const LIMITER_RELEASE_SEC = 0.08;

/**
 * Lowers the gain smoothly around every sample that would pass the ceiling, falling over 5 ms
 * before it and recovering over 80 ms after: speech peaks 15–20 dB above its loudness, so
 * reaching −16 LUFS without clipping needs this; the gain never exceeds what a sample allows.
 */
export function limitPeaks(pcm: Pcm, ceilingDbfs = PEAK_LIMIT_DBFS): Pcm {
	const ceiling = Math.pow(10, ceilingDbfs / 20);
	const n = pcm.samples.length;
	const gain = new Float32Array(n);
	for (let i = 0; i < n; i++) {
		const a = Math.abs(pcm.samples[i]!);
		gain[i] = a > ceiling ? ceiling / a : 1;
	}
	const release = 1 / Math.max(1, LIMITER_RELEASE_SEC * pcm.sampleRate);
	const attack = 1 / Math.max(1, LIMITER_ATTACK_SEC * pcm.sampleRate);
	for (let i = 1; i < n; i++) gain[i] = Math.min(gain[i]!, gain[i - 1]! + release);
	for (let i = n - 2; i >= 0; i--) gain[i] = Math.min(gain[i]!, gain[i + 1]! + attack);
	return { samples: pcm.samples.map((s, i) => s * gain[i]!), sampleRate: pcm.sampleRate };
}

/**
 * The recording evened out to `target` LUFS: gain, then the peak limiter, then once more the gain
 * the limiter cost (limiting lowers loudness a little). Silence comes back unchanged.
 */
export function evenLoudness(pcm: Pcm, target = TARGET_LUFS): Pcm {
	let out = pcm;
	for (let pass = 0; pass < 3; pass++) {
		const loudness = integratedLoudness(out);
		if (!Number.isFinite(loudness) || Math.abs(loudness - target) < 0.2) break;
		out = limitPeaks(applyGain(out, Math.pow(10, (target - loudness) / 20)));
	}
	return out;
}
