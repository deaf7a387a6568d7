/**
 * Guided-view camera moves, measured from a Chrome trace of the renderer's main thread.
 *
 * Method. We record a trace (devtools.timeline and user-timing categories) while pressing → / ←
 * through the comic panel by panel, each move bracketed by `performance.mark`s. Then, on the
 * page's main thread:
 * - a frame is a main-thread task that ran animation-frame callbacks (`FireAnimationFrame`);
 * - the JavaScript of a frame is the union of the JS trace events (listeners, rAF callbacks, timers,
 *   microtasks) since the previous frame's task ended, so the key press that starts a move counts
 *   towards its first frame (`framesFromTrace` in src/lib/domain/bench-stats.ts); but no further
 *   back than the key press: what the page did while idle before it (finishing the previous move's
 *   work, decoding the next page) is not the move's. Without that limit, a reader that draws no
 *   frame while idle had all of it charged to the next move's first frame, while one that kept
 *   drawing idle frames had it spread over those. It is reported apart (`betweenMovesJsMs`);
 * - move frames are those that start between a move's marks; the others are idle frames (Pixi's
 *   ticker, when something keeps it running, draws frames between moves too);
 * - the frame time is the interval between the starts of consecutive frame tasks of one move.
 * Throttled CPU time shows up in the trace as longer events, so the figures are "at N×" as asked.
 * The harness does not poll the page during a move (`move` in ./reader.ts): one evaluation before
 * the key press reads the state, sets the start mark and arms a MutationObserver on the reader's
 * at-rest attributes; one more, right after the key press, awaits it, and the observer sets the end
 * mark when the reader publishes its state after the move's last frame. Why: the harness used to
 * poll from Node every 50 ms during a move (some twenty evaluations, ≈1 ms of Playwright's injected
 * script each at 4×); `framesFromTrace` leaves DevTools tasks' JavaScript out of the frames, but
 * those tasks still delayed the app's animation-frame callbacks (a third of the late ones at 1×),
 * i.e. the frame time measured the harness too. What the harness still runs in the page (those two
 * evaluations, the observer's callback after the last frame) is left out or falls between moves.
 * The key presses the harness sends are input events and count.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import {
	appJs,
	framesFromTrace,
	keyDownTimes,
	jsWithin,
	markTimes,
	pageMainThread,
	partitionFrames,
	startAtFirst,
	windowsFromMarks,
	type TraceEvent
} from '../../src/lib/domain/bench-stats';
import { newContext, throttle } from './browser';
import { startProfile, summarizeProfile, type CpuProfile, type ProfileSummary } from './profile';
import {
	ensureGuided,
	move,
	MOVE_END_MARK,
	MOVE_START_MARK,
	readerPath,
	readerState,
	waitReaderReady
} from './reader';
import { ROOT } from './server';

const TRACE_CATEGORIES = [
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'disabled-by-default-devtools.timeline.frame',
	'blink.user_timing',
	'toplevel',
	'v8.execute'
];

/** A short rest after each move, so that idle frames (if any) show up between moves. */
const PAUSE_BETWEEN_MOVES_MS = 200;
const pause = () => new Promise((r) => setTimeout(r, PAUSE_BETWEEN_MOVES_MS));

export interface CameraRun {
	renderer: string;
	cpuRate: number;
	moves: number;
	/** JavaScript of each frame drawn during a move, ms. */
	jsPerFrameMs: number[];
	/**
	 * The same in thread CPU time: without the waits when the machine's other processes had the
	 * CPU (CPU throttling still counts: Chromium's throttled thread stays on the CPU), ms.
	 */
	jsCpuPerFrameMs: number[];
	/** The same, for the moves that stay on one page (no page art to load and upload). */
	jsPerFrameWithinPageMs: number[];
	/** JavaScript of the first frame of each move (it also runs the key press and the state update), ms. */
	firstFrameJsMs: number[];
	/** JavaScript of the other frames of the moves (the camera gliding), ms. */
	laterFramesJsMs: number[];
	/** For each move, in order: did it turn the page? */
	pageTurns: boolean[];
	/** Frames per move. */
	framesPerMove: number[];
	/** Intervals between consecutive frames of one move, ms. */
	frameTimesMs: number[];
	/** JavaScript of each frame drawn while no move was going on, ms. */
	idleJsPerFrameMs: number[];
	/**
	 * JavaScript charged to no move frame, from the end of each move's last frame to the next key
	 * press (idle work, idle frames included), one entry per gap between two moves, ms.
	 */
	betweenMovesJsMs: number[];
	/** Page textures held after each forward move, and at the end of the comic. */
	texturesAfterMove: number[];
	texturesAtEnd: number;
	pagesVisited: number;
	/**
	 * BENCH_PROFILE=1: a V8 CPU profile taken over the same moves (JS self time by script and
	 * function, what the frames spend their JavaScript on). The sampling adds its own cost to the
	 * frames, so the run's timings are then flagged in the method.
	 */
	profile: ProfileSummary | null;
}

