import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserCanPlayType, howlerFormat, pickSource } from './formats';

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

describe('browserCanPlayType', () => {
	afterEach(() => vi.unstubAllGlobals());
	/** A document whose audio element answers canPlayType from a table. */
	const documentAnswering = (answer: (type: string) => string) => ({
		createElement: () => ({ canPlayType: answer })
	});

	it.each([
		['probably', true],
		['maybe', true],
		['', false]
	])('canPlayType "%s" → %s', (answer, expected) => {
		vi.stubGlobal(
			'document',
			documentAnswering(() => answer)
		);
		expect(browserCanPlayType('audio/ogg; codecs=opus')).toBe(expected);
	});
	it('asks about the exact type, codecs included', () => {
		vi.stubGlobal(
			'document',
			documentAnswering((type) => (type === 'audio/ogg; codecs=opus' ? 'probably' : ''))
		);
		expect(browserCanPlayType('audio/ogg; codecs=opus')).toBe(true);
		expect(browserCanPlayType('audio/mpeg')).toBe(false);
	});
	it('says no when canPlayType throws, and outside a browser', () => {
		vi.stubGlobal(
			'document',
			documentAnswering(() => {
				throw new TypeError('unknown type');
			})
		);
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		expect(browserCanPlayType('audio/x-odd')).toBe(false);
		expect(warn).toHaveBeenCalledOnce();
		warn.mockRestore();
		vi.unstubAllGlobals();
		expect(browserCanPlayType('audio/mpeg')).toBe(false);
	});
});
