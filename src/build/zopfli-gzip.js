// The build's .gz files, compressed again with Zopfli (svelte.config.js runs this after
// adapter-node's precompress). adapter-node writes each text file's .gz with zlib at level 9; sirv
// serves that file as it is to every browser that asks for gzip, the school tablets' WebView
// included (DESIGN.md §6: the library page's and the reader's JavaScript are budgeted in gzip
// bytes). Zopfli writes the same deflate format, ≈ 5 % smaller, at the cost of build time only:
// a browser inflates it like any gzip. The .br files are left as adapter-node wrote them.
//
// @gfx/zopfli is Zopfli (Google's compressor) built to WebAssembly: no native build step.
import { gzipAsync } from '@gfx/zopfli';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Zopfli's own default (15 iterations), the usual choice for files of a few hundred KB. */
const ZOPFLI = { numiterations: 15 };

/**
 * Every `.gz` file under `dir` whose uncompressed original is beside it.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function gzipFiles(dir) {
	if (!existsSync(dir)) return [];
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((e) => e.isFile() && e.name.endsWith('.gz'))
		.map((e) => path.join(e.parentPath, e.name))
		.filter((file) => existsSync(file.slice(0, -'.gz'.length)));
}

/**
 * Rewrites each `.gz` under `dirs` with Zopfli's output when it is smaller, after checking that it
 * inflates to the original byte for byte (a file that does not keeps its zlib .gz).
 * @param {string[]} dirs
 * @returns {Promise<{ files: number; before: number; after: number }>} gzip bytes before and after
 */
export async function zopfliGzip(dirs) {
	let files = 0;
	let before = 0;
	let after = 0;
	for (const dir of dirs) {
		for (const gz of await gzipFiles(dir)) {
			const original = await readFile(gz.slice(0, -'.gz'.length));
			const zlibSize = (await stat(gz)).size;
			const zopfli = Buffer.from(await gzipAsync(original, ZOPFLI));
			const smaller = zopfli.length < zlibSize && gunzipSync(zopfli).equals(original);
			if (smaller) await writeFile(gz, zopfli);
			files += 1;
			before += zlibSize;
			after += smaller ? zopfli.length : zlibSize;
		}
	}
	return { files, before, after };
}
