import { describe, expect, it } from 'vitest';
import type { TraceEvent } from './bench-stats';
import { mainThreadBreakdown, phaseBreakdown, threadCpuMs, timeKind } from './bench-stats-breakdown';

const T = { pid: 1, tid: 2 };
const x = (name: string, ts: number, dur: number, thread = T): TraceEvent => ({
	name,
	ph: 'X',
	ts,
	dur,
	...thread
});

describe('mainThreadBreakdown', () => {
	it('charges each event its self time and the gaps as idle', () => {
		// 0–10 ms: a task running a script (2 ms compile inside 8 ms of evaluation), then 10 ms idle,
		// then 5 ms of layout.
		const events = [
			x('RunTask', 0, 10_000),
			x('EvaluateScript', 1000, 8000),
			x('v8.compile', 2000, 2000),
			x('Layout', 20_000, 5000)
		];
		const b = mainThreadBreakdown(events, T, 0, 25_000);
		expect(b).toMatchObject({ otherTask: 2, scriptRun: 6, scriptCompile: 2, styleLayout: 5, idle: 10 });
		const total = Object.values(b).reduce((a, v) => a + v, 0);
		expect(total).toBeCloseTo(25);
	});

	it('clips events to the window and ignores other threads and unknown names', () => {
		const events = [
			x('FunctionCall', -5000, 10_000),
			x('FunctionCall', 0, 50_000, { pid: 1, tid: 9 }),
			x('SomethingElse', 6000, 1000),
			x('MinorGC', 8000, 1000)
		];
		const b = mainThreadBreakdown(events, T, 0, 10_000);
		expect(b).toMatchObject({ scriptRun: 5, gc: 1, idle: 4 });
	});

	it('is all idle with no event, and empty for an empty window', () => {
		expect(mainThreadBreakdown([], T, 0, 3000).idle).toBe(3);
		expect(mainThreadBreakdown([], T, 5, 5).idle).toBe(0);
	});

	it('cuts a child that outlasts its parent at the parent end', () => {
		const b = mainThreadBreakdown([x('RunTask', 0, 4000), x('FunctionCall', 2000, 6000)], T, 0, 10_000);
		expect(b).toMatchObject({ otherTask: 2, scriptRun: 2, idle: 6 });
	});
});

describe('timeKind', () => {
	it('knows the timeline events of a cold start', () => {
		expect(timeKind('v8.compileModule')).toBe('scriptCompile');
		expect(timeKind('MajorGC')).toBe('gc');
		expect(timeKind('Decode Image')).toBe('imageDecode');
		expect(timeKind('nope')).toBeNull();
	});
});

describe('phaseBreakdown', () => {
	it('cuts the window at the marks inside it and charges each stretch its own time', () => {
		// 0–30 ms: 10 ms of script, a mark at 10 ms, 5 ms idle then 5 ms layout, a mark at 20 ms,
		// 10 ms of paint up to the end; a mark before the window is ignored.
		const events = [x('FunctionCall', 0, 10_000), x('Layout', 15_000, 5000), x('Paint', 20_000, 10_000)];
		const phases = phaseBreakdown(
			events,
			T,
			0,
			30_000,
			[
				{ name: 'b', ts: 20_000 },
				{ name: 'a', ts: 10_000 },
				{ name: 'before', ts: -1 }
			],
			'end'
		);
		expect(phases.map((p) => [p.until, p.fromMs, p.toMs, p.busyMs])).toEqual([
			['a', 0, 10, 10],
			['b', 10, 20, 5],
			['end', 20, 30, 10]
		]);
		expect(phases[1]!.byKind).toMatchObject({ styleLayout: 5, idle: 5 });
	});
});

describe('threadCpuMs', () => {
	it('sums the thread time of the outermost events, in proportion to their part in the window', () => {
		const withCpu = (name: string, ts: number, dur: number, tdur: number): TraceEvent => ({
			...x(name, ts, dur),
			tdur
		});
		const events = [
			// Half of it in the window: 2 of its 4 ms of CPU count.
			withCpu('RunTask', -10_000, 20_000, 4000),
			// Nested in the previous one: not counted again.
			withCpu('FunctionCall', 1000, 2000, 2000),
			// Wholly inside: 3 ms of CPU over 12 ms of wall (the thread was paused or descheduled).
			withCpu('RunTask', 15_000, 12_000, 3000),
			// Another thread.
			{ ...withCpu('RunTask', 0, 10_000, 10_000), tid: 9 },
			// No thread time recorded.
			x('RunTask', 30_000, 1000)
		];
		expect(threadCpuMs(events, T, 0, 40_000)).toBe(5);
	});
});
