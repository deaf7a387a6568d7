import { describe, expect, it } from 'vitest';
import { formatBytes } from './bytes';

describe('formatBytes', () => {
	it.each([
		[0, 'fr', '0\u00a0o'],
		[999, 'fr', '999\u00a0o'],
		[1500, 'fr', '1,5\u00a0ko'],
		[2_345_678, 'fr', '2,3\u00a0Mo'],
		[2_345_678, 'en', '2.3\u00a0MB'],
		[150_000_000, 'en', '150\u00a0MB'],
		[10_737_418_240, 'en', '10.7\u00a0GB'],
		[-5, 'en', '0\u00a0B']
	])('%i bytes in %s → %s', (bytes, lang, expected) => expect(formatBytes(bytes, lang)).toBe(expected));
});
