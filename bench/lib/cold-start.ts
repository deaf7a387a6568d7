/**
 * Cold start: from the tap on a comic in the library to the reader's first panel drawn
 * (`performance.mark('kalanso:first-panel')`, set when the first frame with art is on screen), on a
 * freshly opened library page each run, CPU slowed 4×.
 *
 * The tap time is `performance.timeOrigin + event.timeStamp` of the pointerdown, kept in
 * sessionStorage, and the mark is read the same way, so the figure holds whether the reader opens
 * by client-side navigation (same document) or a full page load.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { markTimes, pageMainThread, type TraceEvent } from '../../src/lib/domain/bench-stats';
import {
	mainThreadBreakdown,
	phaseBreakdown,
	threadCpuMs,
	type Breakdown,
	type Phase
} from '../../src/lib/domain/bench-stats-breakdown';
import { newContext, throttle } from './browser';
import {
	startProfile,
	summarizeProfile,
	type CpuProfile,
	type ProfileSummary,
	type ProfileWindow
} from './profile';
import { readerPath, waitReaderReady } from './reader';

export type ColdStartMode = 'offline' | 'warm-http-cache';

/** One run: tap → first panel, and what was fetched after the tap (times from the tap, ms). */
export interface ColdStartRun {
	ms: number;
	fetched: { path: string; startMs: number; endMs: number }[];
	/** The app's own `kalanso:*` performance marks after the tap, ms from the tap (same document only). */
	marksMs: Record<string, number>;
}

/**
 * Where the time of one traced run goes (a run apart from the timed ones, since tracing adds its
 * own cost): the main thread's self time by kind from tap to first panel, and the app's marks.
 */
export interface ColdStartBreakdown {
	tracedRunMs: number;
	mainThreadMs: Breakdown;
	/**
	 * The main thread's CPU time from tap to first panel (trace thread time), ms: the work on the
	 * path, without the time the thread waited for a CPU or was paused by the 4× throttling, so
	 * two builds compare under any load (the harness's few polling tasks included in both).
	 */
	mainThreadCpuMs: number;
	/**
	 * The same time cut at the app's `kalanso:*` marks (source open, engine loaded, renderer
	 * mounted, art decoded, font ready…): what the main thread did before each milestone.
	 */
	phases: Phase[];
	/** `kalanso:*` marks of the traced run, ms from the tap, in order. */
	marksMs: Record<string, number>;
	fetched: ColdStartRun['fetched'];
	/**
	 * Sampled JavaScript self time (V8 CPU profiler) by script and by function, ms, from the tap
	 * to the first panel (bench/lib/profile.ts).
	 */
	jsProfile: ProfileSummary | null;
	/** The tap and the first-panel mark on the trace's clock (µs), to cut the raw profile likewise. */
	windowUs: ProfileWindow;
	note: string;
}

const TRACE_CATEGORIES = [
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'blink.user_timing',
	'toplevel',
	'v8',
	'v8.execute',
	'blink.resource'
];

export interface ColdStartResult {
	mode: ColdStartMode;
	/** One more run, traced: where its time went (null if the trace could not be read). */
	breakdown: ColdStartBreakdown | null;
	runsMs: number[];
	/** The fetches of the last run. */
	lastRunFetched: ColdStartRun['fetched'];
	note: string;
}

/** How long the library is shown before the tap, ms (BENCH_TAP_WAIT_MS, default 0: as soon as the card shows). */
export const TAP_WAIT_MS = Math.max(0, Number(process.env.BENCH_TAP_WAIT_MS ?? 0) || 0);

const card = (slug: string) => `[data-testid="comic-card"][data-slug="${slug}"]`;

