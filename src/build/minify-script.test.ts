import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { minifyEs5 } from './minify-script.js';

const source = readFileSync('static/browser-support.js', 'utf8');

/** Runs the browser-support script in a fake page; returns where it sent the browser, if anywhere. */
function run(code: string, page: { path: string; promiseAny: boolean; indexedDB: boolean }) {
	const replaced: string[] = [];
	const window = {
		indexedDB: page.indexedDB ? {} : undefined,
		isSecureContext: true,
		WeakRef: class {},
		WebGLRenderingContext: class {}
	};
	const element = { getContext: () => ({}), canPlayType: () => 'probably' };
	const sandbox = {
		window,
		navigator: { serviceWorker: {} },
		document: { createElement: () => element },
		location: { pathname: page.path, replace: (url: string) => replaced.push(url) },
		Promise: page.promiseAny ? Promise : { resolve: Promise.resolve },
		Object: { ...Object, defineProperty: Object.defineProperty, prototype: Object.prototype },
		String
	};
	runInNewContext(code, sandbox);
	return replaced;
}

describe('the minified browser-support script', () => {
	it('is less than half the source, gzip included', async () => {
		const minified = await minifyEs5(source);
		const { gzipSync } = await import('node:zlib');
		expect(minified.length).toBeLessThan(source.length / 2);
		expect(gzipSync(minified).length).toBeLessThan(gzipSync(source).length * 0.6);
	});

	it.each([
		{ path: '/', promiseAny: true, indexedDB: true },
		{ path: '/', promiseAny: false, indexedDB: true },
		{ path: '/read/x', promiseAny: false, indexedDB: false },
		{ path: '/setup/browser', promiseAny: false, indexedDB: false }
	])('sends the browser where the source does: %o', async (page) => {
		const minified = await minifyEs5(source);
		expect(run(minified, page)).toEqual(run(source, page));
	});

	it('sends an old browser to the set-up page, naming what is missing', async () => {
		const minified = await minifyEs5(source);
		expect(run(minified, { path: '/', promiseAny: false, indexedDB: false })).toEqual([
			'/setup/browser?missing=javascript,indexeddb'
		]);
	});
});
