import { describe, expect, it } from 'vitest';
import { guidedAudio, parseAudioref, toAudioref } from './readium';
import { testComic } from './test-comic';

describe('Readium audioref mapping', () => {
	const narration = testComic().narration!.fr!;

	it('writes #t=start,end on the first source', () => {
		expect(toAudioref(narration, narration.clips[1]!)).toBe('audio/fr/p1.webm#t=0.3,1.5');
	});

	it('round-trips every clip without loss', () => {
		for (const { target, audioref } of guidedAudio(narration)) {
			const clip = narration.clips.find((c) => c.target === target)!;
			const src = narration.audio.find((a) => a.id === clip.audio)!.sources[0]!.src;
			expect(parseAudioref(audioref)).toEqual({ src, startSec: clip.startSec, endSec: clip.endSec });
		}
	});

	it.each([
		['a.webm#t=0.000001,2', { src: 'a.webm', startSec: 0.000001, endSec: 2 }],
		['a.webm#t=npt:1,2.5', { src: 'a.webm', startSec: 1, endSec: 2.5 }],
		['a.webm#t=1', null],
		['a.webm', null]
	])('parses %s', (ref, expected) => {
		expect(parseAudioref(ref)).toEqual(expected);
	});

	it('never writes exponent notation', () => {
		const clip = { ...narration.clips[1]!, startSec: 1e-7 };
		expect(toAudioref(narration, clip)).toBe('audio/fr/p1.webm#t=0.0000001,1.5');
	});
});
