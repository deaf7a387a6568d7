// static/browser-support.js as the browsers download it: minified. It runs first on every page
// and counts in the library page's JavaScript (DESIGN.md §6: ≤ 60 KB gzip); its comments, which
// explain it in the source, were half its gzip bytes. svelte.config.js runs this after adapter-node
// copied the file, and writes its .gz and .br again. esbuild keeps it ES5 (`npm run check:built`
// checks the built file with es-check es5, `npm run check` the source).
import { transform } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * `source` (ES5) minified, still ES5.
 * @param {string} source
 * @returns {Promise<string>}
 */
export async function minifyEs5(source) {
	const { code } = await transform(source, { minify: true, target: 'es5', legalComments: 'none' });
	return code;
}

/**
 * Minifies the script `file` in place and writes its precompressed `.gz` and `.br` again where
 * they exist (the Zopfli step then recompresses the .gz).
 * @param {string} file
 * @returns {Promise<{ before: number; after: number }>} bytes before and after
 */
export async function minifyBuiltScript(file) {
	const source = await readFile(file, 'utf8');
	const code = await minifyEs5(source);
	await writeFile(file, code);
	if (existsSync(`${file}.gz`)) await writeFile(`${file}.gz`, gzipSync(code, { level: 9 }));
	if (existsSync(`${file}.br`))
		await writeFile(`${file}.br`, brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
	return { before: Buffer.byteLength(source), after: Buffer.byteLength(code) };
}
