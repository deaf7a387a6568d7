import { describe, expect, it } from 'vitest';
import { howlerFormat, pickSource } from './formats';

const sources = [
	{ url: 'p1.ogg', type: 'audio/ogg; codecs=opus' },
	{ url: 'p1.mp3', type: 'audio/mpeg' }
];

describe('audio format choice', () => {
	it.each([
		['audio/ogg; codecs=opus', 'opus'],
		['audio/ogg; codecs="opus"', 'opus'],
		['audio/ogg', 'ogg'],
		['audio/webm; codecs=opus', 'webm'],
		['audio/mpeg', 'mp3'],
		['audio/flac', null]
	])('%s → %s', (type, format) => {
		expect(howlerFormat(type)).toBe(format);
	});

	it.each([
		['a browser with Opus takes Opus', ['opus', 'mp3'], 'p1.ogg'],
		['a browser without Opus falls back to MP3', ['mp3'], 'p1.mp3'],
		['a browser with neither gets nothing', ['wav'], null]
	])('%s', (_name, playable, expected) => {
		const pick = pickSource(sources, (format) => playable.includes(format));
		expect(pick?.source.url ?? null).toBe(expected);
	});
});
