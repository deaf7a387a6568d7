/**
 * Which frames of the camera bench make its p95, and what their JavaScript runs (issue 21): run
 * with `npx tsx bench/camera-frames.ts` after `npx vite build --sourcemap` (BENCH_PORT as the bench).
 *
 * One run of the bench's own method (`measureCameraMoves`: the moves, the trace, the frames) on the
 * canvas renderer (FRAMES_RENDERER) at 4× (FRAMES_CPU_RATE), with a V8 CPU profile over the same
 * moves. Then, for each frame of a move: which move and which frame of it (first, later; page turn
 * or not), its JavaScript (wall and thread CPU) by kind of trace event (the key press, the frame
 * callback, timers, microtasks), and the profile's samples in the same span, by function (self) and
 * by the app's functions on the stack (inclusive), from the build's source maps.
 *
 * Timings are load-dependent and the profiler adds its own cost: compare the shares, and compare
 * runs taken side by side. At 4× Chromium pauses the thread at JavaScript's interrupt checks, so
 * the pauses are charged to whichever function checked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
process.env.BENCH_PROFILE = '1';
process.env.BENCH_KEEP_TRACES = '1';
const {
	appJs,
	framesFromTrace,
	isDevToolsTask,
	keyDownTimes,
	markTimes,
	pageMainThread,
	partitionFrames,
	percentile,
	startAtFirst,
	windowsFromMarks,
	withoutHarnessJs
} = await import('../src/lib/domain/bench-stats');
const { launchBrowser } = await import('./lib/browser');
const { measureCameraMoves } = await import('./lib/camera');
const { callersOf, originalOf } = await import('./lib/profile');
const { MOVE_END_MARK, MOVE_START_MARK } = await import('./lib/reader');
const { ROOT, comicsRootForBench, startServer } = await import('./lib/server');
import type { TraceEvent } from '../src/lib/domain/bench-stats';
import type { CpuProfile } from './lib/profile';

const PORT = Number(process.env.BENCH_PORT ?? 4180);
const SLUG = process.env.BENCH_COMIC ?? 'awa-et-le-cgs';
const RATE = Number(process.env.FRAMES_CPU_RATE ?? 4);
const RENDERER = (process.env.FRAMES_RENDERER ?? 'canvas') as 'canvas' | 'webgl';
const MOVES = Number(process.env.FRAMES_MOVES ?? 20);
const PANELS = Number(process.env.FRAMES_PANELS ?? 13);
/** FRAMES_REUSE=1: analyse the trace and profile kept by the last run instead of running again. */
const REUSE = process.env.FRAMES_REUSE === '1';

const tracePath = path.join(ROOT, `bench/results/trace-${RENDERER}-${RATE}x.json.tmp`);
const profilePath = path.join(ROOT, `bench/results/profile-${RENDERER}-${RATE}x.json.tmp`);

if (!REUSE) {
	const server = await startServer(PORT, comicsRootForBench());
	const browser = await launchBrowser();
	try {
		await measureCameraMoves(browser, server.baseUrl, SLUG, RENDERER, RATE, PANELS, MOVES);
	} finally {
		await browser.close();
		server.stop();
	}
}

