/**
 * Where a library search keystroke's time goes (issue 19), load-independent: a V8 CPU profile of
 * the page while a word is typed a key at a time into the library's search box, each key waiting
 * for its results (the `data-query` of the count), summarised by function and by source file.
 * Run against a server holding the generated catalog (bench/lib/scale.ts), after
 * `npx vite build --sourcemap` for source names:
 *   KEYSTROKE_URL=http://127.0.0.1:5290 npx tsx bench/keystroke-profile.ts
 * KEYSTROKE_CPU_RATE: CPU slowdown (1 by default: at 4× the throttler's pauses are charged to
 * whichever function was running). Prints each key's latency (bench/lib/keystroke.ts; under
 * load, not a figure), the JavaScript by function and source, and inclusive time by app source.
 */
import { launchBrowser, newContext, throttle } from './lib/browser';
import { measureKeystrokes } from './lib/keystroke';
import { callersOf, sourceOf, startProfile, summarizeProfile, type CpuProfile } from './lib/profile';

const BASE = process.env.KEYSTROKE_URL ?? 'http://127.0.0.1:5290';
const RATE = Number(process.env.KEYSTROKE_CPU_RATE ?? 1);
const WORD = process.env.KEYSTROKE_WORD ?? 'ecole';

const browser = await launchBrowser();
try {
	const context = await newContext(browser);
	const page = await context.newPage();
	const cdp = await throttle(page, RATE);
	await page.goto(`${BASE}/`);
	await page.getByTestId('library-filters').and(page.locator('[data-ready="true"]')).waitFor();
	await page.waitForLoadState('networkidle');
	const stop = await startProfile(page, 100);
	const keys = await measureKeystrokes(page, WORD);
	const profile = await stop();
	const requests = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.filter((e) => e.name.includes('/api/library') || e.name.includes('__data.json'))
			.map((e) => {
				const r = e as PerformanceResourceTiming;
				return `${new URL(r.name).search}: ${Math.round(r.responseEnd - r.startTime)} ms (server ${Math.round(r.responseStart - r.requestStart)} ms)`;
			})
	);
	console.log(`requests: ${requests.join('; ')}`);
	await cdp.detach();
	console.log(
		`CPU rate ${RATE}×; key event → results updated / painted (request), ms: ` +
			keys.map((k) => `${k.key} ${k.dom}/${k.painted} (${k.fetchMs})`).join(', ')
	);
	console.log(JSON.stringify(summarizeProfile(profile, 40), null, 1));
	console.log(JSON.stringify(inclusiveBySource(profile), null, 1));
} finally {
	await browser.close();
}

/**
 * Time of the samples whose stack runs each app source file (a sample counts once per file), and
 * the app's total: samples with a frame of the served app (`/_app/`) in their stack. The rest is
 * the harness (Playwright's polling) or the browser between tasks.
 */
function inclusiveBySource(profile: CpuProfile): Record<string, number> {
	const parent = callersOf(profile);
	const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
	const totals = new Map<string, number>();
	const stacks = new Map<string, number>();
	profile.samples.forEach((id, i) => {
		const ms = (profile.timeDeltas[i] ?? 0) / 1000;
		const files = new Set<string>();
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const frame = byId.get(at)!;
			if (!frame.url.includes('/_app/')) continue;
			files.add('(app)');
			const source = sourceOf(frame.url, frame.lineNumber, frame.columnNumber);
			if (source) files.add(source.replace(/:\d+$/, ''));
		}
		for (const file of files) totals.set(file, (totals.get(file) ?? 0) + ms);
		if (files.size && process.env.KEYSTROKE_STACKS) {
			const names: string[] = [];
			for (let at: number | undefined = id; at !== undefined && names.length < 8; at = parent.get(at)) {
				const frame = byId.get(at)!;
				const source = frame.url.includes('/_app/')
					? sourceOf(frame.url, frame.lineNumber, frame.columnNumber)
					: null;
				names.push(`${frame.functionName || '?'}@${source ?? (frame.url ? 'x' : 'native')}`);
			}
			const key = names.join(' < ');
			stacks.set(key, (stacks.get(key) ?? 0) + ms);
		}
	});
	if (process.env.KEYSTROKE_STACKS)
		for (const [key, ms] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 30))
			console.log(`${ms.toFixed(1)} ${key}`);
	return Object.fromEntries(
		[...totals]
			.filter(([file]) => file === '(app)' || file.startsWith('src/'))
			.sort((a, b) => b[1] - a[1])
			.slice(0, 25)
			.map(([file, ms]) => [file, Math.round(ms * 10) / 10])
	);
}
