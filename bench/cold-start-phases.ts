/**
 * `npx tsx bench/cold-start-phases.ts <label> [milestone] [top]`: where the JavaScript of each
 * phase of a cold start goes, from the traced runs `bench/cold-start-trace.ts <label>` wrote
 * (`bench/results/cold-start-trace-<label>.json.tmp` and its `-<n>.cpuprofile.tmp`). A phase ends at
 * one of the reader's `kalanso:*` milestones (e.g. `kalanso:first-panel`: from the mark before it to
 * the first panel). For each phase: the functions by inclusive time (the function and what it called)
 * and by self time, ms per run (averaged over the runs), named by source file and line where the
 * build has source maps (`npx vite build --sourcemap`). Samples outside tap → first panel are left out.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { callersOf, originalOf, type CpuProfile } from './lib/profile';
import { ROOT } from './lib/server';

const [label, wanted, topArg] = process.argv.slice(2);
if (!label) {
	console.error('usage: npx tsx bench/cold-start-phases.ts <label> [kalanso:milestone] [top]');
	process.exit(2);
}
const top = Number(topArg ?? 30);
const results = path.join(ROOT, 'bench/results');

interface TracedRun {
	tracedRunMs: number;
	marksMs: Record<string, number>;
	windowUs: { fromUs: number; toUs: number };
}
const data = JSON.parse(readFileSync(path.join(results, `cold-start-trace-${label}.json.tmp`), 'utf8')) as {
	raw: (TracedRun | null)[];
};

type Totals = Map<string, number>;
const inclusive = new Map<string, Totals>();
const self = new Map<string, Totals>();
const add = (table: Map<string, Totals>, phase: string, key: string, ms: number) => {
	const totals = table.get(phase) ?? new Map<string, number>();
	table.set(phase, totals);
	totals.set(key, (totals.get(key) ?? 0) + ms);
};

let runs = 0;
// BENCH_PHASE_RUNS=2,3 (1-based): only those traced runs (e.g. the slow ones, to see what differs).
const onlyRuns = (process.env.BENCH_PHASE_RUNS ?? '').split(',').filter(Boolean).map(Number);
data.raw.forEach((run, i) => {
	if (!run || (onlyRuns.length > 0 && !onlyRuns.includes(i + 1))) return;
	runs++;
	const profile = JSON.parse(
		readFileSync(path.join(results, `cold-start-trace-${label}-${i + 1}.cpuprofile.tmp`), 'utf8')
	) as CpuProfile;
	const marks = Object.entries(run.marksMs).sort((a, b) => a[1] - b[1]);
	const caller = callersOf(profile);
	const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
	const names = new Map<number, string>();
	const nameOf = (id: number): string => {
		let name = names.get(id);
		if (name === undefined) {
			const f = frames.get(id)!;
			const at = f.url ? originalOf(f.url, f.lineNumber, f.columnNumber) : null;
			const where = at ? `${at.source}:${at.line}` : f.url ? f.url.replace(/.*\//, '') : '(native)';
			name = `${f.functionName || '(anonymous)'} ${where}`;
			names.set(id, name);
		}
		return name;
	};
	let sampledAt = profile.startTime ?? 0;
	profile.samples.forEach((id, k) => {
		const delta = profile.timeDeltas[k] ?? 0;
		sampledAt += delta;
		const fromTap = (sampledAt - run.windowUs.fromUs) / 1000;
		if (fromTap < 0 || sampledAt > run.windowUs.toUs) return;
		const fn = frames.get(id)?.functionName;
		if (fn === '(idle)' || fn === '(program)') return;
		const phase = marks.find(([, at]) => at >= fromTap)?.[0] ?? 'kalanso:first-panel';
		const ms = delta / 1000;
		add(self, phase, nameOf(id), ms);
		const seen = new Set<string>();
		for (let n: number | undefined = id; n !== undefined; n = caller.get(n)) {
			const name = nameOf(n);
			if (!seen.has(name)) add(inclusive, phase, name, ms);
			seen.add(name);
		}
	});
});

const print = (totals: Totals | undefined) => {
	for (const [key, ms] of [...(totals ?? [])].sort((a, b) => b[1] - a[1]).slice(0, top))
		console.log(`${(ms / runs).toFixed(1).padStart(8)}  ${key}`);
};
for (const phase of inclusive.keys()) {
	if (wanted && phase !== wanted) continue;
	console.log(`\n== until ${phase}: JavaScript by function, ms per run (${runs} runs), inclusive`);
	print(inclusive.get(phase));
	console.log('-- self');
	print(self.get(phase));
}
