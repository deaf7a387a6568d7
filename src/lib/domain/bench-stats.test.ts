import { describe, expect, it } from 'vitest';
import {
	formatTable,
	appJs,
	framesFromTrace,
	isDevToolsTask,
	jsWithin,
	keyDownTimes,
	markTimes,
	pageMainThread,
	partitionFrames,
	startAtFirst,
	windowsFromMarks,
	outermostJs,
	type TraceEvent,
	kilobytes,
	median,
	packBytesPerPage,
	percentile,
	summarize,
	verdict
} from './bench-stats';

describe('percentile', () => {
	it.each([
		{ values: [5], p: 95, expected: 5 },
		{ values: [1, 2, 3, 4, 5], p: 50, expected: 3 },
		{ values: [4, 1, 3, 2], p: 50, expected: 2.5 },
		{ values: [1, 2, 3, 4, 5], p: 0, expected: 1 },
		{ values: [1, 2, 3, 4, 5], p: 100, expected: 5 },
		{ values: [1, 2, 3, 4, 5], p: 95, expected: 4.8 },
		{ values: Array.from({ length: 101 }, (_, i) => i), p: 95, expected: 95 },
		{ values: [10, 10, 10, 40], p: 95, expected: 35.5 }
	])('p$p of $values is $expected', ({ values, p, expected }) => {
		expect(percentile(values, p)).toBeCloseTo(expected, 10);
	});

	it('does not reorder its input', () => {
		const values = [3, 1, 2];
		percentile(values, 50);
		expect(values).toEqual([3, 1, 2]);
	});

	it.each([
		{ values: [], p: 50 },
		{ values: [1], p: -1 },
		{ values: [1], p: 101 },
		{ values: [1], p: Number.NaN }
	])('refuses $values at p$p', ({ values, p }) => {
		expect(() => percentile(values, p)).toThrow(RangeError);
	});

	it('median is p50', () => {
		expect(median([9, 1, 5])).toBe(5);
	});
});

describe('summarize', () => {
	it('gives n, min, p50, p95, max and mean', () => {
		const s = summarize([2, 4, 6, 8]);
		expect({ ...s, p95: Number(s.p95.toFixed(6)) }).toEqual({
			n: 4,
			min: 2,
			p50: 5,
			p95: 7.7,
			max: 8,
			mean: 5
		});
	});
	it('refuses an empty series', () => {
		expect(() => summarize([])).toThrow(RangeError);
	});
});

describe('verdict', () => {
	it.each([
		{ value: 50, budget: { max: 60, unit: 'KB' }, expected: 'within' },
		{ value: 60, budget: { max: 60, unit: 'KB' }, expected: 'within' },
		{ value: 60.1, budget: { max: 60, unit: 'KB' }, expected: 'over' },
		{ value: 3, budget: null, expected: 'no budget' },
		{ value: null, budget: { max: 60, unit: 'KB' }, expected: 'not measured' }
	])('$value against $budget is $expected', ({ value, budget, expected }) => {
		expect(verdict(value, budget)).toBe(expected);
	});
});

describe('kilobytes', () => {
	it.each([
		{ bytes: 0, expected: 0 },
		{ bytes: 1024, expected: 1 },
		{ bytes: 1536, expected: 1.5 },
		{ bytes: 61_440, expected: 60 },
		{ bytes: 1000, expected: 1 }
	])('$bytes bytes is $expected KB', ({ bytes, expected }) => {
		expect(kilobytes(bytes)).toBe(expected);
	});
});

describe('packBytesPerPage', () => {
	it('adds each language audio to all the art and divides by the pages', () => {
		expect(packBytesPerPage('c', 2, 200_000, { fr: 100_000, bm: 0 })).toEqual([
			{ comic: 'c', language: 'bm', pages: 2, artBytes: 200_000, audioBytes: 0, bytesPerPage: 100_000 },
			{ comic: 'c', language: 'fr', pages: 2, artBytes: 200_000, audioBytes: 100_000, bytesPerPage: 150_000 }
		]);
	});
	it('rounds to whole bytes', () => {
		expect(packBytesPerPage('c', 3, 100, { fr: 0 })[0]!.bytesPerPage).toBe(33);
	});
	it('refuses a comic without pages', () => {
		expect(() => packBytesPerPage('c', 0, 0, { fr: 0 })).toThrow(RangeError);
	});
});

