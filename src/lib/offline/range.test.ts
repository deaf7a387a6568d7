import { describe, expect, it } from 'vitest';
import { blobResponse, parseByteRange } from './range';

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
		['bytes=-', 100, 'invalid']
	] as const)('%s of %i bytes → %j', (header, size, expected) => {
		expect(parseByteRange(header, size)).toEqual(expected);
	});
});

describe('blobResponse', () => {
	const blob = new Blob([new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])], { type: 'audio/ogg' });
	const get = (range?: string) => new Request('http://x/a.ogg', { headers: range ? { range } : {} });

	it('answers a Range request with 206 and only those bytes', async () => {
		const response = blobResponse(blob, get('bytes=2-4'));
		expect(response.status).toBe(206);
		expect(response.headers.get('content-range')).toBe('bytes 2-4/10');
		expect(response.headers.get('content-type')).toBe('audio/ogg');
		expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([2, 3, 4]);
	});
	it('answers without Range with the whole body', async () => {
		const response = blobResponse(blob, get());
		expect(response.status).toBe(200);
		expect((await response.arrayBuffer()).byteLength).toBe(10);
	});
	it('answers an unsatisfiable range with 416', () => {
		expect(blobResponse(blob, get('bytes=20-')).status).toBe(416);
	});
});
