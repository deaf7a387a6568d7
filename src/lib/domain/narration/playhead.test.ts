import { describe, expect, it } from 'vitest';
import { changeRate, clampRate, positionAt, startPlayhead, wallSecondsUntil } from './playhead';
import { testComic } from './test-comic';
import { activeItemAt, buildTrack } from './timeline';

describe('playhead under speed changes', () => {
	it.each([
		[0.5, 0.75],
		[0.75, 0.75],
		[1.25, 1.25],
		[2, 1.5],
		[Number.NaN, 1]
	])('clamps rate %s to %s', (rate, expected) => {
		expect(clampRate(rate)).toBe(expected);
	});

	it('advances file time at the rate and keeps the position continuous when the rate changes', () => {
		let head = startPlayhead(0.3, 1, 100);
		expect(positionAt(head, 101)).toBeCloseTo(1.3);
		head = changeRate(head, 1.5, 101);
		expect(positionAt(head, 101)).toBeCloseTo(1.3); // no jump at the change
		expect(positionAt(head, 102)).toBeCloseTo(2.8);
		head = changeRate(head, 0.75, 102);
		expect(positionAt(head, 104)).toBeCloseTo(4.3);
	});

	it('keeps the highlighted bubble in sync with the file position at any speed', () => {
		const track = buildTrack(testComic(), 'fr')!;
		for (const rate of [0.75, 1, 1.25, 1.5]) {
			const head = startPlayhead(1.8, rate, 0);
			// a2 spans 1.8–3.0 file seconds: 1.2 s of audio, whatever the speed.
			const wall = wallSecondsUntil(head, 0, 3);
			expect(wall).toBeCloseTo(1.2 / rate);
			expect(track.items[activeItemAt(track, 'page-1', positionAt(head, wall * 0.99))!]!.target).toBe('a2');
			expect(activeItemAt(track, 'page-1', positionAt(head, wall))).toBeNull();
		}
	});
});
