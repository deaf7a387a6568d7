/**
 * The recorder's pure modules (src/lib/domain/narration/recording) on synthetic signals and on the
 * committed espeak-ng takes of tests/fixtures/narration-takes. Here rather than beside the modules
 * because reading the takes needs node:fs, which the domain folder's lint rule keeps out.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoSplit, segmentsOf } from '../../../domain/narration/recording/autosplit';
import {
	applyGain,
	evenLoudness,
	integratedLoudness,
	normalizingGain,
	PEAK_LIMIT_DBFS,
	samplePeak,
	TARGET_LUFS
} from '../../../domain/narration/recording/loudness';
import {
	decodeWav,
	durationSec,
	encodeWav,
	PcmError,
	resample,
	type Pcm
} from '../../../domain/narration/recording/pcm';
import { LEAD_SEC, speechSpan, takeProblem, trimSilence } from '../../../domain/narration/recording/speech';

const TAKES = path.resolve('tests/fixtures/narration-takes');
const take = (name: string) => decodeWav(readFileSync(path.join(TAKES, `${name}.wav`)));
const truth = JSON.parse(readFileSync(path.join(TAKES, 'truth.json'), 'utf8')) as Record<
	string,
	{ texts: string[]; pointsSec: number[] }
>;

function sine(frequency: number, amplitude: number, seconds: number, sampleRate = 48000): Pcm {
	const samples = new Float32Array(Math.round(seconds * sampleRate));
	for (let i = 0; i < samples.length; i++)
		samples[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
	return { samples, sampleRate };
}

function join(...parts: Pcm[]): Pcm {
	const samples = new Float32Array(parts.reduce((n, p) => n + p.samples.length, 0));
	let at = 0;
	for (const p of parts) {
		samples.set(p.samples, at);
		at += p.samples.length;
	}
	return { samples, sampleRate: parts[0]!.sampleRate };
}

const silence = (seconds: number, sampleRate = 48000): Pcm => ({
	samples: new Float32Array(Math.round(seconds * sampleRate)),
	sampleRate
});

describe('integrated loudness (ITU-R BS.1770)', () => {
	it.each([
		// A full-scale 997 Hz sine on one channel is −3.01 LUFS (BS.1770-4, its calibration note).
		[997, 1, 48000, -3.01],
		[997, 0.1, 48000, -23.01],
		[997, 1, 16000, -3.01],
		[997, 0.1, 24000, -23.01]
	])('%d Hz at amplitude %d, %d Hz sampling: %d LUFS', (frequency, amplitude, rate, lufs) => {
		expect(integratedLoudness(sine(frequency, amplitude, 3, rate))).toBeCloseTo(lufs, 0);
	});

	it('weighs like the K curve: +3 to +4 dB above 3 kHz, low rumble cut', () => {
		const at1k = integratedLoudness(sine(997, 0.1, 3));
		const at5k = integratedLoudness(sine(5000, 0.1, 3));
		const at30 = integratedLoudness(sine(30, 0.1, 3));
		expect(at5k - at1k).toBeGreaterThan(3);
		expect(at5k - at1k).toBeLessThan(4.2);
		expect(at1k - at30).toBeGreaterThan(4);
	});

	it('gates silence out: a tone with as long a silence measures as the tone alone', () => {
		const tone = sine(997, 0.1, 2);
		// Without gating 3 s of silence would lower it by 4 dB; only the blocks straddling the end remain.
		expect(integratedLoudness(join(tone, silence(3)))).toBeCloseTo(integratedLoudness(tone), 0);
	});

	it('gates quiet passages 10 LU under the rest out (relative gate)', () => {
		const loud = sine(997, 0.1, 2);
		const quiet = sine(997, 0.005, 2); // −26 dB: under the relative gate
		expect(integratedLoudness(join(loud, quiet))).toBeCloseTo(integratedLoudness(loud), 0);
	});

	it('is -Infinity for silence', () => {
		expect(integratedLoudness(silence(2))).toBe(-Infinity);
	});

	it.each(['page-a', 'bubble'])('brings the recording %s to −16 LUFS', (name) => {
		const pcm = take(name);
		expect(integratedLoudness(pcm)).toBeLessThan(-25);
		const evened = evenLoudness(pcm);
		expect(integratedLoudness(evened)).toBeCloseTo(TARGET_LUFS, 0);
		expect(samplePeak(evened.samples)).toBeLessThanOrEqual(Math.pow(10, PEAK_LIMIT_DBFS / 20) + 1e-6);
	});

	it('a plain gain stops short of clipping: a loud peak limits it', () => {
		const pcm = join(sine(997, 0.01, 2), sine(997, 0.9, 0.01));
		const evened = applyGain(pcm, normalizingGain(pcm));
		expect(samplePeak(evened.samples)).toBeLessThanOrEqual(Math.pow(10, -1 / 20) + 1e-6);
		expect(integratedLoudness(evened)).toBeLessThan(TARGET_LUFS);
	});
});

describe('silence trimming and bad takes', () => {
	it('trims the bubble recording to its speech, keeping a short lead', () => {
		const pcm = take('bubble');
		const span = speechSpan(pcm)!;
		// The fixture has 0.3 s of room noise before the voice.
		expect(span.startSec).toBeGreaterThan(0.25);
		expect(span.startSec).toBeLessThan(0.35);
		const trimmed = trimSilence(join(silence(2, pcm.sampleRate), pcm, silence(3, pcm.sampleRate)))!;
		expect(trimmed.offsetSec).toBeCloseTo(2 + span.startSec - LEAD_SEC, 1);
		expect(durationSec(trimmed.pcm)).toBeLessThan(durationSec(pcm));
		expect(speechSpan(trimmed.pcm)!.startSec).toBeCloseTo(LEAD_SEC, 1);
	});

	it('says a take of silence or of steady noise is silence', () => {
		expect(takeProblem(silence(3), 'Bonjour')).toEqual({ code: 'silence' });
		const hiss = silence(3);
		let state = 7;
		for (let i = 0; i < hiss.samples.length; i++) {
			state = (state * 1664525 + 1013904223) >>> 0;
			hiss.samples[i] = (state / 0x100000000 - 0.5) * 0.05;
		}
		expect(takeProblem(hiss, 'Bonjour')).toEqual({ code: 'silence' });
		expect(trimSilence(silence(1))).toBeNull();
	});

	it('says a take far longer than its text is too long, and accepts a fitting one', () => {
		const page = take('page-c');
		expect(takeProblem(page, 'Bonjour !')).toMatchObject({ code: 'too-long' });
		expect(takeProblem(page, truth['page-c']!.texts.join(' '))).toBeNull();
		expect(takeProblem(take('bubble'), truth.bubble!.texts[0]!)).toBeNull();
	});
});

describe('whole page in one take: auto-split', () => {
	it.each(Object.entries(truth).filter(([, t]) => t.pointsSec.length))(
		'%s splits within 150 ms of every true pause',
		(name, { texts, pointsSec }) => {
			const points = autoSplit(
				take(name),
				texts.map((t) => t.length)
			);
			expect(points).toHaveLength(pointsSec.length);
			points.forEach((p, i) => expect(Math.abs(p - pointsSec[i]!)).toBeLessThan(0.15));
		}
	);

	it('gives segments in order, each holding its own speech and none overlapping', () => {
		const pcm = take('page-b');
		const points = autoSplit(
			pcm,
			truth['page-b']!.texts.map((t) => t.length)
		);
		const segments = segmentsOf(pcm, points);
		expect(segments).toHaveLength(4);
		segments.forEach((s, i) => {
			expect(s.endSec).toBeGreaterThan(s.startSec + 1);
			if (i) expect(s.startSec).toBeGreaterThanOrEqual(segments[i - 1]!.endSec);
			if (i) expect(s.startSec).toBeGreaterThanOrEqual(points[i - 1]!);
		});
	});

	it('puts split points where the texts say when the reader made no pauses', () => {
		const tone = sine(300, 0.2, 4, 16000);
		const points = autoSplit(tone, [10, 30]);
		expect(points).toHaveLength(1);
		expect(points[0]).toBeCloseTo(1, 0);
	});

	it('needs no split point for one text', () => {
		expect(autoSplit(take('bubble'), [12])).toEqual([]);
	});
});

describe('WAV', () => {
	it('round-trips 16-bit mono and resamples keeping the duration', () => {
		const pcm = sine(440, 0.5, 0.5, 48000);
		const back = decodeWav(encodeWav(pcm));
		expect(back.sampleRate).toBe(48000);
		expect(back.samples[100]).toBeCloseTo(pcm.samples[100]!, 3);
		const down = resample(back, 24000);
		expect(durationSec(down)).toBeCloseTo(0.5, 2);
		expect(integratedLoudness(down)).toBeCloseTo(integratedLoudness(pcm), 0);
	});

	it.each([
		['not a WAV', new TextEncoder().encode('<html>hello</html>'), 'not-wav'],
		['no data', encodeWav({ samples: new Float32Array(0), sampleRate: 16000 }), 'wav-empty']
	])('refuses %s', (_, bytes, code) => {
		expect(() => decodeWav(bytes)).toThrow(PcmError);
		try {
			decodeWav(bytes);
		} catch (error) {
			expect((error as PcmError).code).toBe(code);
		}
	});
});
