/**
 * V8 sampling CPU profiles of the page (DevTools protocol `Profiler`), summarised as JavaScript
 * self time by script and by function. Where the build has source maps (`vite build` with
 * `build.sourcemap`), functions are named by their source file and line; otherwise by chunk.
 * The harness's own JavaScript (Playwright's injected script) shows up as functions with no
 * source map in a chunk, e.g. `previewNode`, `querySelectorAll`: not the app's.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { SourceMapConsumer } from 'source-map-js';
import { ROOT } from './server';

export interface CpuProfile {
	nodes: {
		id: number;
		callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	}[];
	samples: number[];
	timeDeltas: number[];
	/** When sampling started, µs on the same clock as the Chrome trace's `ts`. */
	startTime?: number;
}

/** A time window on the trace's clock (µs), e.g. from the tap to the first panel. */
export interface ProfileWindow {
	fromUs: number;
	toUs: number;
}

export interface ProfileSummary {
	/** Sampled ms that were JavaScript, GC or native calls from it (not idle, not "(program)"). */
	busyMs: number;
	byScript: Record<string, number>;
	byFunction: Record<string, number>;
	/**
	 * Self time by source module (a source file of the app, or a package under node_modules), from
	 * the build's source maps; by chunk where there are none. Top 20.
	 */
	bySource: Record<string, number>;
}

/** Starts sampling every `intervalUs` µs; stop with the returned function. */
export async function startProfile(page: Page, intervalUs = 200): Promise<() => Promise<CpuProfile>> {
	const cdp: CDPSession = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
	await cdp.send('Profiler.start');
	return async () => ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile;
}

/** Each profile node's caller (CDP gives the callees of each node, `children`), by node id. */
export function callersOf(profile: CpuProfile): Map<number, number> {
	const parent = new Map<number, number>();
	for (const node of profile.nodes as Array<CpuProfile['nodes'][number] & { children?: number[] }>)
		for (const child of node.children ?? []) parent.set(child, node.id);
	return parent;
}

const maps = new Map<string, SourceMapConsumer | null>();

/**
 * The original position (from the build's source maps) of a position in a served chunk, or null:
 * the source file (paths under node_modules/ and src/ shortened), line and name.
 */
export function originalOf(
	url: string,
	line: number,
	column: number
): { source: string; line: number; name: string | null } | null {
	let pathname: string;
	try {
		pathname = new URL(url).pathname;
	} catch {
		return null;
	}
	// V8 gives line -1 for frames it cannot place (e.g. a module's top level before it ran).
	if (line < 0) return null;
	const file = path.join(ROOT, 'build/client', pathname);
	if (!maps.has(file))
		maps.set(
			file,
			existsSync(`${file}.map`)
				? new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, 'utf8')))
				: null
		);
	const pos = maps.get(file)?.originalPositionFor({ line: line + 1, column });
	if (!pos?.source) return null;
	return {
		source: pos.source.replace(/.*node_modules\//, '').replace(/.*\/src\//, 'src/'),
		line: pos.line,
		name: pos.name
	};
}

/** The source file and line (from the build's source maps) of a position in a served chunk, or null. */
export function sourceOf(url: string, line: number, column: number): string | null {
	const pos = originalOf(url, line, column);
	return pos ? `${pos.source}:${pos.line}` : null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function top(totals: Map<string, number>, n: number): Record<string, number> {
	return Object.fromEntries(
		[...totals]
			.sort((a, b) => b[1] - a[1])
			.slice(0, n)
			.map(([k, ms]) => [k, round1(ms)])
	);
}

/**
 * Self time by script (top 12) and by function (top `functions`), idle and "(program)" left out;
 * only the samples taken within `window` when one is given (and the profile has its start time).
 */
export function summarizeProfile(
	profile: CpuProfile,
	functions = 25,
	window?: ProfileWindow
): ProfileSummary {
	const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
	const scripts = new Map<string, number>();
	const fns = new Map<string, number>();
	const sources = new Map<string, number>();
	let busy = 0;
	let sampledAtUs = profile.startTime ?? 0;
	profile.samples.forEach((id, i) => {
		// A sample's time is the profile's start plus the deltas so far (CDP Profiler.Profile).
		sampledAtUs += profile.timeDeltas[i] ?? 0;
		if (
			window &&
			profile.startTime !== undefined &&
			(sampledAtUs < window.fromUs || sampledAtUs > window.toUs)
		)
			return;
		const frame = byId.get(id);
		if (!frame || frame.functionName === '(idle)' || frame.functionName === '(program)') return;
		const ms = (profile.timeDeltas[i] ?? 0) / 1000;
		busy += ms;
		const script = frame.url ? frame.url.replace(/^https?:\/\/[^/]+/, '') : '(native)';
		scripts.set(script, (scripts.get(script) ?? 0) + ms);
		const at = frame.url ? (sourceOf(frame.url, frame.lineNumber, frame.columnNumber) ?? script) : '(native)';
		const key = `${frame.functionName || '(anonymous)'} ${at}`;
		fns.set(key, (fns.get(key) ?? 0) + ms);
		const module = at.replace(/:\d+$/, '');
		sources.set(module, (sources.get(module) ?? 0) + ms);
	});
	return {
		busyMs: round1(busy),
		byScript: top(scripts, 12),
		byFunction: top(fns, functions),
		bySource: top(sources, 20)
	};
}
