import { describe, expect, it } from 'vitest';
import { parseByteRange } from './http-range';

describe('parseByteRange', () => {
	it.each([
		[null, 100, null],
		['bytes=0-9', 100, { start: 0, end: 9 }],
		['bytes=90-', 100, { start: 90, end: 99 }],
		['bytes=-10', 100, { start: 90, end: 99 }],
		['bytes=50-500', 100, { start: 50, end: 99 }],
		['bytes=100-', 100, 'invalid'],
		['bytes=9-3', 100, 'invalid'],
		['bytes=0-1,4-5', 100, 'invalid'],
		['items=0-1', 100, 'invalid'],
		['bytes=-', 100, 'invalid']
	] as const)('%s of %i bytes → %j', (header, size, expected) => {
		expect(parseByteRange(header, size)).toEqual(expected);
	});
});