describe('formatTable', () => {
	it('aligns the columns under a header and a rule', () => {
		const table = formatTable([
			{ label: 'library JS', value: '30 KB', budget: '≤ 60 KB', verdict: 'within' },
			{ label: 'x', value: 'null', budget: '', verdict: 'not measured' }
		]);
		expect(table.split('\n')).toEqual([
			'| figure     | measured | budget  | verdict      |',
			'| ---------- | -------- | ------- | ------------ |',
			'| library JS | 30 KB    | ≤ 60 KB | within       |',
			'| x          | null     |         | not measured |'
		]);
	});
});

describe('outermostJs', () => {
	const E = (name: string, ts: number, dur: number, tdur?: number): TraceEvent => ({
		name,
		ph: 'X',
		ts,
		dur,
		tdur,
		pid: 1,
		tid: 1
	});
	it.each([
		{ name: 'nothing', events: [], expected: [] },
		{ name: 'not JavaScript', events: [E('Paint', 0, 10)], expected: [] },
		{
			name: 'disjoint',
			events: [E('FunctionCall', 20, 5), E('TimerFire', 0, 10)],
			expected: [
				[0, 10, 1],
				[20, 25, 1]
			]
		},
		{
			name: 'nested counted once',
			events: [E('EventDispatch', 0, 10), E('FunctionCall', 2, 3)],
			expected: [[0, 10, 1]]
		},
		{
			name: 'a partly overlapping event adds its tail',
			events: [E('FunctionCall', 0, 10), E('RunMicrotasks', 5, 10)],
			expected: [
				[0, 10, 1],
				[10, 15, 1]
			]
		},
		{
			name: 'same start: the longer is the parent',
			events: [E('FunctionCall', 0, 3), E('FireAnimationFrame', 0, 8)],
			expected: [[0, 8, 1]]
		},
		{ name: 'CPU share from thread time', events: [E('FunctionCall', 0, 8, 2)], expected: [[0, 8, 0.25]] }
	] as { name: string; events: TraceEvent[]; expected: [number, number, number][] }[])(
		'$name',
		({ events, expected }) => {
			expect(outermostJs(events)).toEqual(expected);
		}
	);
});

const M = (pid: number, tid: number, name: string): TraceEvent => ({
	name: 'thread_name',
	ph: 'M',
	ts: 0,
	pid,
	tid,
	args: { name }
});
const X = (name: string, ts: number, dur: number, tid = 1, tdur?: number): TraceEvent => ({
	name,
	ph: 'X',
	ts,
	dur,
	tdur,
	pid: 9,
	tid
});

describe('pageMainThread', () => {
	it('picks the renderer main thread with the most animation frames', () => {
		const events = [
			M(9, 1, 'CrRendererMain'),
			M(9, 2, 'Compositor'),
			M(7, 3, 'CrRendererMain'),
			X('FireAnimationFrame', 0, 1),
			X('FireAnimationFrame', 20, 1),
			X('FireAnimationFrame', 0, 1, 2),
			X('FireAnimationFrame', 0, 1, 2),
			X('FireAnimationFrame', 0, 1, 2),
			{ ...X('FireAnimationFrame', 0, 1, 3), pid: 7 }
		];
		expect(pageMainThread(events)).toEqual({ pid: 9, tid: 1 });
	});
	it('is null without animation frames', () => {
		expect(pageMainThread([M(9, 1, 'CrRendererMain'), X('FunctionCall', 0, 5)])).toBeNull();
	});
});

