/**
 * `npx tsx bench/cold-start-trace.ts [label]`: where a cold start's time goes (issue 21), as shares
 * that hold under load, for comparing two builds. Runs only traced cold starts (offline, 4× CPU, on
 * `npm run build`'s output; BENCH_SOURCEMAP builds name source files), then prints and writes
 * `bench/results/cold-start-trace-<label>.json.tmp`: per run the main thread's time by kind and by
 * phase between the app's `kalanso:*` marks, the fetches before the first panel, and the JavaScript
 * self time by source module. The wall times in it are not figures on a loaded machine; the
 * shares, the counts and the order of the milestones are what to compare.
 *
 * Environment: BENCH_PORT (default 4208), BENCH_COMIC (slug; default the comic with the most
 * panels, as `npm run bench`), BENCH_TRACE_RUNS (default 3).
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './lib/browser';
import { traceColdStart, type ColdStartBreakdown } from './lib/cold-start';
import { ROOT, comicsRootForBench, startServer } from './lib/server';

const PORT = Number(process.env.BENCH_PORT ?? 4208);
const RUNS = Math.max(1, Number(process.env.BENCH_TRACE_RUNS ?? 3));
const label = process.argv[2] ?? 'run';

async function chooseComic(baseUrl: string, comicsRoot: string): Promise<string> {
	if (process.env.BENCH_COMIC) return process.env.BENCH_COMIC;
	let best = { slug: '', panels: -1 };
	for (const slug of readdirSync(comicsRoot)) {
		if (!existsSync(path.join(comicsRoot, slug, 'comic.json'))) continue;
		const response = await fetch(`${baseUrl}/api/comics/${slug}`);
		if (!response.ok) continue;
		const manifest = (await response.json()) as {
			pages: { panels: unknown[] }[];
		};
		const panels = manifest.pages.reduce((sum, p) => sum + p.panels.length, 0);
		if (panels > best.panels || (panels === best.panels && slug < best.slug)) best = { slug, panels };
	}
	return best.slug;
}

/** Shares (%) of the traced time, rounded. */
function shares(values: Record<string, number>, total: number): Record<string, number> {
	return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Math.round((1000 * v) / total) / 10]));
}

function summary(b: ColdStartBreakdown) {
	const total = Object.values(b.mainThreadMs).reduce((a, v) => a + v, 0);
	const beforePanel = b.fetched.filter((f) => f.startMs < b.tracedRunMs);
	return {
		tracedRunMs: b.tracedRunMs,
		mainThreadCpuMs: b.mainThreadCpuMs,
		mainThreadShares: shares(b.mainThreadMs, total),
		phases: b.phases.map((p) => ({
			until: p.until,
			fromMs: p.fromMs,
			toMs: p.toMs,
			cpuMs: p.cpuMs,
			shareOfRun: Math.round((1000 * (p.toMs - p.fromMs)) / total) / 10,
			busyShareOfRun: Math.round((1000 * p.busyMs) / total) / 10
		})),
		fetchedBeforeFirstPanel: beforePanel.length,
		fetched: b.fetched.map((f) => `${f.startMs}–${f.endMs} ${f.path}`),
		jsBusyMs: b.jsProfile?.busyMs ?? null,
		jsBySourceShares: b.jsProfile ? shares(b.jsProfile.bySource, b.jsProfile.busyMs) : null,
		jsTopFunctions: b.jsProfile?.byFunction ?? null
	};
}

async function main() {
	const comicsRoot = comicsRootForBench();
	const server = await startServer(PORT, comicsRoot);
	const browser = await launchBrowser();
	try {
		const slug = await chooseComic(server.baseUrl, comicsRoot);
		const { mode, breakdowns, profiles } = await traceColdStart(browser, server.baseUrl, slug, RUNS, 4);
		// The raw V8 profiles, for DevTools (Performance → load profile) or for callers of native calls.
		profiles.forEach((profile, i) =>
			writeFileSync(
				path.join(ROOT, 'bench/results', `cold-start-trace-${label}-${i + 1}.cpuprofile.tmp`),
				JSON.stringify(profile)
			)
		);
		const runs = breakdowns.map((b) => (b ? summary(b) : null));
		const out = { label, slug, mode, cpuSlowdown: 4, runs, raw: breakdowns };
		const file = path.join(ROOT, 'bench/results', `cold-start-trace-${label}.json.tmp`);
		writeFileSync(file, JSON.stringify(out, null, 1));
		console.log(JSON.stringify({ label, slug, mode, runs }, null, 1));
		console.log(`written: ${path.relative(ROOT, file)}`);
	} finally {
		await browser.close();
		server.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
