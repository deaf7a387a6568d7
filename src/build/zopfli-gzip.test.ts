import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { zopfliGzip } from './zopfli-gzip.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the build’s .gz files written again with Zopfli', () => {
	it('are smaller than zlib level 9 and inflate to the same script', async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'zopfli-'));
		// A script like the build's: repetitive, minified-looking.
		const script = Buffer.from(
			Array.from(
				{ length: 400 },
				(_, i) => `function f${i}(a,b){return a[${i % 17}]+b.get("k${i % 23}")??null}`
			).join(';')
		);
		const file = path.join(dir, 'chunk.js');
		writeFileSync(file, script);
		writeFileSync(`${file}.gz`, gzipSync(script, { level: constants.Z_BEST_COMPRESSION }));
		const zlibSize = statSync(`${file}.gz`).size;
		// A .gz without its original (not the build's) is left alone.
		writeFileSync(path.join(dir, 'orphan.gz'), 'not gzip');

		const result = await zopfliGzip([dir, path.join(dir, 'missing')]);

		const written = readFileSync(`${file}.gz`);
		expect(written.length).toBeLessThan(zlibSize);
		expect(gunzipSync(written).equals(script)).toBe(true);
		expect(result).toEqual({ files: 1, before: zlibSize, after: written.length });
		expect(readFileSync(path.join(dir, 'orphan.gz'), 'utf8')).toBe('not gzip');
	});
});