describe('framesFromTrace', () => {
	const thread = { pid: 9, tid: 1 };
	it('charges each frame the JavaScript since the previous frame task, nested events once', () => {
		const events = [
			// key press: 1 ms of listener with a nested call
			X('RunTask', 0, 1500),
			X('EventDispatch', 100, 1000),
			X('FunctionCall', 200, 500),
			// frame 1: two rAF callbacks (2 ms + 1 ms) in one task, plus non-JS work (paint)
			X('RunTask', 16_000, 6000),
			X('FireAnimationFrame', 16_100, 2000),
			X('FireAnimationFrame', 18_200, 1000),
			// a timer between frames: 0.5 ms
			X('RunTask', 25_000, 600),
			X('TimerFire', 25_000, 500),
			// frame 2: one callback of 3 ms
			X('RunTask', 33_000, 4000),
			X('FireAnimationFrame', 33_000, 3000, 1, 1500),
			// another thread's work is ignored
			X('FunctionCall', 33_000, 9000, 2)
		];
		expect(framesFromTrace(events, thread)).toEqual([
			{ startUs: 16_000, endUs: 22_000, jsMs: 4, jsCpuMs: 4 },
			// The 3 ms callback ran 1.5 ms on a CPU (the thread waited the rest).
			{ startUs: 33_000, endUs: 37_000, jsMs: 3.5, jsCpuMs: 2 }
		]);
	});
	it('falls back to the callbacks themselves without RunTask events', () => {
		const events = [X('FireAnimationFrame', 0, 2000), X('FireAnimationFrame', 16_000, 1000)];
		expect(framesFromTrace(events, thread)).toEqual([
			{ startUs: 0, endUs: 2000, jsMs: 2, jsCpuMs: 2 },
			{ startUs: 16_000, endUs: 17_000, jsMs: 1, jsCpuMs: 1 }
		]);
	});
	it("does not charge the JavaScript of the harness's DevTools messages, but does charge input it sends", () => {
		const devtools = (ts: number, dur: number): TraceEvent => ({
			...X('Receive mojo message', ts, dur),
			args: { chrome_mojo_event_info: { mojo_interface_tag: 'blink.mojom.DevToolsSession' } }
		});
		const network = (ts: number, dur: number): TraceEvent => ({
			...X('Receive mojo message', ts, dur),
			args: { chrome_mojo_event_info: { mojo_interface_tag: 'network.mojom.URLLoaderClient' } }
		});
		const events = [
			// The harness evaluates in the page (a poll): 1 ms of microtasks, not the app's.
			X('RunTask', 0, 1200),
			devtools(0, 1200),
			X('RunMicrotasks', 100, 1000),
			// A fetch answer resumes the app's code: 0.5 ms, the app's.
			X('RunTask', 2000, 600),
			network(2000, 600),
			X('RunMicrotasks', 2050, 500),
			// The key press the harness sends arrives as an input task: 2 ms, the app's.
			X('RunTask', 3000, 2100),
			X('EventDispatch', 3000, 2000),
			X('RunTask', 16_000, 1000),
			X('FireAnimationFrame', 16_000, 1000)
		];
		expect(framesFromTrace(events, thread)).toEqual([
			{ startUs: 16_000, endUs: 17_000, jsMs: 3.5, jsCpuMs: 3.5 }
		]);
		expect(isDevToolsTask(events[1]!)).toBe(true);
		expect(isDevToolsTask(events[4]!)).toBe(false);
	});
	it('charges the first frame after a move start only the JavaScript from that start on', () => {
		const events = [
			// idle-time work (a decode finishing): 2 ms, before the key press
			X('RunTask', 0, 2000),
			X('RunMicrotasks', 0, 2000),
			// the key press at 10 ms: 1 ms
			X('RunTask', 10_000, 1000),
			X('EventDispatch', 10_000, 1000),
			X('RunTask', 16_000, 1000),
			X('FireAnimationFrame', 16_000, 1000),
			// between two frames of the move: 0.5 ms, charged to the next one
			X('RunTask', 20_000, 500),
			X('TimerFire', 20_000, 500),
			X('RunTask', 33_000, 1000),
			X('FireAnimationFrame', 33_000, 1000)
		];
		expect(framesFromTrace(events, thread, [10_000])).toEqual([
			{ startUs: 16_000, endUs: 17_000, jsMs: 2, jsCpuMs: 2 },
			{ startUs: 33_000, endUs: 34_000, jsMs: 1.5, jsCpuMs: 1.5 }
		]);
		// Without move starts, the idle-time work lands on the first frame.
		expect(framesFromTrace(events, thread)[0]!.jsMs).toBe(4);
		// It is still counted, apart: the JavaScript before the key press.
		expect(jsWithin(appJs(events, thread), 0, 10_000)).toBe(2);
	});
	it('has no frames when nothing was animated', () => {
		expect(framesFromTrace([X('RunTask', 0, 100), X('FunctionCall', 0, 50)], thread)).toEqual([]);
	});
});

