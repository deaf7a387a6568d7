/**
 * Issue 19, the catalog at scale: with a generated catalog (bench/lib/catalog.ts, default 2,000
 * comics) the server's first start (import and publish) and a restart, its memory, the library's
 * first contentful paint at 4× CPU, the HTML + JS of the first view, a search keystroke to updated
 * results, the first `/packs` call after a start, then every page of `/packs` and a few comics'
 * packs (with the server's memory after them). The server runs as `npm start` does
 * (src/cli/serve.js) with its own data folder, kept between the first start and the restart.
 *
 * Memory is compared on equal terms: the 3-sample server and the catalog's server each get the same
 * requests after their start (exercise(): library pages, searches, filters, every `/packs` page,
 * 20 packs), and VmRSS is read after the start and after those requests.
 *
 * BENCH_SCALE_COMICS: catalog size (default 2000).
 * BENCH_SCALE_DATA=<dir> alone: a folder kept between runs, holding `catalog/` (generated) and
 * `data/` (the server's data folder). The first run generates and imports the catalog there (the
 * first start is measured) and writes `<dir>/seeded.json`; later runs find it and start from the
 * restart (the first start is not measured, and the figure says so), a few minutes in all.
 * BENCH_SCALE_CATALOG + BENCH_SCALE_DATA: a catalog folder and a data folder that already imported it.
 */
