/**
 * What a guided-view camera glide does per frame, in load-independent terms (issue 21): run with
 * `npx tsx bench/camera-anatomy.ts` after `npx vite build --sourcemap` (BENCH_PORT as the bench).
 *
 * 1. Counts, per frame of the glides (moves that stay on one page): the calls the reader's canvas
 *    receives (2D context methods on the canvas renderer, WebGL calls on WebGL), counted by
 *    wrapping the prototypes in the page. These do not depend on the machine's load.
 * 2. A V8 CPU profile (1× CPU unless ANATOMY_CPU_RATE says otherwise) of the same moves, with each sample charged to a glide frame when its
 *    stack runs the reader's frame callback (`tick` in src/lib/state/reader.svelte.ts): self time by
 *    function and by Pixi area, as shares of the glide frames' JavaScript. Shares, not times: under
 *    load the times stretch, the shares much less.
 *
 * The counting run and the profiled run are separate browsers' pages, so the wrappers' own cost is
 * not in the profile.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { launchBrowser, newContext, throttle } from './lib/browser';
import { originalOf, startProfile, type CpuProfile } from './lib/profile';
import { ensureGuided, readerPath, readerState, waitReaderReady, waitSettled } from './lib/reader';
import { comicsRootForBench, ROOT, startServer } from './lib/server';

const PORT = Number(process.env.BENCH_PORT ?? 4180);
const SLUG = process.env.BENCH_COMIC ?? 'awa-et-le-cgs';
const MOVES = Number(process.env.ANATOMY_MOVES ?? 12);
/**
 * CPU slowdown of the profiled run. 1 by default: Chromium throttles by pausing the thread at
 * JavaScript's interrupt checks, so at 4× the pauses are charged to whichever JS function checked
 * (small app functions looked large) and native calls look smaller than they are.
 */
const PROFILE_CPU_RATE = Number(process.env.ANATOMY_CPU_RATE ?? 1);
const RENDERERS = (process.env.ANATOMY_RENDERERS ?? 'canvas,webgl').split(',') as ('canvas' | 'webgl')[];

/**
 * Installed before the app: counts the reader canvas's calls and the animation frames run. A string,
 * not a function: tsx wraps named inner functions in a `__name` helper the page does not have.
 */
const COUNT_CALLS = `(() => {
	const w = window;
	w.__calls = {};
	w.__frames = 0;
	const request = window.requestAnimationFrame.bind(window);
	window.requestAnimationFrame = (callback) => { w.__calls['window.requestAnimationFrame'] = (w.__calls['window.requestAnimationFrame'] || 0) + 1; return request((time) => { w.__frames++; callback(time); }); };
	for (const name of ['cancelAnimationFrame', 'setTimeout', 'queueMicrotask']) {
		const original = window[name].bind(window);
		window[name] = (...args) => { w.__calls['window.' + name] = (w.__calls['window.' + name] || 0) + 1; return original(...args); };
	}
	// Only the reader's canvas (in the document); Pixi's text and measuring canvases are not.
	const count = (self, key) => { if (self.canvas && self.canvas.isConnected) w.__calls[key] = (w.__calls[key] || 0) + 1; };
	for (const [proto, prefix] of [[CanvasRenderingContext2D.prototype, '2d'], [WebGL2RenderingContext.prototype, 'gl'], [WebGLRenderingContext.prototype, 'gl']]) {
		for (const name of Object.getOwnPropertyNames(proto)) {
			const d = Object.getOwnPropertyDescriptor(proto, name);
			if (!d || name === 'constructor' || name === 'canvas') continue;
			if (typeof d.value === 'function') {
				const original = d.value;
				Object.defineProperty(proto, name, { ...d, value: function (...args) { count(this, prefix + '.' + name); return original.apply(this, args); } });
			} else if (d.set) {
				const set = d.set;
				Object.defineProperty(proto, name, { ...d, set: function (value) { count(this, prefix + '.' + name + '='); set.call(this, value); } });
			}
		}
	}
})();`;

