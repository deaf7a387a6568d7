import { describe, expect, it } from 'vitest';
import type { TraceEvent } from './bench-stats';
import { mainThreadBreakdown, timeKind } from './bench-stats-breakdown';

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
