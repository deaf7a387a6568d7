/**
 * Where the main thread's time goes in a window of a Chrome trace (issue 21: the cold start's
 * breakdown). Each complete event of the thread is charged its self time (its duration minus that
 * of the events nested in it), then grouped by kind: script compile, script run, garbage collection,
 * HTML parsing, style and layout, paint and compositing, image decoding, other. What no event
 * covers is idle: the thread was waiting (network, IndexedDB, the GPU process, a timer, or the CPU
 * throttling's pauses that fall between tasks). Pure; unit-tested in bench-stats-breakdown.test.ts.
 */
import type { TraceEvent } from './bench-stats';

export type TimeKind =
	| 'scriptCompile'
	| 'scriptRun'
	| 'gc'
	| 'parseHtml'
	| 'styleLayout'
	| 'paintComposite'
	| 'imageDecode'
	| 'otherTask';

const KIND_BY_NAME: Readonly<Record<string, TimeKind>> = {
	'v8.compile': 'scriptCompile',
	'v8.compileModule': 'scriptCompile',
	'V8.CompileCode': 'scriptCompile',
	'v8.produceModuleCache': 'scriptCompile',
	'v8.produceCache': 'scriptCompile',
	'V8.ScriptCompiler': 'scriptCompile',
	CacheScript: 'scriptCompile',
	FunctionCall: 'scriptRun',
	EvaluateScript: 'scriptRun',
	'v8.evaluateModule': 'scriptRun',
	'v8.run': 'scriptRun',
	RunMicrotasks: 'scriptRun',
	EventDispatch: 'scriptRun',
	TimerFire: 'scriptRun',
	FireAnimationFrame: 'scriptRun',
	FireIdleCallback: 'scriptRun',
	MinorGC: 'gc',
	MajorGC: 'gc',
	'V8.GCScavenger': 'gc',
	'V8.GCFinalizeMC': 'gc',
	'V8.GCIncrementalMarking': 'gc',
	'V8.GC_MC_BACKGROUND_MARKING': 'gc',
	BlinkGC: 'gc',
	'BlinkGC.AtomicPhase': 'gc',
	ParseHTML: 'parseHtml',
	ParseAuthorStyleSheet: 'styleLayout',
	UpdateLayoutTree: 'styleLayout',
	RecalculateStyles: 'styleLayout',
	Layout: 'styleLayout',
	UpdateLayerTree: 'styleLayout',
	PrePaint: 'paintComposite',
	Paint: 'paintComposite',
	PaintImage: 'paintComposite',
	Layerize: 'paintComposite',
	Commit: 'paintComposite',
	CompositeLayers: 'paintComposite',
	'Decode Image': 'imageDecode',
	'Decode LazyPixelRef': 'imageDecode',
	ImageDecodeTask: 'imageDecode',
	RunTask: 'otherTask',
	ThreadControllerImpl__RunTask: 'otherTask'
};

/** The kind of main-thread time an event's self time counts as; null: not a timeline event we know. */
export function timeKind(name: string): TimeKind | null {
	return KIND_BY_NAME[name] ?? null;
}

export type Breakdown = Record<TimeKind | 'idle', number>;

/**
 * Self time per kind, in ms, of the thread's complete events within [fromUs, toUs) (clipped to the
 * window), plus idle: the part of the window no known event covers. Events of unknown names are
 * ignored (their time shows up in their known parent or as idle); nesting is by time on one thread.
 */