describe('markTimes', () => {
	it('finds the user-timing marks of one name, in time order', () => {
		const mark = (name: string, ts: number, ph = 'R'): TraceEvent => ({ name, ph, ts, pid: 1, tid: 1 });
		expect(
			markTimes([mark('a', 30), mark('b', 10), mark('a', 20, 'I'), mark('a', 5, 'X'), mark('a', 1, 'n')], 'a')
		).toEqual([1, 20, 30]);
	});
});

describe('keyDownTimes', () => {
	it("finds the key presses dispatched on the page's main thread only", () => {
		const dispatch = (type: string, ts: number, tid = 1): TraceEvent => ({
			name: 'EventDispatch',
			ph: 'X',
			ts,
			dur: 1,
			pid: 1,
			tid,
			args: { data: { type } }
		});
		const events = [
			dispatch('keydown', 10),
			dispatch('keyup', 12),
			dispatch('keydown', 30, 2),
			dispatch('keydown', 40)
		];
		expect(keyDownTimes(events, { pid: 1, tid: 1 })).toEqual([10, 40]);
	});
});

describe('windowsFromMarks', () => {
	it.each([
		{
			name: 'pairs',
			starts: [0, 100],
			ends: [50, 150],
			expected: [
				[0, 50],
				[100, 150]
			]
		},
		{ name: 'a start without end', starts: [0, 100], ends: [50], expected: [[0, 50]] },
		{ name: 'an end before any start is ignored', starts: [10], ends: [5, 20], expected: [[10, 20]] },
		{ name: 'nothing', starts: [], ends: [5], expected: [] }
	])('$name', ({ starts, ends, expected }) => {
		expect(windowsFromMarks(starts, ends)).toEqual(expected);
	});
});

describe('partitionFrames', () => {
	it('puts each frame in its window, or outside', () => {
		const f = (startUs: number) => ({ startUs, endUs: startUs + 1000, jsMs: 1, jsCpuMs: 1 });
		expect(
			partitionFrames(
				[f(0), f(10), f(20), f(35), f(50)],
				[
					[5, 20],
					[30, 40]
				]
			)
		).toEqual({
			inside: [[f(10), f(20)], [f(35)]],
			outside: [f(0), f(50)]
		});
	});
});

describe('startAtFirst', () => {
	it.each([
		{
			name: 'moves to the first time inside',
			windows: [[0, 100]],
			times: [150, 40, 20],
			expected: [[20, 100]]
		},
		{ name: 'keeps a window without one', windows: [[0, 100]], times: [150], expected: [[0, 100]] },
		{
			name: 'each window on its own',
			windows: [
				[0, 10],
				[20, 30]
			],
			times: [5, 25, 26],
			expected: [
				[5, 10],
				[25, 30]
			]
		}
	] as { name: string; windows: [number, number][]; times: number[]; expected: [number, number][] }[])(
		'$name',
		({ windows, times, expected }) => {
			expect(startAtFirst(windows, times)).toEqual(expected);
		}
	);
});
