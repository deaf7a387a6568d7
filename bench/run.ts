/**
 * `npm run bench`: measures the budgets of DESIGN.md §6 on the production build in headless
 * Chromium, writes bench/results/latest.json and prints each figure beside its budget.
 *
 * A figure over budget is reported, never fatal; the exit code is non-zero only when something
 * could not be measured at all (then the figure is null with the reason). Environment:
 * BENCH_PORT (default 4208), BENCH_RUNS (cold-start runs, default 7), BENCH_MOVES (default 20),
 * BENCH_COMIC (slug; default the comic with the most panels), BENCH_SKIP_BUILD=1 (reuse build/),
 * BENCH_TAP_WAIT_MS (how long the library is shown before the cold start's tap; default 0),
 * BENCH_KEEP_TRACES=1 (keep the camera traces as bench/results/trace-*.json.tmp for DevTools),
 * BENCH_ONLY=prefix[,prefix] (run only the measures with a figure id starting with one of the
 * prefixes, e.g. `BENCH_ONLY=print,live`; the figures then go to bench/results/only-<prefixes>.json,
 * so a partial run never replaces latest.json).
 * Timing figures of the reader (cold start, camera) are taken in rounds (bench/lib/rounds.ts:
 * BENCH_ROUNDS ≥ 3, BENCH_MAX_LOAD_PER_CORE, BENCH_ALLOW_LOAD=1, BENCH_LOAD_WAIT_SEC): median of the
 * accepted rounds, their spread, the load before and after each; a round under load is refused.
 * The cold start's details hold a breakdown of one extra traced run (main-thread time by kind, a
 * V8 CPU profile); BENCH_PROFILE=1 profiles the camera moves too (then not figures);
 * BENCH_SOURCEMAP=1 builds with source maps so the profiles name source files.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readdirSync, existsSync, writeFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { Browser } from '@playwright/test';
import {
	formatTable,
	kilobytes,
	percentile,
	summarize,
	verdict,
	type Budget,
	type TableRow
} from '../src/lib/domain/bench-stats';
import { DEVICE_SCALE_FACTOR, VIEWPORT, launchBrowser } from './lib/browser';
import { measureCameraMoves, measureEmptyFrames, type CameraRun } from './lib/camera';
import { ATTEMPTS_PER_STUDENT, measureClassroom, STUDENTS } from './lib/classroom';
import { measureColdStart, TAP_WAIT_MS } from './lib/cold-start';
import { measureLive } from './lib/live';
import { measurePageJs, type PageJs } from './lib/js-transfer';
import { measureHealthzUnderUploads } from './lib/healthz';
import { browserCanPlayTypes, measurePacks } from './lib/packs';
import { measurePrintPdf } from './lib/print';
import { readerPath, waitReaderReady } from './lib/reader';
import { LOAD_POLICY, ROUNDS, inRounds } from './lib/rounds';
import { ROOT, buildApp, comicsRootForBench, startServer } from './lib/server';
import { filesSizes } from './lib/sizes';
import { measureAutoSplit } from './lib/studio-narration';

const PORT = Number(process.env.BENCH_PORT ?? 4208);
const COLD_RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const MIN_MOVES = Math.max(20, Number(process.env.BENCH_MOVES ?? 20));
const CPU_SLOWDOWN = 4;
/** BENCH_ONLY: figure-id prefixes to measure; empty means every measure. */
const ONLY = (process.env.BENCH_ONLY ?? '')
	.split(',')
	.map((s) => s.trim())
	.filter(Boolean);
/** Live quiz: students per class, and classes at once for the scale figure. */
const LIVE_STUDENTS = Number(process.env.BENCH_LIVE_STUDENTS ?? 40);
const LIVE_CLASSES = Number(process.env.BENCH_LIVE_CLASSES ?? 20);

/** DESIGN.md §6. */
const BUDGETS = {
	libraryJsGzipKB: { max: 60, unit: 'KB' },
	readerJsGzipKB: { max: 200, unit: 'KB' },
	coldStartMs: { max: 1000, unit: 'ms' },
	jsPerFrameP95Ms: { max: 4, unit: 'ms' },
	canvasFrameP95Ms: { max: 17, unit: 'ms' },
	textureMB: { max: 64, unit: 'MB' },
	packPerPageKB: { max: 150, unit: 'KB' },
	liveQuizP99Ms: { max: 100, unit: 'ms' },
	healthzUnderUploadsP99Ms: { max: 100, unit: 'ms' },
	// Issue 19, with 2,000 comics.
	scaleRestartSec: { max: 5, unit: 's' },
	scaleLibraryFcpMs: { max: 1000, unit: 'ms' },
	scaleFirstViewGzipKB: { max: 100, unit: 'KB' },
	scaleKeystrokeMs: { max: 100, unit: 'ms' }
} satisfies Record<string, Budget>;

/** One measured figure; `value` null means it could not be measured, and `reason` says why. */
interface Figure {
	id: string;
	label: string;
	value: number | null;
	unit: string;
	budget: Budget | null;
	verdict: string;
	reason?: string;
	method?: string;
	details?: unknown;
	/** Timing figures taken in rounds: min / median / max of the accepted rounds. */
	spread?: { n: number; min: number; median: number; max: number } | null;
	/** Some round of this figure was taken under load (kept by BENCH_ALLOW_LOAD=1): not a figure. */
	underLoad?: boolean;
}

const figures: Figure[] = [];
/** Figures that failed to measure because of an error (not a feature that has not landed). */
const errors: string[] = [];

