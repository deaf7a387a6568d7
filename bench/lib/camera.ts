/**
 * Guided-view camera moves, measured from a Chrome trace of the renderer's main thread.
 *
 * Method. The reader renders on demand: a frame is drawn only while the camera moves (its rAF
 * loop stops when the camera reaches its target). We record a trace (devtools.timeline categories)
 * while pressing → / ← through the comic, panel by panel, then, on the page's main thread:
 * - a frame is a main-thread task that ran animation-frame callbacks (`FireAnimationFrame`);
 * - the JavaScript of a frame is the union of the JS trace events (listeners, rAF callbacks, timers,
 *   microtasks) since the previous frame's task ended, so the key press that starts a move counts
 *   towards its first frame (see `framesFromTrace` in src/lib/domain/bench-stats.ts);
 * - the frame time is the interval between the starts of consecutive frame tasks, leaving out the
 *   idle gaps between two moves.
 * Throttled CPU time shows up in the trace as longer events, so the figures are "at 4×" as asked.
 * State is polled from Node between moves, never by rAF or timers in the page, so the harness adds
 * no JavaScript to the frames it measures.
 */
import type { Browser } from '@playwright/test';
import {
	frameIntervals,
	framesFromTrace,
	pageMainThread,
	type TraceEvent
} from '../../src/lib/domain/bench-stats';
import { newContext, throttle } from './browser';
import { ensureGuided, move, readerPath, readerState, waitReaderReady } from './reader';

const TRACE_CATEGORIES = [
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'disabled-by-default-devtools.timeline.frame',
	'toplevel',
	'v8.execute'
];

/**
 * The bench waits this long after each move, so that a gap longer than IDLE_GAP_MS between two
 * frames is the pause between moves, not a slow frame (a 250 ms frame would be 4 fps).
 */
const PAUSE_BETWEEN_MOVES_MS = 400;
const IDLE_GAP_MS = 250;
const idle = () => new Promise((r) => setTimeout(r, PAUSE_BETWEEN_MOVES_MS));

export interface CameraRun {
	renderer: string;
	cpuRate: number;
	moves: number;
	frames: number;
	jsPerFrameMs: number[];
	frameTimesMs: number[];
	/** Page textures held after each forward move, and at the end of the comic. */
	texturesAfterMove: number[];
	texturesAtEnd: number;
	pagesVisited: number;
}

/**
 * Reads through the comic in guided view (next to the last panel, then back), repeating until at
 * least `minMoves` moves were made, with a trace recording.
 */
export async function measureCameraMoves(
	browser: Browser,
	baseUrl: string,
	slug: string,
	renderer: 'webgl' | 'canvas',
	cpuRate: number,
	totalPanels: number,
	minMoves: number
): Promise<CameraRun> {
	if (totalPanels < 2)
		throw new Error(`comic ${slug} has ${totalPanels} panel(s): no camera move to measure`);
	const context = await newContext(browser);
	try {
		const page = await context.newPage();
		await page.goto(`${baseUrl}${readerPath(slug, renderer)}`);
		await waitReaderReady(page);
		await ensureGuided(page);
		const used = (await readerState(page)).renderer;
		await throttle(page, cpuRate);

		const texturesAfterMove: number[] = [];
		const pages = new Set<number>([(await readerState(page)).page]);
		let texturesAtEnd = -1;
		let moves = 0;
		await browser.startTracing(page, { categories: TRACE_CATEGORIES });
		let failure: unknown = null;
		try {
			while (moves < minMoves) {
				for (let i = 1; i < totalPanels; i++, moves++) {
					const state = await move(page, 'next');
					texturesAfterMove.push(state.loadedTextures);
					pages.add(state.page);
					await idle();
				}
				texturesAtEnd = (await readerState(page)).loadedTextures;
				for (let i = 1; i < totalPanels; i++, moves++) {
					await move(page, 'prev');
					await idle();
				}
			}
		} catch (error) {
			failure = error;
		}
		const trace = await browser.stopTracing();
		if (failure) throw failure;
		const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
		const thread = pageMainThread(events);
		if (!thread) throw new Error('no animation frame in the trace');
		const frames = framesFromTrace(events, thread);
		return {
			renderer: used,
			cpuRate,
			moves,
			frames: frames.length,
			jsPerFrameMs: frames.map((f) => f.jsMs),
			frameTimesMs: frameIntervals(
				frames.map((f) => f.startUs / 1000),
				IDLE_GAP_MS
			),
			texturesAfterMove,
			texturesAtEnd,
			pagesVisited: pages.size
		};
	} finally {
		await context.close();
	}
}
