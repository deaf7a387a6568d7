/**
 * Issue 19, the catalog at scale: with a generated catalog (bench/lib/catalog.ts, default 2,000
 * comics) the server's first start (import and publish) and a restart, its memory, the library's
 * first contentful paint at 4× CPU, the HTML + JS of the first view, a search keystroke to updated
 * results, the first `/packs` call after a start, then every page of `/packs` and a few comics'
 * packs (with the server's memory after them). The server runs as `npm start` does
 * (src/cli/serve.js) with its own data folder, kept between the first start and the restart.
 *
 * BENCH_SCALE_COMICS: catalog size (default 2000). BENCH_SCALE_CATALOG + BENCH_SCALE_DATA: reuse a
 * generated catalog and a data folder that already imported it (then the first start is not
 * measured, and says so): the first import of 2,000 comics takes many minutes.
 */
import type { Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newContext, throttle } from './browser';
import { generateCatalog } from './catalog';
import { ROOT } from './server';

export interface ScaleFigures {
	comics: number;
	firstStartSec: number | null;
	secondStartSec: number;
	rss3MB: number;
	rssCatalogMB: number;
	libraryFcpMs: number;
	firstViewGzipKB: { html: number; js: number; total: number };
	keystrokeMs: { median: number; max: number; samples: number[] };
	/** The first page of `/packs` (paged since issue 19). */
	packsFirstCallMs: number;
	/** `/packs` page by page to the end, the first page again, and per-comic pack manifests. */
	packsPages: PacksPaging;
	libraryFirstRequestMs: number;
	libraryLaterRequestMs: number;
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

interface Running {
	child: ChildProcess;
	baseUrl: string;
	startSec: number;
	stop(): Promise<void>;
}

async function start(port: number, comics: string, data: string, known?: string): Promise<Running> {
	const began = performance.now();
	const child = spawn(process.execPath, ['src/cli/serve.js'], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			KALANSO_DATA: data,
			KALANSO_COMICS: comics,
			KALANSO_QUIET: '1',
			...(known ? { KALANSO_KNOWN_SAMPLES_FILE: known } : {})
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
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
		stop: () =>
			new Promise<void>((resolve) => {
				if (exited) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
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

export async function measureScale(browser: Browser, port: number): Promise<ScaleFigures> {
	const count = Number(process.env.BENCH_SCALE_COMICS ?? 2000);
	const reuse = process.env.BENCH_SCALE_CATALOG && process.env.BENCH_SCALE_DATA;
	const catalog = reuse
		? {
				root: process.env.BENCH_SCALE_CATALOG!,
				knownFile: path.join(process.env.BENCH_SCALE_CATALOG!, '.known-samples')
			}
		: await generateCatalog(count);
	const data = reuse ? process.env.BENCH_SCALE_DATA! : mkdtempSync(path.join(tmpdir(), 'kalanso-scale-'));
	const comics = reuse
		? readdirSync(catalog.root).filter((d) => existsSync(path.join(catalog.root, d, 'comic.json'))).length
		: count;

	// Memory with the three samples, for comparison.
	const smallData = mkdtempSync(path.join(tmpdir(), 'kalanso-scale-3-'));
	const small = await start(port, path.join(ROOT, 'comics'), smallData);
	await timed(`${small.baseUrl}/`);
	const rss3MB = rssMB(small.child.pid);
	await small.stop();
	rmSync(smallData, { recursive: true, force: true });

	let firstStartSec: number | null = null;
	if (!reuse) {
		console.log(`bench: scale: first start with ${comics} comics (import, validate, sign; minutes)…`);
		const first = await start(port, catalog.root, data, catalog.knownFile);
		firstStartSec = first.startSec;
		await first.stop();
	}
	const second = await start(port, catalog.root, data, catalog.knownFile);
	try {
		const base = second.baseUrl;
		// The first requests after a start, then the same again.
		const libraryFirstRequestMs = await timed(`${base}/`);
		const packsFirstCallMs = await timed(`${base}/packs`);
		const packsPages = await walkPacks(base, second.child.pid);
		const later: number[] = [];
		for (let i = 0; i < 5; i++) later.push(await timed(`${base}/`));

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
		const libraryFcpMs = await page.evaluate(
			() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN
		);

		// Keystroke → results: from the key press to the result count showing that query's answer
		// (a server round trip: the URL changes and the page data is fetched), at 4× CPU.
		const input = page.getByTestId('library-search');
		const samples: number[] = [];
		const word = 'ecole';
		for (let i = 1; i <= word.length; i++) {
			const expected = `?q=${word.slice(0, i)}`;
			// A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
			const done = page.evaluate(`new Promise((resolve) => {
				const expected = ${JSON.stringify(expected)};
				const observer = new MutationObserver(() => {
					const list = document.querySelector('[data-testid="library-count"]');
					if (list && list.getAttribute('data-query') === expected) {
						observer.disconnect();
						resolve(performance.now());
					}
				});
				observer.observe(document.body, { subtree: true, childList: true, attributes: true });
			})`) as Promise<number>;
			done.catch(() => {});
			const t0 = await page.evaluate(() => performance.now());
			await input.press(word[i - 1]!);
			const timeout = new Promise<never>((_, reject) =>
				setTimeout(() => reject(new Error(`no results for "${expected}" within 30 s`)), 30_000)
			);
			samples.push(Math.round((await Promise.race([done, timeout])) - t0));
		}
		await cdp.detach();
		await context.close();
		return {
			comics,
			firstStartSec: firstStartSec === null ? null : Math.round(firstStartSec * 10) / 10,
			secondStartSec: Math.round(second.startSec * 10) / 10,
			rss3MB,
			rssCatalogMB: rssMB(second.child.pid),
			libraryFcpMs: Math.round(libraryFcpMs),
			firstViewGzipKB: {
				html: Math.round(html / 102.4) / 10,
				js: Math.round(js / 102.4) / 10,
				total: Math.round((html + js) / 102.4) / 10
			},
			keystrokeMs: { median: median(samples), max: Math.max(...samples), samples },
			packsFirstCallMs,
			packsPages,
			libraryFirstRequestMs,
			libraryLaterRequestMs: median(later)
		};
	} finally {
		await second.stop();
		if (!reuse) {
			rmSync(data, { recursive: true, force: true });
			rmSync(catalog.root, { recursive: true, force: true });
		}
	}
}
