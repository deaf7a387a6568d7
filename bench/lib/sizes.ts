/** Byte counting shared by the page measures and the bloom-player comparison. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Gzip size of a body at level 9, what a static server with precompressed files sends. Used where the
 * wire did not carry gzip (a response sent raw or as brotli), so every figure is in the same unit.
 */
export function gzipSize(body: Buffer | string): number {
	return gzipSync(body, { level: 9 }).length;
}

export interface FileSize {
	file: string;
	rawBytes: number;
	gzipBytes: number;
}

/** Raw and gzip sizes of the files under `dir` whose names end with `suffix` (not recursive). */
export function filesSizes(dir: string, suffix: string): FileSize[] {
	return readdirSync(dir)
		.filter((f) => f.endsWith(suffix) && statSync(path.join(dir, f)).isFile())
		.sort()
		.map((f) => {
			const body = readFileSync(path.join(dir, f));
			return { file: f, rawBytes: body.length, gzipBytes: gzipSize(body) };
		});
}
