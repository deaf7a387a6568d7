import type { Font } from 'opentype.js';
import { describe, expect, it } from 'vitest';
import { measureWith, type Face } from './text-fit-check';

/** A one-font face where each character is `fontPx` wide, counting the texts actually measured. */
function countingFace() {
	const measured: string[] = [];
	const font = {
		charToGlyphIndex: () => 1,
		getAdvanceWidth(run: string, fontPx: number) {
			measured.push(run);
			return [...run].length * fontPx;
		}
	} as unknown as Font;
	return { face: { fonts: [font] } as Face, measured };
}

describe('measureWith (issue 19: a first import of thousands of comics keeps memory flat)', () => {
	it('remembers the N most recently measured texts: the least recently used is measured again', () => {
		const { face, measured } = countingFace();
		const measure = measureWith(face, 3);
		for (const text of ['un', 'deux', 'trois']) measure(text, 10);
		measure('un', 10); // "un" is now the most recently used; "deux" the least
		measure('quatre', 10); // the fourth: "deux" is dropped
		expect(measured).toEqual(['un', 'deux', 'trois', 'quatre']);
		for (const text of ['un', 'trois', 'quatre']) measure(text, 10);
		expect(measured.length).toBe(4);
		measure('deux', 10);
		expect(measured).toEqual(['un', 'deux', 'trois', 'quatre', 'deux']);
	});

	it('still measures right, per text and size, from memory or not', () => {
		const { face } = countingFace();
		const measure = measureWith(face, 2);
		for (let round = 0; round < 2; round++) {
			expect(measure('école', 10)).toBe(50);
			expect(measure('école', 20)).toBe(100);
			expect(measure('ka', 16)).toBe(32);
		}
	});
});