/** Moves next (then back) within the first page: `MOVES` glides, none of them turning the page. */
async function glides(page: Page, each: (direction: 'next' | 'prev') => Promise<void>) {
	const start = await readerState(page);
	let direction: 'next' | 'prev' = 'next';
	for (let i = 0; i < MOVES; i++) {
		const before = await readerState(page);
		await each(direction);
		const after = await waitSettled(page, before.panelId);
		if (after.page !== start.page) throw new Error('a glide turned the page; use a comic with more panels');
		// Back and forth between the page's first panels, so that no move turns the page.
		if (after.panel >= 3) direction = 'prev';
		else if (after.panel <= 1) direction = 'next';
		await new Promise((r) => setTimeout(r, 150));
	}
}

async function openReader(baseUrl: string, renderer: 'canvas' | 'webgl', page: Page) {
	await page.goto(`${baseUrl}${readerPath(SLUG, renderer)}`);
	await waitReaderReady(page);
	await ensureGuided(page);
	// Start from the page's first panel (panels count from 1).
	for (let i = 0; i < 6 && (await readerState(page)).panel > 1; i++) {
		const before = await readerState(page);
		await page.keyboard.press('ArrowLeft');
		await waitSettled(page, before.panelId);
	}
	await new Promise((r) => setTimeout(r, 500));
}

const press = (page: Page) => (direction: 'next' | 'prev') =>
	page.keyboard.press(direction === 'next' ? 'ArrowRight' : 'ArrowLeft');

async function countRun(baseUrl: string, renderer: 'canvas' | 'webgl') {
	const browser = await launchBrowser();
	try {
		const context = await newContext(browser);
		await context.addInitScript(COUNT_CALLS);
		const page = await context.newPage();
		await openReader(baseUrl, renderer, page);
		const read = () =>
			page.evaluate(() => {
				const w = window as unknown as { __calls: Record<string, number>; __frames: number };
				return { calls: { ...w.__calls }, frames: w.__frames };
			});
		const before = await read();
		await glides(page, press(page));
		const after = await read();
		const frames = after.frames - before.frames;
		const perFrame: Record<string, number> = {};
		for (const [k, v] of Object.entries(after.calls)) {
			const n = v - (before.calls[k] ?? 0);
			if (n > 0) perFrame[k] = Math.round((n / frames) * 10) / 10;
		}
		const sorted = Object.fromEntries(Object.entries(perFrame).sort((a, b) => b[1] - a[1]));
		const total = Object.values(perFrame).reduce((a, b) => a + b, 0);
		return { renderer, moves: MOVES, frames, callsPerFrame: Math.round(total * 10) / 10, byCall: sorted };
	} finally {
		await browser.close();
	}
}