import type { Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { newContext, throttle } from './browser';
import { generateCatalog } from './catalog';
import { measureKeystrokes } from './keystroke';
import { ROOT } from './server';

export interface ScaleFigures {
	comics: number;
	firstStartSec: number | null;
	secondStartSec: number;
	/** CPU seconds the server used from spawn to /healthz 200 on the restart (load-independent). */
	restartCpuSec: number;
	/** VmRSS of the 3-sample server after the same requests as the catalog's (exercise()). */
	rss3MB: number;
	/** VmRSS of the catalog's server after those requests (before the browser's). */
	rssCatalogMB: number;
	memory: {
		/** VmRSS right after each restart (/healthz answered). */
		afterStart: { samples3: number; catalog: number };
		/** Heap after a full collection, once the requests are done (load-independent). */
		heapAfterRequests: { samples3: HeapFigures; catalog: HeapFigures };
		/** VmRSS of the catalog's server at the end (after the browser's visit and searches too). */
		catalogAtEnd: number;
		requests: string[];
	};
	/** How the data folder came to be (generated now, or reused and since when). */
	data: string;
	libraryFcpMs: number;
	firstViewGzipKB: { html: number; js: number; total: number };
	/** Key press → the new results painted (the frame after the page's update has run). */
	/** Each fresh view's first contentful paint (the figure is their median). */
	libraryFcpSamples: number[];
	keystrokeMs: { median: number; max: number; samples: number[] };
	/** Key press → the page's update of the results (before layout and paint). */
	keystrokeDomMs: { median: number; max: number; samples: number[] };
	/** Request start → response end of each key's results (null: not fetched by the page). */
	keystrokeFetchMs: Array<number | null>;
	/** The first page of `/packs` (paged since issue 19). */
	packsFirstCallMs: number;
	/** `/packs` page by page to the end, the first page again, and per-comic pack manifests. */
	packsPages: PacksPaging;
	libraryFirstRequestMs: number;
	libraryLaterRequestMs: number;
	/** The same first requests after a restart with the 3 samples (module loading, JIT: no catalog). */
	firstRequests3: { libraryMs: number; packsMs: number };
}

export interface PacksPaging {
	pages: number;
	packs: number;
	/** Each page's time, first to last (the first is packsFirstCallMs). */
	pageMs: number[];
	firstPageAgainMs: number;
	/** `/packs/<slug>` of the first comics listed: a pack built when asked for. */
	perComicMs: { median: number; max: number; count: number };
	/** VmRSS after walking every page and the per-comic requests. */
	rssAfterMB: number;
}

/** Walks `/packs` through its `next` links, then asks a few comics' packs, timing each request. */
async function walkPacks(base: string, pid: number | undefined): Promise<PacksPaging> {
	const pageMs: number[] = [];
	const slugs: string[] = [];
	let next: string | null = '/packs';
	while (next) {
		const t0 = performance.now();
		const response = await fetch(`${base}${next}`);
		const body = (await response.json()) as { packs: { slug: string }[]; next: string | null };
		if (!response.ok) throw new Error(`${next} answered ${response.status}`);
		pageMs.push(Math.round((performance.now() - t0) * 10) / 10);
		slugs.push(...body.packs.map((p) => p.slug));
		next = body.next;
	}
	const firstPageAgainMs = await timed(`${base}/packs`);
	const perComic: number[] = [];
	for (const slug of slugs.slice(0, 20)) perComic.push(await timed(`${base}/packs/${slug}`));
	return {
		pages: pageMs.length,
		packs: slugs.length,
		pageMs,
		firstPageAgainMs,
		perComicMs: { median: median(perComic), max: Math.max(...perComic), count: perComic.length },
		rssAfterMB: rssMB(pid)
	};
}

/** bench/lib/heap-probe.mjs, preloaded into the server. */
const HEAP_PROBE = path.join(import.meta.dirname, 'heap-probe.mjs');

/** The server's heap after a full garbage collection (heap-probe.mjs), and its RSS then. */
export interface HeapFigures {
	usedHeapMB: number;
	/** Memory of buffers held by JavaScript objects (outside the heap). */
	externalMB: number;
	rssMB: number;
}

interface Running {
	child: ChildProcess;
	baseUrl: string;
	startSec: number;
	heap(): Promise<HeapFigures>;
	stop(): Promise<void>;
}

async function start(port: number, comics: string, data: string, known?: string): Promise<Running> {
	const began = performance.now();
	const heapFile = path.join(data, '.bench-heap.json');
	const child = spawn(
		process.execPath,
		['--expose-gc', '--import', pathToFileURL(HEAP_PROBE).href, 'src/cli/serve.js'],
		{
			cwd: ROOT,
			env: {
				...process.env,
				KALANSO_BENCH_HEAP_FILE: heapFile,
				PORT: String(port),
				HOST: '127.0.0.1',
				KALANSO_DATA: data,
				KALANSO_COMICS: comics,
				KALANSO_QUIET: '1',
				...(known ? { KALANSO_KNOWN_SAMPLES_FILE: known } : {})
			},
			stdio: ['ignore', 'inherit', 'inherit']
		}
	);
	let exited = false;
	child.on('exit', () => (exited = true));
	const baseUrl = `http://127.0.0.1:${port}`;
	// The first import of thousands of comics takes minutes (it logs its progress).
	const deadline = Date.now() + 3 * 60 * 60_000;
	while (Date.now() < deadline) {
		if (exited) throw new Error('the server exited while starting');
		const ok = await fetch(`${baseUrl}/healthz`)
			.then((r) => r.ok)
			.catch(() => false);
		if (ok) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	const startSec = (performance.now() - began) / 1000;
	return {
		child,
		baseUrl,
		startSec,
		heap: async () => {
			rmSync(heapFile, { force: true });
			child.kill('SIGUSR2');
			for (let i = 0; i < 600 && !existsSync(heapFile); i++) await new Promise((r) => setTimeout(r, 100));
			const h = JSON.parse(readFileSync(heapFile, 'utf8')) as Record<string, number>;
			const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
			return { usedHeapMB: mb(h.usedHeap!), externalMB: mb(h.external!), rssMB: mb(h.rss!) };
		},
		stop: () =>
			new Promise<void>((resolve) => {
				if (exited) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}

/** CPU seconds (user + system) the process used so far: load-independent, unlike wall-clock time. */
function cpuSec(pid: number | undefined): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	// utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
	return Math.round(((Number(fields[11]) + Number(fields[12])) / 100) * 10) / 10;
}

function rssMB(pid: number | undefined): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
	return Math.round((kb / 1024) * 10) / 10;
}

async function timed(url: string): Promise<number> {
	const t0 = performance.now();
	const response = await fetch(url);
	await response.arrayBuffer();
	if (!response.ok) throw new Error(`${url} answered ${response.status}`);
	return Math.round((performance.now() - t0) * 10) / 10;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The requests both servers get before their memory is compared: library pages (the first, a later
 * one, searches, filters), every `/packs` page and the packs of the first 20 comics listed.
 */
const EXERCISE = [
	'/',
	'/?page=2',
	'/?q=e',
	'/?q=ecole',
	'/?q=puits%20kati',
	'/?grade=8',
	'/?language=en&narration=1',
	'/?theme=DROITS&page=3'
];

async function exercise(base: string): Promise<void> {
	for (const url of EXERCISE) await timed(`${base}${url}`);
	let next: string | null = '/packs';
	const slugs: string[] = [];
	while (next) {
		const response = await fetch(`${base}${next}`);
		if (!response.ok) throw new Error(`${next} answered ${response.status}`);
		const body = (await response.json()) as { packs: { slug: string }[]; next: string | null };
		slugs.push(...body.packs.map((p) => p.slug));
		next = body.next;
	}
	for (const slug of slugs.slice(0, 20)) await timed(`${base}/packs/${slug}`);
}

/** Where the catalog and the data folder come from, and whether the data folder is already seeded. */
async function scaleFolders(count: number): Promise<{
	catalog: { root: string; knownFile: string };
	data: string;
	seeded: boolean;
	/** Whether both are this run's own (deleted at the end). */
	temporary: boolean;
	/** Written once the first start succeeded (a kept folder). */
	markSeeded: (comics: number, firstStartSec: number) => void;
	describe: string;
}> {
	const keptDir = process.env.BENCH_SCALE_DATA;
	const givenCatalog = process.env.BENCH_SCALE_CATALOG;
	if (keptDir && givenCatalog) {
		return {
			catalog: { root: givenCatalog, knownFile: path.join(givenCatalog, '.known-samples') },
			data: keptDir,
			seeded: true,
			temporary: false,
			markSeeded: () => {},
			describe: `reused data folder ${keptDir} with catalog ${givenCatalog}`
		};
	}
	if (keptDir) {
		const root = path.join(keptDir, 'catalog');
		const data = path.join(keptDir, 'data');
		const marker = path.join(keptDir, 'seeded.json');
		const knownFile = path.join(root, '.known-samples');
		const seeded = existsSync(marker) && existsSync(path.join(data, 'kalanso.db'));
		if (!seeded) {
			if (!existsSync(knownFile)) await generateCatalog(count, root);
			mkdirSync(data, { recursive: true });
		}
		const since = seeded ? (JSON.parse(readFileSync(marker, 'utf8')) as { at: string }).at : null;
		return {
			catalog: { root, knownFile },
			data,
			seeded,
			temporary: false,
			markSeeded: (comics, firstStartSec) =>
				writeFileSync(marker, JSON.stringify({ comics, firstStartSec, at: new Date().toISOString() }) + '\n'),
			describe: seeded
				? `reused ${keptDir} (catalog/ and data/, imported ${since}): first start skipped`
				: `${keptDir} generated and imported now (kept for later runs)`
		};
	}
	const catalog = await generateCatalog(count);
	return {
		catalog,
		data: mkdtempSync(path.join(tmpdir(), 'kalanso-scale-')),
		seeded: false,
		temporary: true,
		markSeeded: () => {},
		describe: 'fresh catalog and data folder (deleted after the run)'
	};
}

export async function measureScale(browser: Browser, port: number): Promise<ScaleFigures> {
	const count = Number(process.env.BENCH_SCALE_COMICS ?? 2000);
	const folders = await scaleFolders(count);
	const { catalog, data } = folders;
	const comics = readdirSync(catalog.root).filter((d) =>
		existsSync(path.join(catalog.root, d, 'comic.json'))
	).length;

	// Memory with the three samples, on equal terms: a restart (the first start imports, as the
	// catalog's did), then the same requests as the catalog's server gets below.
	const smallData = mkdtempSync(path.join(tmpdir(), 'kalanso-scale-3-'));
	let rss3MB: number;
	let rss3StartMB: number;
	let heap3: HeapFigures;
	// The first requests after a restart with 3 comics: what a cold server costs whatever the catalog.
	let libraryFirstRequest3Ms: number;
	let packsFirstCall3Ms: number;
	try {
		await (await start(port, path.join(ROOT, 'comics'), smallData)).stop();
		const small = await start(port, path.join(ROOT, 'comics'), smallData);
		try {
			rss3StartMB = rssMB(small.child.pid);
			libraryFirstRequest3Ms = await timed(`${small.baseUrl}/`);
			packsFirstCall3Ms = await timed(`${small.baseUrl}/packs`);
			await exercise(small.baseUrl);
			rss3MB = rssMB(small.child.pid);
			heap3 = await small.heap();
		} finally {
			await small.stop();
		}
	} finally {
		rmSync(smallData, { recursive: true, force: true });
	}

	let firstStartSec: number | null = null;
	if (!folders.seeded) {
		console.log(`bench: scale: first start with ${comics} comics (import, validate, sign; minutes)…`);
		const first = await start(port, catalog.root, data, catalog.knownFile);
		firstStartSec = first.startSec;
		await first.stop();
		folders.markSeeded(comics, Math.round(firstStartSec));
	}
	const second = await start(port, catalog.root, data, catalog.knownFile);
	try {
		const base = second.baseUrl;
		const restartCpuSec = cpuSec(second.child.pid);
		const rssStartMB = rssMB(second.child.pid);
		// The first requests after a start, then the same again.
		const libraryFirstRequestMs = await timed(`${base}/`);
		const packsFirstCallMs = await timed(`${base}/packs`);
		const packsPages = await walkPacks(base, second.child.pid);
		const later: number[] = [];
		for (let i = 0; i < 5; i++) later.push(await timed(`${base}/`));
		await exercise(base);
		const rssCatalogMB = rssMB(second.child.pid);
		const heapCatalog = await second.heap();

		// The first view, as a tablet loads it: HTML and scripts on the wire with gzip.
		const context = await newContext(browser);
		await context.setExtraHTTPHeaders({ 'Accept-Encoding': 'gzip' });
		const page = await context.newPage();
		const cdp = await throttle(page, 4);
		let html = 0;
		let js = 0;
		page.on('requestfinished', (request) => {
			void request.sizes().then((sizes) => {
				const type = request.resourceType();
				if (type === 'document') html += sizes.responseBodySize;
				if (type === 'script') js += sizes.responseBodySize;
			});
		});
		await page.goto(`${base}/`);
		await page
			.getByTestId('library-filters')
			.and(page.locator('[data-ready="true"]'))
			.waitFor({ timeout: 120_000 });
		await page.waitForLoadState('networkidle');
		const fcpOf = (p: typeof page) =>
			p.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
		// First contentful paint: this view and two more fresh ones (one sample swings by ± 30 %).
		const fcpSamples = [await fcpOf(page)];
		for (let i = 0; i < 2; i++) {
			const other = await newContext(browser);
			const otherPage = await other.newPage();
			const otherCdp = await throttle(otherPage, 4);
			await otherPage.goto(`${base}/`);
			await otherPage.getByTestId('library-filters').waitFor({ timeout: 120_000 });
			fcpSamples.push(await fcpOf(otherPage));
			await otherCdp.detach();
			await other.close();
		}
		const libraryFcpMs = median(fcpSamples);

		// Keystroke → results: from the key event to that query's results painted (a server round
		// trip: the page fetches one page of results), at 4× CPU (bench/lib/keystroke.ts).
		const keys = await measureKeystrokes(page, 'ecole');
		const samples = keys.map((k) => k.painted);
		const domSamples = keys.map((k) => k.dom);
		const fetchSamples = keys.map((k) => k.fetchMs);
		await cdp.detach();
		await context.close();
		return {
			comics,
			firstStartSec: firstStartSec === null ? null : Math.round(firstStartSec * 10) / 10,
			secondStartSec: Math.round(second.startSec * 10) / 10,
			restartCpuSec,
			rss3MB,
			rssCatalogMB,
			memory: {
				afterStart: { samples3: rss3StartMB, catalog: rssStartMB },
				heapAfterRequests: { samples3: heap3, catalog: heapCatalog },
				catalogAtEnd: rssMB(second.child.pid),
				requests: [...EXERCISE, '/packs (every page)', '/packs/<slug> × 20']
			},
			data: folders.describe,
			libraryFcpMs: Math.round(libraryFcpMs),
			libraryFcpSamples: fcpSamples.map(Math.round),
			firstViewGzipKB: {
				html: Math.round(html / 102.4) / 10,
				js: Math.round(js / 102.4) / 10,
				total: Math.round((html + js) / 102.4) / 10
			},
			keystrokeMs: { median: median(samples), max: Math.max(...samples), samples },
			keystrokeDomMs: { median: median(domSamples), max: Math.max(...domSamples), samples: domSamples },
			keystrokeFetchMs: fetchSamples,
			packsFirstCallMs,
			packsPages,
			libraryFirstRequestMs,
			libraryLaterRequestMs: median(later),
			firstRequests3: { libraryMs: libraryFirstRequest3Ms, packsMs: packsFirstCall3Ms }
		};
	} finally {
		await second.stop();
		if (folders.temporary) {
			rmSync(data, { recursive: true, force: true });
			rmSync(catalog.root, { recursive: true, force: true });
		}
	}
}
