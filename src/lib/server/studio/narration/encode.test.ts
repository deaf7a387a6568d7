import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeAudio } from '../../content/audio-probe';
import { decodeWav, resample } from '../../../domain/narration/recording/pcm';
import { encodeMp3, encodeOggOpus, ENCODE_RATE } from './encode';

const dir = mkdtempSync(path.join(os.tmpdir(), 'studio-encode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const take = resample(decodeWav(readFileSync('tests/fixtures/narration-takes/page-a.wav')), ENCODE_RATE);
const seconds = take.samples.length / ENCODE_RATE;

// Encoding is CPU work (LAME in JavaScript): minutes of slack on a busy shared machine.
describe('narration encoding', { timeout: 60_000 }, () => {
	// Bytes per second: Opus at the one speech encoding's 6 kbit/s plus container (issue 21; was
	// 24 kbit/s here), MP3 at 32 kbit/s.
	it.each([
		['ogg', encodeOggOpus, 500, 1000],
		['mp3', encodeMp3, 3000, 5000]
	] as const)(
		'%s: the file the validation probes is as long as the take, and small',
		async (ext, encode, min, max) => {
			const bytes = encode(take);
			const file = path.join(dir, `take.${ext}`);
			writeFileSync(file, bytes);
			const probe = await probeAudio(file);
			expect(probe).toMatchObject({ kind: 'audio' });
			// comics:check allows 50 ms between a segment's end and the real end of the file.
			expect(Math.abs((probe as { durationSec: number }).durationSec - seconds)).toBeLessThan(0.05);
			expect(bytes.length / seconds).toBeLessThan(max);
			expect(bytes.length / seconds).toBeGreaterThan(min);
		}
	);

	it('writes a valid Ogg stream: pages with their capture pattern and the OpusHead first', () => {
		const bytes = encodeOggOpus(take);
		expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('OggS');
		expect(new TextDecoder().decode(bytes.subarray(28, 36))).toBe('OpusHead');
	});
});
