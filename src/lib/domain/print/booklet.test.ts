import { describe, expect, it } from 'vitest';
import { imposition, padForBooklet } from './booklet';

describe('page order on paper', () => {
	it('prints A4 pages in reading order, one per side', () => {
		expect(imposition(4, 'A4')).toEqual([[0], [1], [2], [3]]);
	});

	it('imposes a 4-page comic (3 pages + back) on one A4 sheet: 4|1 front, 2|3 back', () => {
		expect(imposition(4, 'A5')).toEqual([
			[3, 0],
			[1, 2]
		]);
	});

	it('pads with blanks before the back cover, which stays the last page', () => {
		expect(padForBooklet(3)).toEqual([0, 1, null, 2]);
		expect(imposition(3, 'A5')).toEqual([
			[2, 0],
			[1, null]
		]);
		expect(padForBooklet(6)).toEqual([0, 1, 2, 3, 4, null, null, 5]);
	});

	it('puts every page exactly once on the sheets of a booklet, in saddle-stitch order', () => {
		for (const count of [1, 2, 5, 8, 9, 13]) {
			const sides = imposition(count, 'A5');
			expect(sides.length % 2).toBe(0);
			const flat = sides.flat().filter((p) => p !== null);
			expect([...flat].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
			// Folded and nested, the sheets read in order: sheet s holds padded pages s*2, s*2+1 and their mirror.
			const padded = padForBooklet(count);
			const n = padded.length;
			sides.forEach((side, i) => {
				const s = Math.floor(i / 2);
				const expected =
					i % 2 === 0 ? [padded[n - 1 - 2 * s], padded[2 * s]] : [padded[2 * s + 1], padded[n - 2 - 2 * s]];
				expect(side).toEqual(expected);
			});
		}
	});
});