const PROFILE = process.env.BENCH_PROFILE === '1';

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
		const pageTurns: boolean[] = [];
		const step = async (direction: 'next' | 'prev') => {
			const { before, after } = await move(page, direction);
			pageTurns.push(after.page !== before.page);
			pages.add(after.page);
			await pause();
			return after;
		};
		await browser.startTracing(page, { categories: TRACE_CATEGORIES });
		const stopProfile = PROFILE ? await startProfile(page, 100) : null;
		let profile: CpuProfile | null = null;
		let failure: unknown = null;
		try {
			while (moves < minMoves) {
				for (let i = 1; i < totalPanels; i++, moves++)
					texturesAfterMove.push((await step('next')).loadedTextures);
				texturesAtEnd = (await readerState(page)).loadedTextures;
				for (let i = 1; i < totalPanels; i++, moves++) await step('prev');
			}
		} catch (error) {
			failure = error;
		}
		if (stopProfile) profile = await stopProfile();
		const trace = await browser.stopTracing();
		if (failure) throw failure;
		if (process.env.BENCH_KEEP_TRACES === '1') {
			// For a look in the DevTools Performance panel; *.tmp is git-ignored.
			writeFileSync(path.join(ROOT, `bench/results/trace-${renderer}-${cpuRate}x.json.tmp`), trace);
			// With BENCH_PROFILE=1, the raw CPU profile too: its samples share the trace's clock, so
			// they can be charged to the frames of the trace (first frame of a move, later ones…).
			if (profile)
				writeFileSync(
					path.join(ROOT, `bench/results/profile-${renderer}-${cpuRate}x.json.tmp`),
					JSON.stringify(profile)
				);
		}

		const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
		const thread = pageMainThread(events);
		if (!thread) throw new Error('no animation frame in the trace');
		const marked = windowsFromMarks(markTimes(events, MOVE_START_MARK), markTimes(events, MOVE_END_MARK));
		// A move starts with its key press; frames drawn between the mark and the key are idle ones.
		const keydowns = keyDownTimes(events, thread);
		const windows = startAtFirst(marked, keydowns);
		if (windows.length !== moves)
			throw new Error(`found ${windows.length} move marks in the trace for ${moves} moves`);
		const { inside, outside } = partitionFrames(
			framesFromTrace(
				events,
				thread,
				windows.map(([start]) => start)
			),
			windows
		);
		const js = appJs(events, thread);
		const betweenMovesJsMs = windows.slice(1).map(([keyPress], i) => {
			const previous = inside[i]!;
			const from = previous.length ? previous[previous.length - 1]!.endUs : windows[i]![0];
			return jsWithin(js, from, keyPress);
		});
		const frameTimesMs = inside.flatMap((frames) =>
			frames.slice(1).map((f, i) => (f.startUs - frames[i]!.startUs) / 1000)
		);
		return {
			renderer: used,
			cpuRate,
			moves,
			jsPerFrameMs: inside.flat().map((f) => f.jsMs),
			jsCpuPerFrameMs: inside.flat().map((f) => f.jsCpuMs),
			jsPerFrameWithinPageMs: inside
				.filter((_, i) => !pageTurns[i])
				.flatMap((frames) => frames.map((f) => f.jsMs)),
			pageTurns,
			firstFrameJsMs: inside.filter((frames) => frames.length > 0).map((frames) => frames[0]!.jsMs),
			laterFramesJsMs: inside.flatMap((frames) => frames.slice(1).map((f) => f.jsMs)),
			framesPerMove: inside.map((frames) => frames.length),
			frameTimesMs,
			idleJsPerFrameMs: outside.map((f) => f.jsMs),
			betweenMovesJsMs,
			texturesAfterMove,
			texturesAtEnd,
			pagesVisited: pages.size,
			profile: profile ? summarizeProfile(profile, 40) : null
		};
	} finally {
		await context.close();
	}
}

/**
 * The harness's floor on this machine: frames that run no app code (an empty page whose animation
 * frame callback only asks for the next frame), throttled and traced as the reader's moves are,
 * in `runs` bursts of `framesPerRun` frames with the same pause between them. Chromium throttles
 * the CPU on Linux by interrupting the main thread every 200 µs and spinning for (rate − 1) × the
 * wall time since the last spin (up to 1 ms of it), so a frame is charged with spins of time it did
 * not use, more on a busier machine: what such a frame measures here is a share of any frame's
 * figure that no app change can remove.
 */
export async function measureEmptyFrames(
	browser: Browser,
	cpuRate: number,
	runs = 20,
	framesPerRun = 22
): Promise<number[]> {
	const context = await newContext(browser);
	try {
		const page = await context.newPage();
		await page.setContent('<!doctype html><title>frames</title>');
		await throttle(page, cpuRate);
		await browser.startTracing(page, { categories: TRACE_CATEGORIES });
		for (let i = 0; i < runs; i++) {
			// A string: tsx wraps named inner functions in a helper the page does not have.
			await page.evaluate(
				`new Promise((done) => { let left = ${framesPerRun}; const frame = () => (--left > 0 ? requestAnimationFrame(frame) : done()); requestAnimationFrame(frame); })`
			);
			await pause();
		}
		const trace = await browser.stopTracing();
		const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
		const thread = pageMainThread(events);
		if (!thread) throw new Error('no animation frame in the trace');
		return framesFromTrace(events, thread).map((f) => f.jsMs);
	} finally {
		await context.close();
	}
}