async function tapToFirstPanel(
	context: BrowserContext,
	baseUrl: string,
	slug: string,
	cpuRate: number,
	tracer: Browser | null = null
): Promise<ColdStartRun & { trace?: Buffer; profile?: CpuProfile }> {
	const page = await context.newPage();
	try {
		await page.goto(`${baseUrl}/`);
		const link = page.locator(`${card(slug)} a[href="${readerPath(slug)}"]`).first();
		await link.waitFor();
		await throttle(page, cpuRate);
		// A student who looks at the library before tapping (BENCH_TAP_WAIT_MS); by default the tap
		// comes as soon as the card shows, before the library's idle work may be over.
		if (TAP_WAIT_MS > 0) await page.waitForTimeout(TAP_WAIT_MS);
		await page.evaluate(() => {
			performance.clearMarks('kalanso:first-panel');
			sessionStorage.removeItem('bench:tap');
			addEventListener(
				'pointerdown',
				(e) => {
					sessionStorage.setItem('bench:tap', String(performance.timeOrigin + e.timeStamp));
					performance.mark('bench:tap');
				},
				{ capture: true, once: true }
			);
		});
		let stopProfile: (() => Promise<CpuProfile>) | null = null;
		if (tracer) {
			await tracer.startTracing(page, { categories: TRACE_CATEGORIES });
			stopProfile = await startProfile(page);
		}
		await link.click();
		await waitReaderReady(page);
		await page.waitForFunction(() => performance.getEntriesByName('kalanso:first-panel').length > 0, null, {
			polling: 100,
			timeout: 120_000
		});
		const run = await page.evaluate((): ColdStartRun => {
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
			const marksMs: Record<string, number> = {};
			for (const m of performance.getEntriesByType('mark'))
				if (m.name.startsWith('kalanso:') && m.startTime >= tap)
					marksMs[m.name] = Math.round(m.startTime - tap);
			return { ms: mark.startTime - tap, fetched, marksMs };
		});
		if (!tracer || !stopProfile) return run;
		const profile = await stopProfile();
		return { ...run, trace: await tracer.stopTracing(), profile };
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
	const { context, mode, note } = await coldStartContext(browser, baseUrl, slug);
	try {
		const results: ColdStartRun[] = [];
		for (let i = 0; i < runs; i++) results.push(await tapToFirstPanel(context, baseUrl, slug, cpuRate));
		const traced = await tapToFirstPanel(context, baseUrl, slug, cpuRate, browser);
		return {
			mode,
			breakdown: breakdownOf(traced),
			runsMs: results.map((r) => r.ms),
			lastRunFetched: results[results.length - 1]?.fetched ?? [],
			note
		};
	} finally {
		await context.close();
	}
}

/**
 * Only traced runs (bench/cold-start-trace.ts): where the time of a cold start goes, run after run,
 * for comparing two builds by shares rather than by wall time (which the load moves).
 */
export async function traceColdStart(
	browser: Browser,
	baseUrl: string,
	slug: string,
	runs: number,
	cpuRate: number
): Promise<{ mode: ColdStartMode; breakdowns: (ColdStartBreakdown | null)[]; profiles: CpuProfile[] }> {
	const { context, mode } = await coldStartContext(browser, baseUrl, slug);
	try {
		const breakdowns: (ColdStartBreakdown | null)[] = [];
		const profiles: CpuProfile[] = [];
		for (let i = 0; i < runs; i++) {
			const run = await tapToFirstPanel(context, baseUrl, slug, cpuRate, browser);
			breakdowns.push(breakdownOf(run));
			if (run.profile) profiles.push(run.profile);
		}
		return { mode, breakdowns, profiles };
	} finally {
		await context.close();
	}
}

/** A browser context ready for cold starts: the comic downloaded and the network cut where possible. */
async function coldStartContext(
	browser: Browser,
	baseUrl: string,
	slug: string
): Promise<{ context: BrowserContext; mode: ColdStartMode; note: string }> {
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
		return { context, mode, note };
	} catch (error) {
		await context.close();
		throw error;
	}
}

/** The breakdown of a traced run: main-thread self time by kind between the tap and first-panel marks. */
function breakdownOf(
	run: ColdStartRun & { trace?: Buffer; profile?: CpuProfile }
): ColdStartBreakdown | null {
	if (!run.trace) return null;
	// BENCH_SAVE_TRACE=<dir>: the raw Chrome trace of each traced run too, for a closer look.
	if (process.env.BENCH_SAVE_TRACE) {
		mkdirSync(process.env.BENCH_SAVE_TRACE, { recursive: true });
		writeFileSync(path.join(process.env.BENCH_SAVE_TRACE, `cold-start-${Date.now()}.trace.json`), run.trace);
	}
	const events = (JSON.parse(run.trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
	const tap = markTimes(events, 'bench:tap')[0];
	const end = markTimes(events, 'kalanso:first-panel').pop();
	const thread = pageMainThread(events);
	if (tap === undefined || end === undefined || !thread) return null;
	// The app's milestones, recorded like the first-panel mark (markTimes).
	const names = new Set(
		events.map((e) => e.name).filter((n) => n.startsWith('kalanso:') && n !== 'kalanso:first-panel')
	);
	const milestones = [...names].flatMap((name) => markTimes(events, name).map((ts) => ({ name, ts })));
	return {
		tracedRunMs: Math.round(run.ms),
		mainThreadMs: mainThreadBreakdown(events, thread, tap, end),
		mainThreadCpuMs: threadCpuMs(events, thread, tap, end),
		phases: phaseBreakdown(events, thread, tap, end, milestones, 'kalanso:first-panel'),
		marksMs: run.marksMs,
		fetched: run.fetched,
		jsProfile: run.profile ? summarizeProfile(run.profile, 25, { fromUs: tap, toUs: end }) : null,
		windowUs: { fromUs: tap, toUs: end },
		note:
			'one extra run with a Chrome trace (not among the timed runs); main-thread self time by kind from the tap ' +
			'to the first-panel mark, idle = the thread waited (IndexedDB, fetches, GPU, timers, throttling pauses); ' +
			'JS self time from the V8 sampling profiler over the same window (tap to first panel)'
	};
}
