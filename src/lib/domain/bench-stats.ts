/**
 * Pure arithmetic of the benchmark (`npm run bench`, code in bench/): percentiles, per-frame
 * grouping of probe samples, budget verdicts and the printed table. Kept here, free of Node and
 * browser APIs, so it is unit-tested like the rest of the domain.
 */

/** Summary of a series of measurements, all in the series' unit. */
export interface SeriesSummary {
	n: number;
	min: number;
	p50: number;
	p95: number;
	max: number;
	mean: number;
}

/**
 * The p-th percentile (0–100) by linear interpolation between the closest ranks (the method of
 * numpy's default and of most spreadsheets), so p50 of an even-sized series is the mean of the two
 * middle values. Throws on an empty series: a percentile of nothing is a measuring bug.
 */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) throw new RangeError('percentile of an empty series');
	if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile out of range: ${p}`);
	const sorted = [...values].sort((a, b) => a - b);
	const rank = (p / 100) * (sorted.length - 1);
	const low = Math.floor(rank);
	const high = Math.ceil(rank);
	const lowValue = sorted[low]!;
	const highValue = sorted[high]!;
	return lowValue + (highValue - lowValue) * (rank - low);
}

export function median(values: readonly number[]): number {
	return percentile(values, 50);
}

export function summarize(values: readonly number[]): SeriesSummary {
	if (values.length === 0) throw new RangeError('summary of an empty series');
	const sum = values.reduce((a, b) => a + b, 0);
	return {
		n: values.length,
		min: Math.min(...values),
		p50: percentile(values, 50),
		p95: percentile(values, 95),
		max: Math.max(...values),
		mean: sum / values.length
	};
}

/** A budget from DESIGN.md §6: the figure must stay at or below `max`, in `unit`. */
export interface Budget {
	max: number;
	unit: string;
}

export type Verdict = 'within' | 'over' | 'no budget' | 'not measured';

export function verdict(value: number | null, budget: Budget | null): Verdict {
	if (value === null) return 'not measured';
	if (!budget) return 'no budget';
	return value <= budget.max ? 'within' : 'over';
}

/** Bytes as KB (1 KB = 1024 bytes, the unit of the budgets), one decimal. */
export function kilobytes(bytes: number): number {
	return Math.round((bytes / 1024) * 10) / 10;
}

/** Narration bytes of one language of a comic, with the comic's art, spread over its pages. */
export interface PackPageFigure {
	comic: string;
	language: string;
	pages: number;
	artBytes: number;
	audioBytes: number;
	/** (art + audio of this language) / pages. */
	bytesPerPage: number;
}

/**
 * Bytes per page of a pack for each narration language: all art plus that language's audio,
 * divided by the page count. Languages without any audio still get a figure (art only), so the
 * table shows a comic that is not narrated yet rather than hiding it.
 */
export function packBytesPerPage(
	comic: string,
	pages: number,
	artBytes: number,
	audioBytesByLanguage: Readonly<Record<string, number>>
): PackPageFigure[] {
	if (pages <= 0) throw new RangeError(`comic ${comic} has no pages`);
	return Object.entries(audioBytesByLanguage)
		.sort((a, b) => a[0].localeCompare(b[0]))
		.map(([language, audioBytes]) => ({
			comic,
			language,
			pages,
			artBytes,
			audioBytes,
			bytesPerPage: Math.round((artBytes + audioBytes) / pages)
		}));
}

/** A row of the printed table. */
export interface TableRow {
	label: string;
	value: string;
	budget: string;
	verdict: string;
}

/** A plain-text table with aligned columns (also valid Markdown). */
export function formatTable(rows: readonly TableRow[]): string {
	const header: TableRow = { label: 'figure', value: 'measured', budget: 'budget', verdict: 'verdict' };
	const all = [header, ...rows];
	const keys = ['label', 'value', 'budget', 'verdict'] as const;
	const widths = keys.map((k) => Math.max(...all.map((r) => r[k].length)));
	const line = (r: TableRow) => `| ${keys.map((k, i) => r[k].padEnd(widths[i]!)).join(' | ')} |`;
	const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
	return [line(header), rule, ...rows.map(line)].join('\n');
}

/** The fields of a Chrome trace event (Trace Event Format) the frame analysis reads. Times in µs. */
export interface TraceEvent {
	name: string;
	ph: string;
	ts: number;
	dur?: number;
	/** Thread (CPU) time of a complete event, µs. */
	tdur?: number;
	pid: number;
	tid: number;
	args?: { name?: string } & Record<string, unknown>;
}

/**
 * Trace events that are JavaScript running on the main thread: callbacks entered from the browser
 * (event listeners, rAF callbacks, timers, module and script evaluation, microtasks). They nest
 * (a FunctionCall inside an EventDispatch), so their time is taken as the union of their intervals.
 */
export const JS_TRACE_EVENTS: ReadonlySet<string> = new Set([
	'FunctionCall',
	'FireAnimationFrame',
	'EventDispatch',
	'TimerFire',
	'FireIdleCallback',
	'EvaluateScript',
	'v8.evaluateModule',
	'RunMicrotasks',
	'v8.run'
]);

/** The page's main thread: the renderer main thread that ran the most animation-frame callbacks. */
export function pageMainThread(events: readonly TraceEvent[]): { pid: number; tid: number } | null {
	const mains = new Set(
		events
			.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
			.map((e) => `${e.pid}:${e.tid}`)
	);
	const counts = new Map<string, number>();
	for (const e of events) {
		const key = `${e.pid}:${e.tid}`;
		if (e.name === 'FireAnimationFrame' && mains.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
	if (!best) return null;
	const [pid, tid] = best[0].split(':').map(Number);
	return { pid: pid!, tid: tid! };
}

/** A stretch of main-thread JavaScript: [start, end) in µs, and the share of it the thread was on a CPU. */
export type JsPiece = [start: number, end: number, cpuShare: number];

/**
 * The outermost JavaScript intervals of a thread, in time order: nested events (a FunctionCall inside
 * an EventDispatch) are counted once, through their parent; a partly overlapping event adds its tail.
 * Each piece keeps its CPU share (`tdur / dur`, 1 when the trace has no thread times): below 1, the
 * thread was waiting (descheduled by other work on the machine, or paused by CPU throttling).
 */
export function outermostJs(events: readonly TraceEvent[]): JsPiece[] {
	const sorted = events
		.filter((e) => JS_TRACE_EVENTS.has(e.name) && typeof e.dur === 'number' && e.dur > 0)
		.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
	const pieces: JsPiece[] = [];
	let end = -Infinity;
	for (const e of sorted) {
		const eEnd = e.ts + e.dur!;
		if (eEnd <= end) continue;
		const share = typeof e.tdur === 'number' ? Math.min(1, e.tdur / e.dur!) : 1;
		pieces.push([Math.max(e.ts, end), eEnd, share]);
		end = eEnd;
	}
	return pieces;
}

/**
 * Whether a trace event is a task that runs a DevTools protocol message: the harness driving the
 * page (Playwright's `evaluate`, performance marks, polling the reader's state), not the app.
 */
export function isDevToolsTask(event: TraceEvent): boolean {
	const info = event.args?.chrome_mojo_event_info as { mojo_interface_tag?: string } | undefined;
	return event.name === 'Receive mojo message' && info?.mojo_interface_tag === 'blink.mojom.DevToolsSession';
}

/**
 * The events of a thread without the JavaScript run by DevTools protocol messages (see
 * `isDevToolsTask`): a benchmark harness polling the page must not be charged to the page.
 * Input events the harness sends (key presses) arrive as input tasks, not as such messages, so
 * the app's handlers stay counted.
 */
export function withoutHarnessJs(events: readonly TraceEvent[]): TraceEvent[] {
	// Tasks on one thread do not overlap: sorted by start, the one that may hold an event is the
	// last one starting at or before it.
	const harness = events
		.filter((e) => e.ph === 'X' && typeof e.dur === 'number' && isDevToolsTask(e))
		.map((e) => [e.ts, e.ts + e.dur!] as const)
		.sort((a, b) => a[0] - b[0]);
	if (harness.length === 0) return [...events];
	const inside = (start: number, end: number) => {
		let lo = 0;
		let hi = harness.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (harness[mid]![0] <= start) lo = mid;
			else hi = mid - 1;
		}
		const [s, e] = harness[lo]!;
		return s <= start && end <= e;
	};
	return events.filter(
		(e) => !JS_TRACE_EVENTS.has(e.name) || typeof e.dur !== 'number' || !inside(e.ts, e.ts + e.dur)
	);
}

/** One rendered frame found in a trace: when its task started and the JavaScript charged to it. */
export interface TraceFrame {
	/** Start of the task that ran the frame's rAF callbacks, µs (trace clock). */
	startUs: number;
	/** End of that task, µs. */
	endUs: number;
	/** Main-thread JavaScript since the previous frame's task ended, up to this one's end, ms. */
	jsMs: number;
	/** The part of `jsMs` the thread actually ran on a CPU (thread time), ms. */
	jsCpuMs: number;
}

/** The complete events of one thread, without the harness's JavaScript (`withoutHarnessJs`). */
function threadEvents(events: readonly TraceEvent[], thread: { pid: number; tid: number }): TraceEvent[] {
	return withoutHarnessJs(
		events.filter(
			(e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && typeof e.dur === 'number'
		)
	);
}

/** The app's JavaScript on a thread as outermost pieces (see `outermostJs`, `withoutHarnessJs`). */
export function appJs(events: readonly TraceEvent[], thread: { pid: number; tid: number }): JsPiece[] {
	return outermostJs(threadEvents(events, thread));
}

/** Wall time of the JavaScript pieces within [fromUs, toUs), ms. */
export function jsWithin(pieces: readonly JsPiece[], fromUs: number, toUs: number): number {
	let wall = 0;
	for (const [s, e] of pieces) {
		const length = Math.min(e, toUs) - Math.max(s, fromUs);
		if (length > 0) wall += length;
	}
	return wall / 1000;
}

/**
 * Main-thread JavaScript per frame from a trace. A frame is a main-thread task (`RunTask`) that ran
 * animation-frame callbacks (`FireAnimationFrame`), where the reader moves the camera and Pixi
 * renders. Each frame is charged all JavaScript since the previous frame's task ended, so input
 * handlers (the key press that starts a move) and promise continuations count towards the frame
 * they lead to. Without `RunTask` events, each callback's own task is approximated by the callback.
 * JavaScript run by the harness's DevTools protocol messages is not charged (`withoutHarnessJs`).
 *
 * `startsUs` are the times moves start (their key presses): the first frame after one is charged
 * the JavaScript from there on, not what ran before it while the page was idle (else a page that
 * draws no frame while idle would see all its idle-time work land on the next move, while one that
 * keeps drawing idle frames would have it spread over those). Count that work with `jsWithin`.
 */
export function framesFromTrace(
	events: readonly TraceEvent[],
	thread: { pid: number; tid: number },
	startsUs: readonly number[] = []
): TraceFrame[] {
	const onThread = threadEvents(events, thread);
	const tasks = onThread.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
	const callbacks = onThread.filter((e) => e.name === 'FireAnimationFrame').sort((a, b) => a.ts - b.ts);
	const js = outermostJs(onThread);
	const starts = [...startsUs].sort((a, b) => a - b);

	// The frame tasks, each once, in time order.
	const frameTasks: [number, number][] = [];
	let t = 0;
	for (const cb of callbacks) {
		while (t < tasks.length && tasks[t]!.ts + tasks[t]!.dur! < cb.ts) t++;
		const task = tasks[t];
		const span: [number, number] =
			task && task.ts <= cb.ts ? [task.ts, task.ts + task.dur!] : [cb.ts, cb.ts + cb.dur!];
		const last = frameTasks[frameTasks.length - 1];
		if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
		else frameTasks.push(span);
	}

	const frames: TraceFrame[] = [];
	let previousEnd = -Infinity;
	let nextStart = 0;
	for (const [start, end] of frameTasks) {
		// The latest move start since the previous frame, if any, up to this frame's start.
		let from = previousEnd;
		while (nextStart < starts.length && starts[nextStart]! <= start) {
			if (starts[nextStart]! > from) from = starts[nextStart]!;
			nextStart++;
		}
		let wall = 0;
		let cpu = 0;
		for (const [s, e, share] of js) {
			const length = Math.min(e, end) - Math.max(s, from);
			if (length <= 0) continue;
			wall += length;
			cpu += length * share;
		}
		frames.push({ startUs: start, endUs: end, jsMs: wall / 1000, jsCpuMs: cpu / 1000 });
		previousEnd = end;
	}
	return frames;
}

/** Timestamps (µs, trace clock) of the `performance.mark(name)` calls recorded in a trace. */
export function markTimes(events: readonly TraceEvent[], name: string): number[] {
	// User-timing marks are recorded once per mark (phase R, or I/n in older Chromes).
	return events
		.filter((e) => e.name === name && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n'))
		.map((e) => e.ts)
		.sort((a, b) => a - b);
}

/** Timestamps (µs, trace clock) of the key presses dispatched on `thread` (the page's main thread). */
export function keyDownTimes(events: readonly TraceEvent[], thread: { pid: number; tid: number }): number[] {
	return events
		.filter(
			(e) =>
				e.pid === thread.pid &&
				e.tid === thread.tid &&
				e.name === 'EventDispatch' &&
				(e.args?.data as { type?: string } | undefined)?.type === 'keydown'
		)
		.map((e) => e.ts);
}

/**
 * Pairs each start mark with the first end mark after it: the time windows of the moves. A start
 * without an end (a move that failed) has no window.
 */
export function windowsFromMarks(starts: readonly number[], ends: readonly number[]): [number, number][] {
	const windows: [number, number][] = [];
	let e = 0;
	for (const start of starts) {
		while (e < ends.length && ends[e]! < start) e++;
		if (e >= ends.length) break;
		windows.push([start, ends[e]!]);
		e++;
	}
	return windows;
}

/** Splits frames into those that start inside one of the windows and the others. */
export function partitionFrames(
	frames: readonly TraceFrame[],
	windows: readonly (readonly [number, number])[]
): { inside: TraceFrame[][]; outside: TraceFrame[] } {
	const inside: TraceFrame[][] = windows.map(() => []);
	const outside: TraceFrame[] = [];
	for (const frame of frames) {
		const w = windows.findIndex(([s, e]) => frame.startUs >= s && frame.startUs <= e);
		if (w >= 0) inside[w]!.push(frame);
		else outside.push(frame);
	}
	return { inside, outside };
}

/**
 * Moves each window's start to the first of `times` inside it (the key press that starts the move,
 * rather than the mark set just before it), leaving windows without one unchanged.
 */
export function startAtFirst(
	windows: readonly [number, number][],
	times: readonly number[]
): [number, number][] {
	const sorted = [...times].sort((a, b) => a - b);
	return windows.map(([start, end]) => {
		const first = sorted.find((t) => t >= start && t <= end);
		return [first ?? start, end];
	});
}
