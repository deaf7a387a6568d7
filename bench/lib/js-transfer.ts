/**
 * JavaScript a page really loads, read from the browser's network log: every response Chromium
 * classifies as a script (entry, preloaded chunks, dynamic imports such as Pixi), nothing guessed
 * from file names. Requests go out with `Accept-Encoding: gzip`; the gzip figure is the body bytes
 * on the wire when the server answered gzip, else the body gzipped here at level 9 (and said so).
 */
import type { Browser, BrowserContext, Page, Request } from '@playwright/test';
import { newContext } from './browser';
import { gzipSize } from './sizes';

export interface ScriptTransfer {
	url: string;
	rawBytes: number;
	gzipBytes: number;
	/** Body bytes as they crossed the network (whatever the encoding). */
	wireBytes: number;
	contentEncoding: string | null;
	gzipSource: 'wire' | 'computed';
}

export interface PageJs {
	url: string;
	scripts: ScriptTransfer[];
	rawBytes: number;
	gzipBytes: number;
	wireBytes: number;
}

async function scriptTransfer(request: Request): Promise<ScriptTransfer | null> {
	if (request.resourceType() !== 'script') return null;
	const response = await request.response();
	if (!response || response.status() >= 300) return null;
	const body = await response.body();
	const sizes = await request.sizes();
	const contentEncoding = (await response.headerValue('content-encoding')) ?? null;
	const onWireGzip = contentEncoding === 'gzip' && sizes.responseBodySize > 0;
	return {
		url: new URL(request.url()).pathname,
		rawBytes: body.length,
		gzipBytes: onWireGzip ? sizes.responseBodySize : gzipSize(body),
		wireBytes: sizes.responseBodySize,
		contentEncoding,
		gzipSource: onWireGzip ? 'wire' : 'computed'
	};
}

/**
 * Opens `url` in a fresh context (empty cache, no service worker), waits for `ready`, then for the
 * network to go quiet (lazy chunks), and adds up the scripts. Throws when a script of the page threw.
 */
export async function measurePageJs(
	browser: Browser,
	url: string,
	ready: (page: Page) => Promise<void>,
	/** Cookies of a signed-in person, for a staff page (e.g. a teacher's class report). */
	cookies: Parameters<BrowserContext['addCookies']>[0] = []
): Promise<PageJs> {
	const context = await newContext(browser);
	if (cookies.length) await context.addCookies(cookies);
	await context.setExtraHTTPHeaders({ 'Accept-Encoding': 'gzip' });
	const page = await context.newPage();
	const pending: Promise<ScriptTransfer | null>[] = [];
	// A response still being read when the page is closed (a request that finished after the ones
	// counted were collected, once the network was idle) rejects: it is not counted, and no
	// rejection is left unhandled (it ended the bench's process).
	let closed = false;
	page.on('requestfinished', (request) =>
		pending.push(
			scriptTransfer(request).catch((error: unknown) => {
				if (closed) return null;
				throw error;
			})
		)
	);
	// A page whose scripts threw (e.g. hydration failed) loads fewer scripts and would look smaller:
	// such a page is not measured.
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	try {
		await page.goto(url);
		await ready(page);
		await page.waitForLoadState('networkidle');
		if (errors.length)
			throw new Error(`${url}: the page's scripts failed, not measured: ${errors.join('; ')}`);
		const scripts = (await Promise.all(pending)).filter((s): s is ScriptTransfer => s !== null);
		const sum = (k: 'rawBytes' | 'gzipBytes' | 'wireBytes') => scripts.reduce((a, s) => a + s[k], 0);
		return {
			url,
			scripts,
			rawBytes: sum('rawBytes'),
			gzipBytes: sum('gzipBytes'),
			wireBytes: sum('wireBytes')
		};
	} finally {
		closed = true;
		await context.close();
	}
}
