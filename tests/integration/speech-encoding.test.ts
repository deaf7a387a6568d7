/**
 * One speech encoding (issue 21): the studio's recorder (opusscript) and the authoring tools
 * (ffmpeg, comics/tools/speech.ts) must give speech the same shape, read from the files' bytes
 * (OpusHead, packet TOCs, packet bytes per second), so a comic narrated in the studio costs what the
 * samples cost against the 150 KB-a-page budget. A recorder drifting back to 24 kbit/s or 20 ms
 * frames fails here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeSpeech } from '../../comics/tools/speech';
import { readOggOpus } from '../../src/lib/domain/narration/ogg-opus';
import { decodeWav, encodeWav, resample } from '../../src/lib/domain/narration/recording/pcm';
import { SPEECH_OPUS } from '../../src/lib/domain/narration/speech-encoding';
import { processTake } from '../../src/lib/server/studio/narration/process-take';

const dir = mkdtempSync(path.join(os.tmpdir(), 'speech-encoding-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const truth = JSON.parse(readFileSync('tests/fixtures/narration-takes/truth.json', 'utf8')) as Record<
	string,
	{ texts: string[]; pointsSec: number[] }
>;

describe('one speech encoding for the recorder and the tools', { timeout: 120_000 }, () => {
	it('the same channels, packet duration, bandwidth and bitrate, read from the Ogg bytes', () => {
		const wav = readFileSync('tests/fixtures/narration-takes/page-b.wav');
		// The recorder: the whole path a kept take goes through (trim, loudness, encode).
		const recorded = readOggOpus(processTake(wav, truth['page-b']!.texts, truth['page-b']!.pointsSec).ogg);
		// The tools: ffmpeg on the same voice, at espeak-ng's 22.05 kHz as narrate.ts gives it.
		const input = path.join(dir, 'take.wav');
		writeFileSync(input, encodeWav(resample(decodeWav(wav), 22050)));
		const tooled = readOggOpus(readFileSync(encodeSpeech(input, path.join(dir, 'take')).ogg));

		for (const facts of [recorded, tooled]) {
			expect(facts.channels).toBe(1);
			expect(facts.packetMs).toEqual([SPEECH_OPUS.frameMs]);
			// VBR speech lands a little under its target; a higher setting lands far above this.
			expect(facts.audioBitrateBps).toBeLessThan(SPEECH_OPUS.bitrateBps * 1.1);
			expect(facts.audioBitrateBps).toBeGreaterThan(SPEECH_OPUS.bitrateBps * 0.6);
		}
		expect(recorded.bandwidths).toEqual(tooled.bandwidths);
		expect(Math.abs(recorded.audioBitrateBps / tooled.audioBitrateBps - 1)).toBeLessThan(0.1);
		// Bytes on the wire per second of speech, container included: what the pack budget counts.
		const perSec = (f: typeof recorded) => f.fileBytes / f.durationSec;
		expect(Math.abs(perSec(recorded) / perSec(tooled) - 1)).toBeLessThan(0.15);
	});
});
