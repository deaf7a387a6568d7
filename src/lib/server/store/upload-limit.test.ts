import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from './prepare';
import { bodySizeLimit, uploadLimitBytes } from './upload-limit';

describe('upload limit', () => {
	it.each<[string | undefined, number]>([
		[undefined, 512 * 1024],
		['', 512 * 1024],
		['1000', 1000],
		['512K', 512 * 1024],
		['64M', 64 * 1024 ** 2],
		['64m', 64 * 1024 ** 2],
		['2G', 2 * 1024 ** 3],
		['Infinity', Infinity],
		['lots', 512 * 1024]
	])('reads BODY_SIZE_LIMIT %s', (value, bytes) => {
		expect(bodySizeLimit(value)).toBe(bytes);
	});

	it('is the body limit less the form envelope when that is lower than the pack limit', () => {
		expect(uploadLimitBytes('64M')).toBe(64 * 1024 ** 2 - 64 * 1024);
	});

	it('is the pack limit when the server accepts larger bodies', () => {
		expect(uploadLimitBytes('Infinity')).toBe(DEFAULT_LIMITS.maxPackBytes);
		expect(uploadLimitBytes('1G')).toBe(DEFAULT_LIMITS.maxPackBytes);
	});
});
