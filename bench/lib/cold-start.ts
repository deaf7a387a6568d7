/**
 * Cold start: from the tap on a comic in the library to the reader's first panel drawn
 * (`performance.mark('kalanso:first-panel')`, set when the first frame with art is on screen), on a
 * freshly opened library page each run, CPU slowed 4×.
 *
 * The tap time is `performance.timeOrigin + event.timeStamp` of the pointerdown, kept in
 * sessionStorage, and the mark is read the same way, so the figure holds whether the reader opens
 * by client-side navigation (same document) or a full page load.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { newContext, throttle } from './browser';
import { readerPath, waitReaderReady } from './reader';

export type ColdStartMode = 'offline' | 'warm-http-cache';

/** One run: tap → first panel, and what was fetched after the tap (times from the tap, ms). */
export interface ColdStartRun {
	ms: number;
	fetched: { path: string; startMs: number; endMs: number }[];
}

export interface ColdStartResult {
	mode: ColdStartMode;
	runsMs: number[];
	/** The fetches of the last run. */
	lastRunFetched: ColdStartRun['fetched'];
	note: string;
}

const card = (slug: string) => `[data-testid="comic-card"][data-slug="${slug}"]`;

async function tapToFirstPanel(context: BrowserContext, baseUrl: string, slug: string, cpuRate: number) {
	const page = await context.newPage();
	try {
		await page.goto(`${baseUrl}/`);
		const link = page.locator(`${card(slug)} a[href="${readerPath(slug)}"]`).first();
		await link.waitFor();
		await throttle(page, cpuRate);
		await page.evaluate(() => {
			performance.clearMarks('kalanso:first-panel');
			sessionStorage.removeItem('bench:tap');
			addEventListener(
				'pointerdown',
				(e) => sessionStorage.setItem('bench:tap', String(performance.timeOrigin + e.timeStamp)),
				{ capture: true, once: true }
			);
		});
		await link.click();
		await waitReaderReady(page);
		await page.waitForFunction(() => performance.getEntriesByName('kalanso:first-panel').length > 0, null, {
			polling: 100,
			timeout: 120_000
		});
		return await page.evaluate((): ColdStartRun => {
			const marks = performance.getEntriesByName('kalanso:first-panel');
			const mark = marks[marks.length - 1]!;
			const tap = Number(sessionStorage.getItem('bench:tap')) - performance.timeOrigin;
			// What was fetched after the tap (from the service worker, the HTTP cache or the network),
			// to see where the time goes: chunks, the manifest, the page art.
			const fetched = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
				.filter((r) => r.startTime >= tap)
				.map((r) => ({
					path: new URL(r.name).pathname,
					startMs: Math.round(r.startTime - tap),
					endMs: Math.round(r.responseEnd - tap)
				}));
			return { ms: mark.startTime - tap, fetched };
		});
	} finally {
		await page.close();
	}
}

/** Downloads the comic for offline use through the library's download control; false if there is none. */
async function downloadForOffline(page: Page, slug: string): Promise<boolean> {
	const control = page.locator(`[data-testid="offline-download"][data-slug="${slug}"]`);
	if ((await control.count()) === 0) return false;
	if ((await control.getAttribute('data-state')) !== 'ready') {
		await control.locator('[data-testid="download-button"]').click();
		await control.locator('[data-testid="download-start"]').click();
		await page.locator(`[data-testid="offline-download"][data-slug="${slug}"][data-state="ready"]`).waitFor({
			timeout: 120_000
		});
	}
	return true;
}

/**
 * Offline when the app has a service worker and a download control (engineer "offline"): download
 * the comic, cut the network, then measure. Otherwise from the HTTP cache after one visit of the
 * reader (static chunks are immutable; comic files are revalidated with the local server).
 */
export async function measureColdStart(
	browser: Browser,
	baseUrl: string,
	slug: string,
	runs: number,
	cpuRate: number
): Promise<ColdStartResult> {
	const context = await newContext(browser, { serviceWorkers: true });
	try {
		const page = await context.newPage();
		await page.goto(`${baseUrl}/`);
		await page.locator(card(slug)).waitFor();
		const hasServiceWorker = await page.evaluate(async () => {
			if (!('serviceWorker' in navigator)) return false;
			const registration = await Promise.race([
				navigator.serviceWorker.ready,
				new Promise<null>((r) => setTimeout(() => r(null), 10_000))
			]);
			return registration !== null;
		});
		let mode: ColdStartMode = 'warm-http-cache';
		let note: string;
		if (hasServiceWorker && (await downloadForOffline(page, slug))) {
			mode = 'offline';
			note = 'comic downloaded (IndexedDB pack), app shell from the service worker, network cut';
		} else {
			note = hasServiceWorker
				? 'no download control on the library card: warm HTTP cache, not offline'
				: 'no service worker yet (offline not landed): warm HTTP cache, online, not offline';
			// Fill the HTTP cache with the reader's chunks and the comic's files.
			await page.goto(`${baseUrl}${readerPath(slug)}`);
			await waitReaderReady(page);
		}
		await page.close();
		if (mode === 'offline') await context.setOffline(true);
		const results: ColdStartRun[] = [];
		for (let i = 0; i < runs; i++) results.push(await tapToFirstPanel(context, baseUrl, slug, cpuRate));
		return {
			mode,
			runsMs: results.map((r) => r.ms),
			lastRunFetched: results[results.length - 1]?.fetched ?? [],
			note
		};
	} finally {
		await context.close();
	}
}
