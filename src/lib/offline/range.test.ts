import { describe, expect, it } from 'vitest';
import { blobResponse } from './range';

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