/** Pixi areas by file path, for a coarse breakdown. */
function area(source: string): string {
	if (!source.startsWith('pixi.js/')) return source.startsWith('src/') ? 'app' : 'other';
	const p = source.replace('pixi.js/lib/', '');
	if (/graphics\/canvas/.test(p)) return 'pixi: graphics paths replayed (canvas)';
	if (/text\//.test(p)) return 'pixi: text';
	if (/graphics\//.test(p)) return 'pixi: graphics';
	if (/renderers\/canvas|batcher\/canvas|sprite\/.*canvas|canvasUtils/.test(p))
		return 'pixi: canvas renderer';
	if (/renderers\/gl/.test(p)) return 'pixi: webgl renderer';
	if (/batcher/.test(p)) return 'pixi: batcher';
	if (
		/scene\/container|RenderGroup|renderGroup|updateRenderGroupTransforms|validateRenderables|collectRenderables/.test(
			p
		)
	)
		return 'pixi: scene graph (transforms, render groups)';
	if (/maths\//.test(p)) return 'pixi: maths';
	return 'pixi: other';
}

async function profileRun(baseUrl: string, renderer: 'canvas' | 'webgl') {
	const browser = await launchBrowser();
	try {
		const context = await newContext(browser);
		const page = await context.newPage();
		await openReader(baseUrl, renderer, page);
		if (PROFILE_CPU_RATE !== 1) await throttle(page, PROFILE_CPU_RATE);
		const stop = await startProfile(page, 100);
		await glides(page, press(page));
		const profile: CpuProfile = await stop();
		const parent = new Map<number, number>();
		for (const node of profile.nodes as (CpuProfile['nodes'][number] & { children?: number[] })[])
			for (const child of node.children ?? []) parent.set(child, node.id);
		const byId = new Map(profile.nodes.map((n) => [n.id, n]));
		const where = new Map<number, ReturnType<typeof original>>();
		const at = (id: number) => {
			if (!where.has(id)) {
				const f = byId.get(id)!.callFrame;
				where.set(id, f.url ? originalOf(f.url, f.lineNumber, f.columnNumber) : null);
			}
			return where.get(id)!;
		};
		// The frame callback: the arrow function `tick` of the reader's state, found by its lines.
		const stateLines = readFileSync(path.join(ROOT, 'src/lib/state/reader.svelte.ts'), 'utf8').split('\n');
		const tickFirst = stateLines.findIndex((l) => /readonly tick = \(\) =>/.test(l)) + 1;
		const tickLast = tickFirst + stateLines.slice(tickFirst).findIndex((l) => /^\t};/.test(l)) + 1;
		if (tickFirst <= 0) throw new Error('tick not found in src/lib/state/reader.svelte.ts');
		const isTick = (id: number) => {
			const o = at(id);
			return !!o && o.source.endsWith('state/reader.svelte.ts') && o.line >= tickFirst && o.line <= tickLast;
		};
		const inTick = new Map<number, boolean>();
		const underTick = (id: number): boolean => {
			if (inTick.has(id)) return inTick.get(id)!;
			const p = parent.get(id);
			const v = isTick(id) || (p !== undefined && underTick(p));
			inTick.set(id, v);
			return v;
		};
		let glideMs = 0;
		let busyMs = 0;
		let gcMs = 0;
		const fns = new Map<string, number>();
		const areas = new Map<string, number>();
		// Frames: runs of samples in the frame callback, told apart by a sample outside it.
		let frames = 0;
		let inFrame = false;
		profile.samples.forEach((id, i) => {
			const f = byId.get(id)!.callFrame;
			const ms = (profile.timeDeltas[i] ?? 0) / 1000;
			const ticking = underTick(id);
			if (ticking && !inFrame) frames++;
			inFrame = ticking;
			if (f.functionName === '(idle)' || f.functionName === '(program)') return;
			busyMs += ms;
			if (f.functionName === '(garbage collector)') gcMs += ms;
			if (!underTick(id)) return;
			glideMs += ms;
			const o = at(id);
			const key = o
				? `${o.name ?? f.functionName ?? '?'} ${o.source}:${o.line}`
				: `${f.functionName} (native)`;
			fns.set(key, (fns.get(key) ?? 0) + ms);
			const a = o ? area(o.source) : 'native (canvas/GL calls, builtins)';
			areas.set(a, (areas.get(a) ?? 0) + ms);
		});
		const share = (m: Map<string, number>, n: number) =>
			Object.fromEntries(
				[...m]
					.sort((a, b) => b[1] - a[1])
					.slice(0, n)
					.map(([k, v]) => [k, `${((100 * v) / glideMs).toFixed(1)} %`])
			);
		return {
			renderer,
			cpuRate: PROFILE_CPU_RATE,
			sampledMs: { busy: Math.round(busyMs), glideFrames: Math.round(glideMs), gcAnywhere: Math.round(gcMs) },
			// Load-dependent (wall-clock sampling): compare only runs taken side by side.
			framesSampled: frames,
			sampledMsPerFrame: Math.round((glideMs / Math.max(1, frames)) * 1000) / 1000,
			byArea: share(areas, 20),
			byFunction: share(fns, 30)
		};
	} finally {
		await browser.close();
	}
}

async function main() {
	const server = await startServer(PORT, comicsRootForBench());
	try {
		for (const renderer of RENDERERS) {
			if (process.env.ANATOMY_SKIP_COUNT !== '1')
				console.log(JSON.stringify(await countRun(server.baseUrl, renderer), null, 1));
			if (process.env.ANATOMY_SKIP_PROFILE !== '1')
				console.log(JSON.stringify(await profileRun(server.baseUrl, renderer), null, 1));
		}
	} finally {
		server.stop();
	}
}

await main();