function record(f: Omit<Figure, 'verdict'>): void {
	figures.push({ ...f, verdict: verdict(f.value, f.budget) });
}

function missing(id: string, label: string, unit: string, budget: Budget | null, reason: string): void {
	record({ id, label, value: null, unit, budget, reason });
}

/**
 * Runs one measure; on an error records its figures as null with the error, and goes on. With a
 * `notLanded` reason (a feature the measure needs is not on main yet) it records them as null with
 * that reason, which is not an error.
 */
async function attempt(
	ids: [string, string, string, Budget | null][],
	measure: () => Promise<void>,
	notLanded: string | null = null
) {
	if (ONLY.length && !ids.some(([id]) => ONLY.some((prefix) => id.startsWith(prefix)))) return;
	if (notLanded) {
		for (const [id, label, unit, budget] of ids) missing(id, label, unit, budget, notLanded);
		return;
	}
	try {
		await measure();
	} catch (error) {
		const reason = `could not measure: ${(error as Error).message.split('\n')[0]}`;
		errors.push(`${ids.map((i) => i[0]).join(', ')}: ${reason}`);
		for (const [id, label, unit, budget] of ids) missing(id, label, unit, budget, reason);
	}
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

type Recorder = (f: Omit<Figure, 'verdict'>) => void;

/**
 * Takes the figures `measureRound` records in ROUNDS rounds (bench/lib/rounds.ts) and records each
 * once: the median of the accepted rounds as its value, the spread and every round's load in its
 * details (the other details are those of the median round). A figure with fewer than three
 * accepted rounds is recorded as not measured, with the reason.
 */
async function inRecordedRounds(label: string, measureRound: (rec: Recorder) => Promise<void>) {
	const result = await inRounds(label, async () => {
		const collected: Omit<Figure, 'verdict'>[] = [];
		await measureRound((f) => collected.push(f));
		return { values: Object.fromEntries(collected.map((f) => [f.id, f.value])), extra: collected };
	});
	const ids = [...new Set(result.extras.flatMap((figs) => figs.map((f) => f.id)))];
	for (const id of ids) {
		const combined = result.figures.get(id)!;
		const fig =
			result.medianExtra(id).find((f) => f.id === id) ?? result.extras.flat().find((f) => f.id === id)!;
		const spread = combined.spread && {
			...combined.spread,
			min: round(combined.spread.min, 2),
			median: round(combined.spread.median, 2),
			max: round(combined.spread.max, 2)
		};
		const { reason: _roundReason, ...rest } = fig;
		record({
			...rest,
			label: combined.underLoad ? `${fig.label} [UNDER LOAD, smoke run]` : fig.label,
			value: combined.value === null ? null : round(combined.value, 2),
			...(combined.reason ? { reason: combined.reason } : {}),
			spread,
			underLoad: combined.underLoad,
			details: {
				rounds: { policy: result.policy, spread, each: combined.rounds },
				medianRound: fig.details ?? null
			}
		});
	}
}

function machine(browser: Browser) {
	const git = (cmd: string) => {
		try {
			return execSync(`git ${cmd}`, { cwd: ROOT, encoding: 'utf8' }).trim();
		} catch {
			return null;
		}
	};
	return {
		cpuModel: os.cpus()[0]?.model ?? 'unknown',
		cores: os.cpus().length,
		memoryGB: round(os.totalmem() / 1024 ** 3),
		os: `${os.type()} ${os.release()}`,
		// Other work on the machine skews timings; the load average says how busy it was.
		loadAverage1m: round(os.loadavg()[0] ?? 0, 2),
		node: process.version,
		chromium: browser.version(),
		viewport: { ...VIEWPORT, deviceScaleFactor: DEVICE_SCALE_FACTOR },
		gitCommit: git('rev-parse HEAD'),
		gitDirty: (git('status --porcelain') ?? '') !== ''
	};
}

interface ServedComic {
	slug: string;
	pages: number;
	panels: number;
	maxPagePixels: number;
}

async function servedComics(baseUrl: string, comicsRoot: string): Promise<ServedComic[]> {
	const comics: ServedComic[] = [];
	for (const slug of readdirSync(comicsRoot).sort()) {
		if (!existsSync(path.join(comicsRoot, slug, 'comic.json'))) continue;
		const response = await fetch(`${baseUrl}/api/comics/${slug}`);
		if (!response.ok) continue;
		const m = (await response.json()) as { pages: { width: number; height: number; panels: unknown[] }[] };
		comics.push({
			slug,
			pages: m.pages.length,
			panels: m.pages.reduce((a, p) => a + p.panels.length, 0),
			maxPagePixels: Math.max(...m.pages.map((p) => p.width * p.height))
		});
	}
	return comics;
}

function jsFigures(prefix: 'library' | 'reader', js: PageJs, budget: Budget) {
	const computed = js.scripts.filter((s) => s.gzipSource === 'computed').length;
	const method =
		`scripts in the network log of ${js.url} (fresh context, no service worker), Accept-Encoding: gzip; ` +
		(computed === 0
			? 'gzip = body bytes on the wire (the server sent gzip)'
			: `gzip computed here (zlib level 9) for ${computed} of ${js.scripts.length} scripts the server did not send gzipped`);
	record({
		id: `${prefix}.js.gzip`,
		label: `${prefix} page JS, gzip`,
		value: kilobytes(js.gzipBytes),
		unit: 'KB',
		budget,
		method,
		details: { scripts: js.scripts.length, files: js.scripts }
	});
	record({
		id: `${prefix}.js.raw`,
		label: `${prefix} page JS, raw`,
		value: kilobytes(js.rawBytes),
		unit: 'KB',
		budget: null,
		method: 'decoded body bytes of the same scripts'
	});
}

function cameraFigures(run: CameraRun, key: string, rec: Recorder = record) {
	const js = summarize(run.jsPerFrameMs);
	const twoDigits = (x: ReturnType<typeof summarize>) => ({
		...x,
		min: round(x.min, 2),
		p50: round(x.p50, 2),
		p95: round(x.p95, 2),
		max: round(x.max, 2),
		mean: round(x.mean, 2)
	});
	const detail = {
		rendererUsed: run.renderer,
		cpuSlowdown: run.cpuRate,
		moves: run.moves,
		framesPerMove: run.framesPerMove,
		jsPerFrameMs: twoDigits(js),
		jsCpuPerFrameMs: twoDigits(summarize(run.jsCpuPerFrameMs)),
		pageTurns: run.pageTurns.filter(Boolean).length,
		firstFrameJsMs: run.firstFrameJsMs.map((x) => round(x, 2)),
		laterFramesJsMs: run.laterFramesJsMs.length ? twoDigits(summarize(run.laterFramesJsMs)) : null,
		jsPerFrameWithinPageMs: run.jsPerFrameWithinPageMs.length
			? twoDigits(summarize(run.jsPerFrameWithinPageMs))
			: null,
		idleFrames: run.idleJsPerFrameMs.length,
		idleJsPerFrameMs: run.idleJsPerFrameMs.length ? twoDigits(summarize(run.idleJsPerFrameMs)) : null,
		betweenMovesJsMs: run.betweenMovesJsMs.length ? twoDigits(summarize(run.betweenMovesJsMs)) : null,
		jsProfile: run.profile
	};
	rec({
		id: `camera.${key}.jsPerFrame.p95`,
		label: `camera move JS/frame p95, ${key}, ${run.cpuRate}× CPU`,
		value: round(js.p95, 2),
		unit: 'ms',
		budget: BUDGETS.jsPerFrameP95Ms,
		method:
			`Chrome trace of the main thread over ${run.moves} moves (${js.n} frames), see bench/lib/camera.ts` +
			(run.profile
				? '; PROFILED (BENCH_PROFILE=1): the sampling profiler adds to every frame, not a figure'
				: ''),
		details: detail
	});
	const cpu = summarize(run.jsCpuPerFrameMs);
	rec({
		id: `camera.${key}.jsCpuPerFrame.p95`,
		label: `  same, thread CPU time (no waits for other processes), p95`,
		value: round(cpu.p95, 2),
		unit: 'ms',
		budget: BUDGETS.jsPerFrameP95Ms,
		method:
			'thread time (tdur) of the same JS trace events: on a shared machine the wall time also counts the time other processes held the CPU'
	});
	rec({
		id: `camera.${key}.jsPerFrame.p50`,
		label: `camera move JS/frame p50, ${key}, ${run.cpuRate}× CPU`,
		value: round(js.p50, 2),
		unit: 'ms',
		budget: null
	});
	if (run.firstFrameJsMs.length && run.laterFramesJsMs.length) {
		rec({
			id: `camera.${key}.firstFrameJs.p50`,
			label: '  first frame of a move (key press + state update), JS p50',
			value: round(summarize(run.firstFrameJsMs).p50, 2),
			unit: 'ms',
			budget: null
		});
		rec({
			id: `camera.${key}.laterFramesJs.p95`,
			label: '  later frames of a move (camera glide), JS/frame p95',
			value: round(summarize(run.laterFramesJsMs).p95, 2),
			unit: 'ms',
			budget: null
		});
	}
	if (run.betweenMovesJsMs.length)
		rec({
			id: `camera.${key}.betweenMovesJs.p50`,
			label: '  JS between moves, outside any frame (idle work), per gap p50',
			value: round(summarize(run.betweenMovesJsMs).p50, 2),
			unit: 'ms',
			budget: null,
			method:
				"JavaScript from a move's last frame to the next key press; not charged to the next move's first frame (details: p95, max)"
		});
	if (run.idleJsPerFrameMs.length)
		rec({
			id: `camera.${key}.idleJsPerFrame.p50`,
			label: `  idle frames between moves: ${run.idleJsPerFrameMs.length}, JS/frame p50`,
			value: round(summarize(run.idleJsPerFrameMs).p50, 2),
			unit: 'ms',
			budget: null,
			method: 'frames drawn while no move was going on (the reader is meant to draw on demand only)'
		});
}

async function main() {
	buildApp();
	const comicsRoot = comicsRootForBench();
	const server = await startServer(PORT, comicsRoot);
	const browser = await launchBrowser();
	const started = new Date();
	const loadAtStart = os.loadavg().map((x) => round(x, 2));
	try {
		const comics = await servedComics(server.baseUrl, comicsRoot);
		if (comics.length === 0) throw new Error(`the server offers no comic from ${comicsRoot}`);
		const chosen =
			comics.find((c) => c.slug === process.env.BENCH_COMIC) ??
			[...comics].sort((a, b) => b.panels - a.panels || a.slug.localeCompare(b.slug))[0]!;
		console.log(
			`bench: ${comics.length} comic(s) from ${path.relative(ROOT, comicsRoot)}; reader measures on "${chosen.slug}"`
		);

		const readerStatus = (await fetch(`${server.baseUrl}${readerPath(chosen.slug)}`)).status;
		const readerMissing =
			readerStatus === 404 ? `the reader has not landed: ${readerPath(chosen.slug)} answers 404` : null;

		// 1. JavaScript transferred.
		await attempt(
			[
				['library.js.gzip', 'library page JS, gzip', 'KB', BUDGETS.libraryJsGzipKB],
				['library.js.raw', 'library page JS, raw', 'KB', null]
			],
			async () => {
				const js = await measurePageJs(browser, `${server.baseUrl}/`, async (page) => {
					await page.locator('[data-testid="comic-card"]').first().waitFor();
				});
				jsFigures('library', js, BUDGETS.libraryJsGzipKB);
			}
		);
		await attempt(
			[
				['reader.js.gzip', 'reader page JS, gzip', 'KB', BUDGETS.readerJsGzipKB],
				['reader.js.raw', 'reader page JS, raw', 'KB', null]
			],
			async () => {
				const js = await measurePageJs(browser, `${server.baseUrl}${readerPath(chosen.slug)}`, (page) =>
					waitReaderReady(page)
				);
				jsFigures('reader', js, BUDGETS.readerJsGzipKB);
			},
			readerMissing
		);

		// 2. Cold start, in rounds (bench/lib/rounds.ts).
		await attempt(
			[['coldStart.median', 'tap → first panel, median', 'ms', BUDGETS.coldStartMs]],
			async () =>
				inRecordedRounds('cold start', async (rec) => {
					const cold = await measureColdStart(browser, server.baseUrl, chosen.slug, COLD_RUNS, CPU_SLOWDOWN);
					const s = summarize(cold.runsMs);
					rec({
						id: 'coldStart.median',
						label: `tap → first panel, median of ${COLD_RUNS} per round, ${cold.mode}, ${CPU_SLOWDOWN}× CPU`,
						value: Math.round(s.p50),
						unit: 'ms',
						budget: BUDGETS.coldStartMs,
						method: `pointerdown on the library card ${TAP_WAIT_MS > 0 ? `${TAP_WAIT_MS} ms after it shows (BENCH_TAP_WAIT_MS)` : 'as soon as it shows'} → performance.mark('kalanso:first-panel'), fresh library page each run; median of ${COLD_RUNS} runs per round, median of ${ROUNDS} rounds; ${cold.note}`,
						details: {
							mode: cold.mode,
							runsMs: cold.runsMs.map((r) => Math.round(r)),
							max: Math.round(s.max),
							lastRunFetchedAfterTap: cold.lastRunFetched,
							breakdown: cold.breakdown
						}
					});
				}),
			readerMissing
		);

		// 3 + 4. Camera moves (WebGL and canvas at 4×, canvas frame time at 1×) and textures, in rounds.
		const cameraIds = (key: string, rate: number): [string, string, string, Budget | null][] => [
			[
				`camera.${key}.jsPerFrame.p95`,
				`camera move JS/frame p95, ${key}, ${rate}× CPU`,
				'ms',
				BUDGETS.jsPerFrameP95Ms
			],
			[`camera.${key}.jsPerFrame.p50`, `camera move JS/frame p50, ${key}, ${rate}× CPU`, 'ms', null]
		];
		const measureRun = (renderer: 'webgl' | 'canvas', rate: number) =>
			measureCameraMoves(browser, server.baseUrl, chosen.slug, renderer, rate, chosen.panels, MIN_MOVES);
		await attempt(
			[
				...cameraIds('webgl', CPU_SLOWDOWN),
				['textures.memory', 'page texture memory after a whole comic', 'MB', BUDGETS.textureMB],
				['textures.count', 'page textures held after a whole comic', 'textures', null]
			],
			async () => {
				let last: Awaited<ReturnType<typeof measureRun>> | null = null;
				await inRecordedRounds('camera webgl', async (rec) => {
					last = await measureRun('webgl', CPU_SLOWDOWN);
					cameraFigures(last, 'webgl', rec);
				});
				const run = last as Awaited<ReturnType<typeof measureRun>> | null;
				if (!run) return;
				// Pixi keeps a GPU copy of each page texture, 4 bytes per pixel (the decoded ImageBitmap is
				// closed once uploaded). Bound: textures held × the largest page of the comic. Not a
				// timing: the last round's count.
				const bytes = run.texturesAtEnd * chosen.maxPagePixels * 4;
				const textureDetails = {
					comic: chosen.slug,
					pages: chosen.pages,
					pagesVisited: run.pagesVisited,
					texturesAfterEachForwardMove: run.texturesAfterMove,
					maxHeld: Math.max(...run.texturesAfterMove),
					largestPagePixels: chosen.maxPagePixels
				};
				record({
					id: 'textures.memory',
					label: 'page texture memory after a whole comic',
					value: round(bytes / 1024 ** 2),
					unit: 'MB',
					budget: BUDGETS.textureMB,
					method: "reader's data-loaded-textures at the last panel × largest page width × height × 4 bytes",
					details: textureDetails
				});
				record({
					id: 'textures.count',
					label: `page textures held after a whole comic (${chosen.pages} pages)`,
					value: run.texturesAtEnd,
					unit: 'textures',
					budget: null
				});
			},
			readerMissing
		);
		await attempt(
			cameraIds('canvas', CPU_SLOWDOWN),
			async () =>
				inRecordedRounds('camera canvas', async (rec) =>
					cameraFigures(await measureRun('canvas', CPU_SLOWDOWN), 'canvas', rec)
				),
			readerMissing
		);
		await attempt(
			[['camera.floor.jsPerFrame.p95', `empty animation frame JS p95, ${CPU_SLOWDOWN}× CPU`, 'ms', null]],
			async () =>
				inRecordedRounds('camera floor', async (rec) => {
					const frames = summarize(await measureEmptyFrames(browser, CPU_SLOWDOWN));
					rec({
						id: 'camera.floor.jsPerFrame.p95',
						label: `  an empty animation frame (no app code) measured the same way, ${CPU_SLOWDOWN}× CPU, JS p95`,
						value: round(frames.p95, 2),
						unit: 'ms',
						budget: null,
						method:
							"an empty page whose frame callback only asks for the next frame, throttled and traced as the camera moves (bench/lib/camera.ts measureEmptyFrames): Chromium's throttling on Linux charges a frame with spins for time it did not use, more on a busier machine; this is the part of any frame's figure no app change removes",
						details: {
							...frames,
							p50: round(frames.p50, 2),
							p95: round(frames.p95, 2),
							max: round(frames.max, 2)
						}
					});
				}),
			readerMissing
		);
		await attempt(
			[
				[
					'camera.canvas.frameTime.p95',
					'canvas renderer frame time p95, 1× CPU',
					'ms',
					BUDGETS.canvasFrameP95Ms
				]
			],
			async () =>
				inRecordedRounds('canvas frame time', async (rec) => {
					const run = await measureRun('canvas', 1);
					const ft = summarize(run.frameTimesMs);
					rec({
						id: 'camera.canvas.frameTime.p95',
						label: 'canvas renderer frame time p95, 1× CPU',
						value: round(ft.p95, 2),
						unit: 'ms',
						budget: BUDGETS.canvasFrameP95Ms,
						method: 'interval between the starts of consecutive frames of one move, from the trace',
						details: {
							...ft,
							rendererUsed: run.renderer,
							moves: run.moves,
							jsPerFrameMs: summarize(run.jsPerFrameMs)
						}
					});
					rec({
						id: 'camera.canvas.frameTime.p50',
						label: 'canvas renderer frame time p50, 1× CPU',
						value: round(ft.p50, 2),
						unit: 'ms',
						budget: null
					});
					rec({
						id: 'camera.canvas.jsPerFrame1x.p95',
						label: '  camera move JS/frame p95, canvas, 1× CPU (not throttled)',
						value: round(summarize(run.jsPerFrameMs).p95, 2),
						unit: 'ms',
						budget: null,
						method:
							'the same moves and trace method at 1× CPU: the JavaScript the frames run, without the throttling (see camera.floor)'
					});
				}),
			readerMissing
		);

		// 5. Pack bytes per page, per language.
		await attempt(
			[['pack.perPage.max', 'pack bytes per page, worst comic × language', 'KB', BUDGETS.packPerPageKB]],
			async () => {
				const packs = await measurePacks(
					server.baseUrl,
					comicsRoot,
					comics.map((c) => c.slug),
					browserCanPlayTypes(browser)
				);
				const worst = [...packs.figures].sort((a, b) => b.bytesPerPage - a.bytesPerPage)[0]!;
				record({
					id: 'pack.perPage.max',
					label: `pack bytes per page, worst (${worst.comic}, ${worst.language})`,
					value: kilobytes(worst.bytesPerPage),
					unit: 'KB',
					budget: BUDGETS.packPerPageKB,
					method:
						`what a tablet downloads for one narration language (art, comic.json, quiz.json, ` +
						`narration and quiz audio in the one format this Chromium plays first) / pages, from the ${packs.source}; ` +
						'bytes on the wire (the server gzips comic.json and quiz.json; details.breakdown.storedBytesPerPage: as stored)',
					details: { figures: packs.figures, breakdown: packs.breakdown, playable: packs.playable }
				});
				const worstPage = [...packs.breakdown].sort(
					(a, b) => b.largestPageWithNarration - a.largestPageWithNarration
				)[0];
				if (worstPage)
					record({
						id: 'pack.page.max',
						label: `  one page's art + its narration, worst (${worstPage.comic}, ${worstPage.language})`,
						value: kilobytes(worstPage.largestPageWithNarration),
						unit: 'KB',
						budget: BUDGETS.packPerPageKB,
						method: 'largest page image + the narration file(s) of that page, in the format kept'
					});
				const worstEvery = [...packs.breakdown].sort(
					(a, b) => b.everyFormatBytesPerPage - a.everyFormatBytesPerPage
				)[0];
				if (worstEvery)
					record({
						id: 'pack.perPage.everyFormat.max',
						label: `  for comparison, with every audio format (${worstEvery.comic}, ${worstEvery.language})`,
						value: kilobytes(worstEvery.everyFormatBytesPerPage),
						unit: 'KB',
						budget: null,
						method: 'the core and one language with every file the listing has, as tablets downloaded before'
					});
				for (const f of packs.figures)
					record({
						id: `pack.perPage.${f.comic}.${f.language}`,
						label: `  ${f.comic}, ${f.language}`,
						value: kilobytes(f.bytesPerPage),
						unit: 'KB',
						budget: BUDGETS.packPerPageKB
					});
			}
		);

		// 6. Classroom (issue 13): the class report at 40 × 30, and a tablet's sync of 1,000 results.
		await attempt(
			[
				[
					'classroom.report.server.p50',
					'class report, 40 students × 30 attempts, server time p50',
					'ms',
					null
				],
				['classroom.report.js.gzip', 'class report page JS, gzip', 'KB', null],
				['classroom.sync.ms', 'sync of 1,000 queued results from one tablet', 'ms', null]
			],
			async () => {
				const c = await measureClassroom(browser, server);
				const ms = summarize(c.reportServerMs);
				const scale = `${STUDENTS} students × ${ATTEMPTS_PER_STUDENT} attempts`;
				record({
					id: 'classroom.report.server.p50',
					label: `class report, ${scale}, server time p50 (p95)`,
					value: round(ms.p50),
					unit: 'ms',
					budget: null,
					method:
						`GET of the report page (HTML with its data) on loopback, ${c.reportServerMs.length} runs after one ` +
						'warm-up; the report reads the roster and one query of results joined with answers (never one per student)',
					details: { ...ms, studentsShown: c.reportStudents, p95: round(ms.p95) }
				});
				record({
					id: 'classroom.report.js.gzip',
					label: 'class report page JS, gzip',
					value: kilobytes(c.reportJs.gzipBytes),
					unit: 'KB',
					budget: null,
					method: 'scripts in the network log of the report page, signed in as the teacher',
					details: { scripts: c.reportJs.scripts.length, files: c.reportJs.scripts }
				});
				record({
					id: 'classroom.sync.ms',
					label: `sync of ${c.sync.results} queued results, one tablet (${c.sync.requests} requests, ${kilobytes(c.sync.requestBytes)} KB up, ${kilobytes(c.sync.responseBytes)} KB down)`,
					value: round(c.sync.ms),
					unit: 'ms',
					budget: null,
					method:
						'results written into the tablet\'s IndexedDB outbox, then "Envoyer mes résultats" pressed: ' +
						'from the press until the button says nothing waits; requests and bytes of POST /api/classroom/results',
					details: c.sync
				});
			}
		);

		// Live quiz (issue 14): one class of 40, then 20 classes of 40 at once, real HTTP/SSE clients.
		for (const [classes, prefix] of [
			[1, 'liveQuiz'],
			[LIVE_CLASSES, 'liveQuiz.scale']
		] as const) {
			const scale = `${classes} class${classes > 1 ? 'es' : ''} × ${LIVE_STUDENTS}`;
			await attempt(
				[
					[`${prefix}.p99`, `live quiz, ${scale}, POST → ack p99`, 'ms', BUDGETS.liveQuizP99Ms],
					[`${prefix}.next.p99`, `live quiz, ${scale}, "next" → tablet p99`, 'ms', null],
					[`${prefix}.answersPerSecond`, `live quiz, ${scale}, answers per second`, '/s', null],
					[`${prefix}.rss`, `live quiz, ${scale}, server memory (RSS)`, 'MB', null]
				],
				async () => {
					const f = await measureLive(browser, server, classes, LIVE_STUDENTS);
					const ack = summarize(f.postToAckMs);
					const next = summarize(f.nextToTabletMs);
					const method =
						`${classes * LIVE_STUDENTS} tablets as Node fetch clients, each joined and reading the SSE stream; ` +
						'every teacher presses "next" at once, then every tablet posts its answer at once';
					record({
						id: `${prefix}.p99`,
						label: `live quiz, ${scale}, POST → ack p99`,
						value: round(percentile(f.postToAckMs, 99)),
						unit: 'ms',
						budget: BUDGETS.liveQuizP99Ms,
						method,
						details: { ...ack, answers: f.postToAckMs.length, serverCpuMsPerAnswer: f.serverCpuMsPerAnswer }
					});
					record({
						id: `${prefix}.next.p99`,
						label: `live quiz, ${scale}, "next" → tablet p99 (last tablet of a class: max ${round(Math.max(...f.lastTabletMs))} ms)`,
						value: round(percentile(f.nextToTabletMs, 99)),
						unit: 'ms',
						budget: null,
						method,
						details: { ...next, lastTabletPerClassMs: f.lastTabletMs.map((x) => round(x)) }
					});
					record({
						id: `${prefix}.answersPerSecond`,
						label: `live quiz, ${scale}, answers per second`,
						value: f.answersPerSecond,
						unit: '/s',
						budget: null,
						method
					});
					record({
						id: `${prefix}.rss`,
						label: `live quiz, ${scale}, server memory (RSS) after the burst`,
						value: f.serverRssMB,
						unit: 'MB',
						budget: null,
						method: 'VmRSS of the server process from /proc after the answers'
					});
				}
			);
		}

		// 6. The server's own thread while hostile uploads are processed (issue 11 gap 7).
		await attempt(
			[
				[
					'healthz.hostileUploads.p99',
					'/healthz p99 during six zip-bomb uploads',
					'ms',
					BUDGETS.healthzUnderUploadsP99Ms
				]
			],
			async () => {
				const run = await measureHealthzUnderUploads(server.baseUrl, server.passwordsFile);
				record({
					id: 'healthz.hostileUploads.p99',
					label: '/healthz p99 during six zip-bomb uploads',
					value: round(run.p99, 1),
					unit: 'ms',
					budget: BUDGETS.healthzUnderUploadsP99Ms,
					method:
						'signed in as the demo author, six zip bombs (three with a lying directory, three of 240 MB under the limits) ' +
						'posted to the upload form at once; /healthz asked every 10 ms until all six were refused',
					details: run
				});
			}
		);

		// Print (issue 18): the PDF of a 3-page comic with its worksheet.
		await attempt(
			[
				['print.pdf.ms', 'print: PDF of a 3-page comic + worksheet, server time p50', 'ms', null],
				['print.pdf.kb', 'print: PDF of a 3-page comic + worksheet, size', 'KB', null]
			],
			async () => {
				const slug = comics.find((c) => c.pages === 3)?.slug ?? chosen.slug;
				const run = await measurePrintPdf(server.baseUrl, slug);
				const method = `GET ${new URL(run.url).pathname}${new URL(run.url).search} (French, A4, comic + worksheet), one warm-up request then ${run.ms.n}; round trip on this machine`;
				record({
					id: 'print.pdf.ms',
					label: `print: PDF of "${slug}" (${run.pages ?? '?'} pages) + worksheet, p50`,
					value: round(run.ms.p50, 0),
					unit: 'ms',
					budget: null,
					method,
					details: run
				});
				record({
					id: 'print.pdf.kb',
					label: `print: PDF of "${slug}" + worksheet, size`,
					value: round(run.bytes / 1024, 0),
					unit: 'KB',
					budget: null,
					method: `${method}; body bytes (fonts subsetted and embedded, art as grey JPEG)`
				});
			}
		);

		// Issue 19: the catalog at scale (a generated catalog of BENCH_SCALE_COMICS, default 2,000).
		await attempt(
			[
				['scale.startup.first', 'scale: first start (import, validate, sign)', 's', null],
				['scale.startup.second', 'scale: restart, nothing changed', 's', BUDGETS.scaleRestartSec],
				['scale.rss.3', 'scale: server RSS, 3 comics', 'MB', null],
				['scale.rss.catalog', 'scale: server RSS, whole catalog', 'MB', null],
				['scale.heap.3', 'scale: server heap after a full GC, 3 comics', 'MB', null],
				['scale.heap.catalog', 'scale: server heap after a full GC, whole catalog', 'MB', null],
				['scale.library.fcp', 'scale: library FCP at 4× CPU', 'ms', BUDGETS.scaleLibraryFcpMs],
				[
					'scale.library.firstView.gzip',
					'scale: library HTML + JS, gzip',
					'KB',
					BUDGETS.scaleFirstViewGzipKB
				],
				[
					'scale.search.keystroke',
					'scale: search keystroke → results, median',
					'ms',
					BUDGETS.scaleKeystrokeMs
				],
				['scale.library.firstRequest', 'scale: first library request after start', 'ms', null],
				['scale.packs.firstCall', 'scale: /packs first call after start', 'ms', null]
			],
			async () => {
				const { measureScale } = await import('./lib/scale');
				const f = await measureScale(browser, PORT + 1);
				const n = `${f.comics} comics`;
				const add = (
					id: string,
					label: string,
					value: number | null,
					unit: string,
					budget: Budget | null,
					method: string,
					details?: unknown
				) =>
					record({
						id,
						label: `${label} (${n})`,
						value,
						unit,
						budget,
						method,
						...(details ? { details } : {})
					});
				if (f.firstStartSec === null)
					missing(
						'scale.startup.first',
						`scale: first start (${n})`,
						's',
						null,
						`the run reused an imported data folder (BENCH_SCALE_DATA): ${f.data}`
					);
				else
					add(
						'scale.startup.first',
						'scale: first start',
						f.firstStartSec,
						's',
						null,
						'spawn → /healthz 200, fresh data folder, generated catalog (bench/lib/catalog.ts)'
					);
				add(
					'scale.startup.second',
					'scale: restart',
					f.secondStartSec,
					's',
					BUDGETS.scaleRestartSec,
					`spawn → /healthz 200, same data folder, nothing changed; ${f.data}; ` +
						`CPU used by the server until then: ${f.restartCpuSec} s (details; load-independent)`,
					{ cpuSec: f.restartCpuSec }
				);
				add(
					'scale.rss.3',
					'scale: server RSS, 3 sample comics',
					f.rss3MB,
					'MB',
					null,
					'VmRSS after a restart and the same requests as the catalog (details.requests)',
					f.memory
				);
				add(
					'scale.rss.catalog',
					'scale: server RSS',
					f.rssCatalogMB,
					'MB',
					null,
					'VmRSS after the restart and the same requests as the 3 samples (library pages, searches, ' +
						'filters, every /packs page, 20 packs); details: after start, and at the end (browser visit too)',
					f.memory
				);
				const heapMethod =
					'V8 heap used after a full garbage collection (bench/lib/heap-probe.mjs, preloaded), after the ' +
					'restart and the same requests for both (details.requests): load-independent, unlike RSS';
				add(
					'scale.heap.3',
					'scale: server heap after a full GC, 3 sample comics',
					f.memory.heapAfterRequests.samples3.usedHeapMB,
					'MB',
					null,
					heapMethod,
					f.memory.heapAfterRequests.samples3
				);
				add(
					'scale.heap.catalog',
					'scale: server heap after a full GC',
					f.memory.heapAfterRequests.catalog.usedHeapMB,
					'MB',
					null,
					heapMethod,
					f.memory.heapAfterRequests.catalog
				);
				add(
					'scale.library.fcp',
					'scale: library first contentful paint, 4× CPU',
					f.libraryFcpMs,
					'ms',
					BUDGETS.scaleLibraryFcpMs,
					`median of 3 fresh contexts (${f.libraryFcpSamples.join(', ')} ms), no service worker, paint timing entry`,
					{ samples: f.libraryFcpSamples }
				);
				add(
					'scale.library.firstView.gzip',
					'scale: library HTML + JS of the first view, gzip',
					f.firstViewGzipKB.total,
					'KB',
					BUDGETS.scaleFirstViewGzipKB,
					'document + scripts, body bytes on the wire with Accept-Encoding: gzip',
					f.firstViewGzipKB
				);
				add(
					'scale.search.keystroke',
					'scale: search keystroke → results (server round trip), median, 4× CPU',
					f.keystrokeMs.median,
					'ms',
					BUDGETS.scaleKeystrokeMs,
					'key event (its timeStamp) → the results of that query (data-query) painted: the task after ' +
						`the frame that follows the page's update, in-page clock (bench/lib/keystroke.ts); to the ` +
						`update alone (before layout and paint): median ${f.keystrokeDomMs.median} ms; the request ` +
						`itself: ${f.keystrokeFetchMs.join(', ')} ms`,
					{ ...f.keystrokeMs, dom: f.keystrokeDomMs, fetch: f.keystrokeFetchMs }
				);
				add(
					'scale.library.firstRequest',
					'scale: first library request after a start',
					f.libraryFirstRequestMs,
					'ms',
					null,
					`later requests: median ${f.libraryLaterRequestMs} ms; the first after a restart with the 3 samples: ` +
						`${f.firstRequests3.libraryMs} ms (what a cold server costs whatever the catalog)`,
					{ later: f.libraryLaterRequestMs, firstWith3Samples: f.firstRequests3.libraryMs }
				);
				add(
					'scale.packs.firstCall',
					'scale: /packs first call after a start',
					f.packsFirstCallMs,
					'ms',
					null,
					'fetch of /packs (its first page) right after the restart (and after the first library request); ' +
						'details: every page, the first again, /packs/<slug>, RSS after, the same first call with the 3 samples',
					{ ...f.packsPages, firstCallWith3SamplesMs: f.firstRequests3.packsMs }
				);
			}
		);

		// Narration studio (issue 16): auto-split of a page read in one take, on committed recordings.
		await attempt(
			[
				[
					'studio.autosplit.within150ms',
					'Auto-split: boundaries within 150 ms of the truth (goal ≥ 95 %)',
					'%',
					null
				]
			],
			async () => {
				const run = measureAutoSplit(ROOT);
				record({
					id: 'studio.autosplit.within150ms',
					label: 'Auto-split: boundaries within 150 ms of the truth (goal ≥ 95 %)',
					value: round(run.clean.sharePercent, 1),
					unit: '%',
					budget: null,
					method:
						`${run.clean.total} pauses of known length between French bubbles spoken by espeak-ng ` +
						`(${run.files.join(', ')}, tests/fixtures/narration-takes); autoSplit as the studio runs it; ` +
						'details.noisy: the same with room noise raised to about −40 dBFS',
					details: run
				});
			}
		);

		// 7. bloom-player's published bundle, for comparison.
		await attempt(
			[
				['bloomPlayer.js.gzip', 'bloom-player dist JS, gzip', 'KB', null],
				['bloomPlayer.js.raw', 'bloom-player dist JS, raw', 'KB', null]
			],
			async () => {
				const pkgDir = path.join(ROOT, 'node_modules/bloom-player');
				const { version } = (await import(path.join(pkgDir, 'package.json'), { with: { type: 'json' } }))
					.default as {
					version: string;
				};
				const files = filesSizes(path.join(pkgDir, 'dist'), '.js');
				const sum = (k: 'rawBytes' | 'gzipBytes') => files.reduce((a, f) => a + f[k], 0);
				const method = `bloom-player ${version}: every dist/*.js file of the npm package, gzip level 9 computed here`;
				record({
					id: 'bloomPlayer.js.gzip',
					label: `bloom-player ${version} dist JS, gzip`,
					value: kilobytes(sum('gzipBytes')),
					unit: 'KB',
					budget: null,
					method,
					details: files
				});
				record({
					id: 'bloomPlayer.js.raw',
					label: `bloom-player ${version} dist JS, raw`,
					value: kilobytes(sum('rawBytes')),
					unit: 'KB',
					budget: null,
					method
				});
			}
		);

		const results = {
			date: started.toISOString(),
			durationSec: Math.round((Date.now() - started.getTime()) / 1000),
			machine: machine(browser),
			settings: {
				cpuSlowdown: CPU_SLOWDOWN,
				coldStartRuns: COLD_RUNS,
				minMoves: MIN_MOVES,
				port: PORT,
				rounds: ROUNDS,
				loadPolicy: LOAD_POLICY
			},
			loadAverageAtStart: loadAtStart,
			comics: { root: path.relative(ROOT, comicsRoot), served: comics, measuredOn: chosen.slug },
			figures,
			errors
		};
		const outDir = path.join(ROOT, 'bench/results');
		mkdirSync(outDir, { recursive: true });
		const out = path.join(
			outDir,
			ONLY.length ? `only-${ONLY.join('-').replace(/[^\w.-]/g, '_')}.json` : 'latest.json'
		);
		const text = await format(JSON.stringify(results), {
			...(await resolveConfig(out)),
			parser: 'json'
		});
		writeFileSync(`${out}.tmp`, text);
		renameSync(`${out}.tmp`, out);

		const rows: TableRow[] = figures.map((f) => ({
			label: f.label,
			value:
				f.value === null
					? 'null'
					: `${f.value} ${f.unit}` +
						(f.spread ? ` [${f.spread.min}–${f.spread.max}, ${f.spread.n} rounds]` : ''),
			budget: f.budget ? `≤ ${f.budget.max} ${f.budget.unit}` : '',
			verdict: f.value === null ? `not measured: ${f.reason}` : f.verdict === 'no budget' ? '' : f.verdict
		}));
		console.log(`\n${formatTable(rows)}\n`);
		console.log(`bench: wrote ${path.relative(ROOT, out)}`);
	} finally {
		await browser.close();
		server.stop();
	}
	if (errors.length) {
		console.error(`bench: ${errors.length} measure(s) failed:\n  ${errors.join('\n  ')}`);
		process.exitCode = 1;
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
