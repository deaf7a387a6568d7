import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { gzipResponse, gzippedPackFile, wantsGzip } from '../../src/lib/server/packs/compress';

const get = (headers: Record<string, string>) =>
	new Request('http://x/packs/a/v/files/comic.json', { headers });

describe('pack JSON files on the wire (issue 21)', () => {
	it('gzips a whole-file request for a JSON file that accepts gzip, never a Range request or art/audio', () => {
		expect(wantsGzip(get({ 'accept-encoding': 'gzip, deflate, br' }), 'comic.json')).toBe(true);
		expect(wantsGzip(get({ 'accept-encoding': 'gzip' }), 'quiz.json')).toBe(true);
		expect(wantsGzip(get({ 'accept-encoding': 'gzip', range: 'bytes=100-' }), 'comic.json')).toBe(false);
		expect(wantsGzip(get({}), 'comic.json')).toBe(false);
		expect(wantsGzip(get({ 'accept-encoding': 'gzip' }), 'art/page-1.webp')).toBe(false);
		expect(wantsGzip(get({ 'accept-encoding': 'gzip' }), 'audio/fr/p1.ogg')).toBe(false);
	});

	it('sends bytes that gunzip to the plain file, smaller, with their own length', async () => {
		const plain = new TextEncoder().encode(JSON.stringify({ text: 'Bonjour la classe ! '.repeat(200) }));
		const body = await gzippedPackFile('v-test-1', 'comic.json', { plain });
		expect(Buffer.from(gunzipSync(body)).equals(Buffer.from(plain))).toBe(true);
		expect(body.byteLength).toBeLessThan(plain.byteLength / 4);
		const response = gzipResponse(body, get({ 'accept-encoding': 'gzip' }), {
			'content-type': 'application/json'
		});
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('content-length')).toBe(String(body.byteLength));
		expect(response.headers.get('vary')).toBe('accept-encoding');
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(body);
	});

	it('reads a file from disk once per pack version', async () => {
		const a = await gzippedPackFile('v-test-2', 'quiz.json', { disk: 'comics/trente-jours/quiz.json' });
		const b = await gzippedPackFile('v-test-2', 'quiz.json', { disk: '/no/such/file' });
		expect(b).toBe(a);
		expect(JSON.parse(gunzipSync(a).toString('utf8'))).toHaveProperty('questions');
	});
});