const events = (JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as CpuProfile & {
	nodes: { id: number; children?: number[] }[];
};
const thread = pageMainThread(events)!;
const keydowns = keyDownTimes(events, thread);
const windows = startAtFirst(
	windowsFromMarks(markTimes(events, MOVE_START_MARK), markTimes(events, MOVE_END_MARK)),
	keydowns
);
const { inside } = partitionFrames(
	framesFromTrace(
		events,
		thread,
		windows.map(([s]) => s)
	),
	windows
);

// The spans each frame was charged (as framesFromTrace: from the previous frame's end or the key press).
const frames = inside.flatMap((fs, move) =>
	fs.map((f, i) => {
		const previous = i > 0 ? fs[i - 1]!.endUs : -Infinity;
		const before = inside
			.slice(0, move)
			.flat()
			.reduce((end, g) => Math.max(end, g.endUs), -Infinity);
		const from = i === 0 ? Math.max(windows[move]![0], before) : previous;
		return { move, index: i, from, ...f };
	})
);

// A page turn: a move whose frames are few (a cut) — told by the page attribute is not in the trace,
// so by the frame count: a cut draws one or two frames.
const turn = (move: number) => inside[move]!.length <= 2;

// JS by kind of outermost trace event within each frame's span.
const threadEvents = events.filter(
	(e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && typeof e.dur === 'number'
);
// The harness's own JavaScript (DevTools evaluations: marks, state polls) is not the app's.
const onThread = withoutHarnessJs(threadEvents);
const harness = threadEvents.filter(isDevToolsTask).map((e) => [e.ts, e.ts + e.dur!] as const);
const inHarness = (t: number) => harness.some(([s, e]) => s <= t && t <= e);
const kindOf = (e: TraceEvent) => {
	const data = e.args?.data as { type?: string } | undefined;
	return e.name === 'EventDispatch' ? `EventDispatch ${data?.type ?? ''}` : e.name;
};
const js = appJs(events, thread);
const jsEvents = onThread
	.filter((e) =>
		[
			'FireAnimationFrame',
			'EventDispatch',
			'TimerFire',
			'RunMicrotasks',
			'FunctionCall',
			'v8.run',
			'FireIdleCallback'
		].includes(e.name)
	)
	.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);

// Profile samples on the trace clock, with their stacks.
const parent = callersOf(profile);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const where = new Map<number, string>();
const label = (id: number) => {
	let s = where.get(id);
	if (s === undefined) {
		const f = byId.get(id)!.callFrame;
		const o = f.url ? originalOf(f.url, f.lineNumber, f.columnNumber) : null;
		s = o
			? `${o.name ?? f.functionName ?? '?'} ${o.source}:${o.line}`
			: `${f.functionName || '(anonymous)'} (native)`;
		where.set(id, s);
	}
	return s;
};
const samples: { t: number; id: number; ms: number }[] = [];
{
	let t = profile.startTime ?? 0;
	profile.samples.forEach((id, i) => {
		t += profile.timeDeltas[i] ?? 0;
		samples.push({ t, id, ms: (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000 });
	});
}

type Group = {
	frames: number;
	wallMs: number;
	cpuMs: number;
	byKind: Map<string, number>;
	self: Map<string, number>;
	inclusive: Map<string, number>;
	/** FRAMES_STACKS=name,name: the stacks (app and Pixi frames) under which these functions ran. */
	stacks: Map<string, number>;
	sampledMs: number;
};
const STACKS = (process.env.FRAMES_STACKS ?? '').split(',').filter(Boolean);
const group = (): Group => ({
	frames: 0,
	wallMs: 0,
	cpuMs: 0,
	byKind: new Map(),
	self: new Map(),
	inclusive: new Map(),
	stacks: new Map(),
	sampledMs: 0
});
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

function charge(g: Group, f: (typeof frames)[number]) {
	g.frames++;
	g.wallMs += f.jsMs;
	g.cpuMs += f.jsCpuMs;
	for (const e of jsEvents) {
		const s = Math.max(e.ts, f.from);
		const end = Math.min(e.ts + e.dur!, f.endUs);
		if (end > s) add(g.byKind, kindOf(e), (end - s) / 1000);
	}
	for (const s of samples) {
		if (s.t < f.from || s.t > f.endUs || inHarness(s.t)) continue;
		const name = byId.get(s.id)!.callFrame.functionName;
		if (name === '(idle)' || name === '(program)') continue;
		g.sampledMs += s.ms;
		add(g.self, label(s.id), s.ms);
		if (STACKS.some((n) => label(s.id).startsWith(n + ' '))) {
			const chain: string[] = [];
			for (let id: number | undefined = s.id; id !== undefined && chain.length < 8; id = parent.get(id))
				if (id === s.id || / (src|pixi\.js)\//.test(label(id))) chain.push(label(id).replace(/ .*\//, ' '));
			add(g.stacks, chain.join(' < '), s.ms);
		}
		const seen = new Set<string>();
		for (let id: number | undefined = s.id; id !== undefined; id = parent.get(id)) {
			const l = label(id);
			if (!/ src\//.test(l) || seen.has(l)) continue;
			seen.add(l);
			add(g.inclusive, l, s.ms);
		}
	}
}

const shares = (m: Map<string, number>, total: number, n: number) =>
	Object.fromEntries(
		[...m]
			.sort((a, b) => b[1] - a[1])
			.slice(0, n)
			.map(([k, v]) => [k, `${v.toFixed(1)} ms (${((100 * v) / Math.max(1e-9, total)).toFixed(0)} %)`])
	);
const all = frames.map((f) => f.jsMs);
const p95 = percentile(all, 95);
const top = frames.filter((f) => f.jsMs >= p95);
const groups = {
	firstGlide: group(),
	firstTurn: group(),
	laterGlide: group(),
	laterTurn: group(),
	topOfAll: group()
};
for (const f of frames) {
	const g =
		f.index === 0 ? (turn(f.move) ? 'firstTurn' : 'firstGlide') : turn(f.move) ? 'laterTurn' : 'laterGlide';
	charge(groups[g], f);
	if (f.jsMs >= p95) charge(groups.topOfAll, f);
}
void js;

const out = {
	renderer: RENDERER,
	cpuRate: RATE,
	moves: inside.length,
	frames: frames.length,
	p95Ms: Math.round(p95 * 100) / 100,
	p95CpuMs:
		Math.round(
			percentile(
				frames.map((f) => f.jsCpuMs),
				95
			) * 100
		) / 100,
	p50Ms: Math.round(percentile(all, 50) * 100) / 100,
	topFrames: top
		.sort((a, b) => b.jsMs - a.jsMs)
		.map((f) => {
			const g = group();
			charge(g, f);
			return `move ${f.move}${turn(f.move) ? ' (turn)' : ''} frame ${f.index}/${inside[f.move]!.length}: ${f.jsMs.toFixed(2)} ms (cpu ${f.jsCpuMs.toFixed(2)}) ${JSON.stringify(shares(g.byKind, g.wallMs, 4))} ${JSON.stringify(shares(g.self, g.sampledMs, 3))}`;
		}),
	percentiles: Object.fromEntries(
		(
			[
				['firstGlide', (f: (typeof frames)[number]) => f.index === 0 && !turn(f.move)],
				['firstTurn', (f: (typeof frames)[number]) => f.index === 0 && turn(f.move)],
				['later', (f: (typeof frames)[number]) => f.index > 0]
			] as const
		).map(([k, keep]) => {
			const xs = frames.filter(keep);
			const p = (v: number[], q: number) => Math.round(percentile(v, q) * 100) / 100;
			const wall = xs.map((f) => f.jsMs);
			const cpu = xs.map((f) => f.jsCpuMs);
			return [
				k,
				{ n: xs.length, wallP50: p(wall, 50), wallP95: p(wall, 95), cpuP50: p(cpu, 50), cpuP95: p(cpu, 95) }
			];
		})
	),
	laterCpuMsSorted: frames
		.filter((f) => f.index > 0)
		.map((f) => Math.round(f.jsCpuMs * 100) / 100)
		.sort((a, b) => b - a)
		.slice(0, 40),
	firstFramesMs: frames.filter((f) => f.index === 0).map((f) => Math.round(f.jsMs * 100) / 100),
	groups: Object.fromEntries(
		Object.entries(groups).map(([k, g]) => [
			k,
			{
				frames: g.frames,
				wallMsPerFrame: Math.round((g.wallMs / Math.max(1, g.frames)) * 100) / 100,
				cpuMsPerFrame: Math.round((g.cpuMs / Math.max(1, g.frames)) * 100) / 100,
				sampledMsPerFrame: Math.round((g.sampledMs / Math.max(1, g.frames)) * 100) / 100,
				byKind: shares(g.byKind, g.wallMs, 10),
				appInclusive: shares(g.inclusive, g.sampledMs, 30),
				self: shares(g.self, g.sampledMs, 30),
				stacks: shares(g.stacks, g.sampledMs, 12)
			}
		])
	)
};
/**
 * Frame times against the display's clock: the compositor's BeginFrame events (one per vsync) and
 * the main thread's rAF callbacks. A frame interval over 17 ms that spans one BeginFrame missed no
 * vsync (the callback started late after its BeginFrame); one that spans two did. For each late
 * callback, what the main thread was doing when its BeginFrame came.
 */
function vsync() {
	const beginFrames = events
		.filter((e) => e.name === 'BeginFrame' && e.pid === thread.pid && e.ph === 'I')
		.map((e) => e.ts)
		.sort((a, b) => a - b);
	const callbacks = onThread
		.filter((e) => e.name === 'FireAnimationFrame')
		.map((e) => e.ts)
		.sort((a, b) => a - b);
	if (!beginFrames.length) return null;
	const tasks = threadEvents.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
	const lastBefore = (xs: number[], t: number) => {
		let lo = 0;
		let hi = xs.length - 1;
		if (hi < 0 || xs[0]! > t) return -1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (xs[mid]! <= t) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	};
	const taskStarts = tasks.map((e) => e.ts);
	const intervals = (ts: number[]) =>
		ts
			.slice(1)
			.map((t, i) => (t - ts[i]!) / 1000)
			.filter((ms) => ms < 40);
	const p = (v: number[], q: number) => Math.round(percentile(v, q) * 100) / 100;
	const rafIntervals = intervals(callbacks);
	let spanningTwo = 0;
	callbacks.slice(1).forEach((t, i) => {
		const a = lastBefore(beginFrames, callbacks[i]!);
		const b = lastBefore(beginFrames, t);
		if ((t - callbacks[i]!) / 1000 < 40 && b - a > 1) spanningTwo++;
	});
	const latency = callbacks
		.map((t) => {
			const j = lastBefore(beginFrames, t);
			return j < 0 ? null : { t, bf: beginFrames[j]!, ms: (t - beginFrames[j]!) / 1000 };
		})
		.filter((x): x is { t: number; bf: number; ms: number } => !!x && x.ms < 16.7);
	const typical = percentile(
		latency.map((l) => l.ms),
		50
	);
	const causes = new Map<string, number>();
	for (const l of latency.filter((x) => x.ms > typical + 1)) {
		const i = lastBefore(taskStarts, l.bf);
		const task = i >= 0 && tasks[i]!.ts + tasks[i]!.dur! > l.bf ? tasks[i]! : null;
		let cause = 'main thread idle at BeginFrame (scheduling)';
		if (task) {
			const within = threadEvents.filter((e) => e.ts >= task.ts && e.ts < task.ts + task.dur!);
			if (within.some(isDevToolsTask)) cause = 'harness (DevTools evaluation)';
			else if (within.some((e) => e.name === 'FireAnimationFrame')) cause = 'previous frame still running';
			else
				cause = `task: ${within.find((e) => e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask')?.name ?? '?'}`;
		}
		add(causes, cause, 1);
	}
	return {
		beginFrameIntervalMs: { p50: p(intervals(beginFrames), 50), p95: p(intervals(beginFrames), 95) },
		rafIntervalMs: {
			n: rafIntervals.length,
			p50: p(rafIntervals, 50),
			p95: p(rafIntervals, 95),
			over17: rafIntervals.filter((x) => x > 17).length
		},
		intervalsSpanningTwoBeginFrames: spanningTwo,
		beginFrameToRafMs: {
			p50: p(
				latency.map((l) => l.ms),
				50
			),
			p95: p(
				latency.map((l) => l.ms),
				95
			)
		},
		lateRafCauses: Object.fromEntries(causes)
	};
}
(out as Record<string, unknown>).vsync = vsync();
const json = JSON.stringify(out, null, 1);
writeFileSync(path.join(ROOT, `bench/results/camera-frames-${RENDERER}-${RATE}x.json.tmp`), json);
console.log(json);