export function mainThreadBreakdown(
	events: readonly TraceEvent[],
	thread: { pid: number; tid: number },
	fromUs: number,
	toUs: number
): Breakdown {
	const out: Breakdown = {
		scriptCompile: 0,
		scriptRun: 0,
		gc: 0,
		parseHtml: 0,
		styleLayout: 0,
		paintComposite: 0,
		imageDecode: 0,
		otherTask: 0,
		idle: 0
	};
	if (!(toUs > fromUs)) return out;
	const mine = events
		.filter(
			(e) =>
				e.pid === thread.pid &&
				e.tid === thread.tid &&
				e.ph === 'X' &&
				typeof e.dur === 'number' &&
				timeKind(e.name) !== null &&
				e.ts < toUs &&
				e.ts + e.dur > fromUs
		)
		.map((e) => ({
			kind: timeKind(e.name)!,
			start: Math.max(e.ts, fromUs),
			end: Math.min(e.ts + e.dur!, toUs)
		}))
		.sort((a, b) => a.start - b.start || b.end - a.end);
	// A stack of open events: the innermost one open at a moment is charged that moment.
	const stack: { kind: TimeKind; end: number }[] = [];
	let cursor = fromUs;
	const charge = (until: number) => {
		while (cursor < until) {
			while (stack.length && stack[stack.length - 1]!.end <= cursor) stack.pop();
			const top = stack[stack.length - 1];
			const next = Math.min(until, top ? top.end : until);
			out[top ? top.kind : 'idle'] += (next - cursor) / 1000;
			cursor = next;
		}
	};
	for (const e of mine) {
		charge(e.start);
		while (stack.length && stack[stack.length - 1]!.end <= e.start) stack.pop();
		// An event that outlasts its parent (traces are not always well nested) is cut at the parent's end.
		const parentEnd = stack.length ? stack[stack.length - 1]!.end : Infinity;
		stack.push({ kind: e.kind, end: Math.min(e.end, parentEnd) });
	}
	charge(toUs);
	for (const k of Object.keys(out) as (keyof Breakdown)[]) out[k] = Math.round(out[k] * 10) / 10;
	return out;
}

/** One stretch of a traced cold start between two of the app's marks, with the main thread's time in it. */
export interface Phase {
	/** The mark that ends the stretch (the first stretch starts at the tap). */
	until: string;
	/** Start and end, ms from the start of the first stretch. */
	fromMs: number;
	toMs: number;
	/** Main-thread time in the stretch that was not idle, ms. */
	busyMs: number;
	/** The main thread's CPU time in the stretch (`threadCpuMs`), ms: comparable under any load. */
	cpuMs: number;
	byKind: Breakdown;
}

/**
 * The window [fromUs, toUs) cut at the given marks (µs, same clock; those outside the window are
 * ignored), each stretch with its main-thread breakdown: where a cold start's time goes between
 * the app's milestones (issue 21). A stretch is named by the mark that ends it; the last by `endName`.
 */
export function phaseBreakdown(
	events: readonly TraceEvent[],
	thread: { pid: number; tid: number },
	fromUs: number,
	toUs: number,
	marks: readonly { name: string; ts: number }[],
	endName: string
): Phase[] {
	const cuts = marks
		.filter((m) => m.ts > fromUs && m.ts < toUs)
		.sort((a, b) => a.ts - b.ts)
		.concat([{ name: endName, ts: toUs }]);
	const phases: Phase[] = [];
	let start = fromUs;
	for (const cut of cuts) {
		const byKind = mainThreadBreakdown(events, thread, start, cut.ts);
		const busy = Object.entries(byKind).reduce((sum, [kind, ms]) => (kind === 'idle' ? sum : sum + ms), 0);
		phases.push({
			until: cut.name,
			fromMs: Math.round((start - fromUs) / 100) / 10,
			toMs: Math.round((cut.ts - fromUs) / 100) / 10,
			busyMs: Math.round(busy * 10) / 10,
			cpuMs: threadCpuMs(events, thread, start, cut.ts),
			byKind
		});
		start = cut.ts;
	}
	return phases;
}

/**
 * The thread's CPU time (trace `tdur`) within [fromUs, toUs), ms: its outermost complete events,
 * each charged its thread time in proportion to the part of it inside the window. Unlike wall
 * time it leaves out the time the thread was descheduled (other processes on a loaded machine) or
 * paused by CPU throttling, so it compares two builds' work on the same path under any load.
 * Events without thread time count nothing.
 */
export function threadCpuMs(
	events: readonly TraceEvent[],
	thread: { pid: number; tid: number },
	fromUs: number,
	toUs: number
): number {
	const mine = events
		.filter(
			(e) =>
				e.pid === thread.pid &&
				e.tid === thread.tid &&
				e.ph === 'X' &&
				typeof e.dur === 'number' &&
				e.dur > 0 &&
				e.ts < toUs &&
				e.ts + e.dur > fromUs
		)
		.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
	let total = 0;
	let coveredUntil = -Infinity;
	for (const e of mine) {
		const end = e.ts + e.dur!;
		// Nested in an outermost event already counted.
		if (e.ts < coveredUntil) continue;
		coveredUntil = end;
		if (typeof e.tdur !== 'number') continue;
		const inside = Math.min(end, toUs) - Math.max(e.ts, fromUs);
		total += (e.tdur * inside) / e.dur!;
	}
	return Math.round(total / 100) / 10;
}
