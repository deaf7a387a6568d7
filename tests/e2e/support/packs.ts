/** Comic packs for upload tests, made from the tiny fixture comic. */
import { zipSync } from 'fflate';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const fixture = path.resolve('tests/fixtures/comics/tiny');

/** Every file of the tiny fixture comic by path, SVG sources left out (uploads refuse them). */
export function tinyFiles(): Record<string, Uint8Array> {
	const files: Record<string, Uint8Array> = {};
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const full = path.join(dir, name);
			if (statSync(full).isDirectory()) walk(full);
			else if (!name.endsWith('.svg'))
				files[path.relative(fixture, full).split(path.sep).join('/')] = readFileSync(full);
		}
	};
	walk(fixture);
	return files;
}

/** The tiny fixture comic as an upload: a zip of its folder. */
export function tinyPack(): Buffer {
	return Buffer.from(zipSync(tinyFiles()));
}
