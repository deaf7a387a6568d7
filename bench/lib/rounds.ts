/**
 * Timing figures in rounds (issue 21). Each round runs the whole measure once and collects its
 * figures; the 1-minute load average (os.loadavg) is read before and after it. The rounds are then
 * combined by `combineRounds` (src/lib/domain/bench-stats-rounds.ts): median of the accepted rounds,
 * min / median / max spread, and a round taken with the machine busy refused.
 *
 * Environment: BENCH_ROUNDS (default 3, at least 3), BENCH_MAX_LOAD_PER_CORE (default 1.0),
 * BENCH_ALLOW_LOAD=1 (keep rounds under load, for smoke runs: the figures are then flagged),
 * BENCH_LOAD_WAIT_SEC (default 60: before a round, wait up to this long for the load to settle
 * under the ceiling; the bench's own previous round raises the 1-minute average).
 */
import os from 'node:os';
import {
	DEFAULT_MAX_LOAD_PER_CORE,
	MIN_ROUNDS,
	combineRounds,
	type LoadPolicy,
	type Round,
	type RoundedFigure
} from '../../src/lib/domain/bench-stats-rounds';

export const ROUNDS = Math.max(MIN_ROUNDS, Number(process.env.BENCH_ROUNDS ?? MIN_ROUNDS));

export const LOAD_POLICY: LoadPolicy = {
	cores: os.cpus().length,
	maxLoadPerCore: Number(process.env.BENCH_MAX_LOAD_PER_CORE ?? DEFAULT_MAX_LOAD_PER_CORE),
	allowLoad: process.env.BENCH_ALLOW_LOAD === '1'
};

const LOAD_WAIT_MS = 1000 * Number(process.env.BENCH_LOAD_WAIT_SEC ?? 60);

const load1m = () => os.loadavg()[0] ?? NaN;

/** Waits (up to BENCH_LOAD_WAIT_SEC) until the 1-minute load is under the ceiling. */
async function settle(): Promise<void> {
	const ceiling = LOAD_POLICY.maxLoadPerCore * LOAD_POLICY.cores;
	const until = Date.now() + LOAD_WAIT_MS;
	while (load1m() > ceiling && Date.now() < until) await new Promise((r) => setTimeout(r, 2000));
}

/** The figures one round measured, by id, plus anything the round wants kept (details, labels). */
export interface RoundOutput<T> {
	values: Record<string, number | null>;
	extra: T;
}

export interface RoundsResult<T> {
	figures: Map<string, RoundedFigure>;
	/** The `extra` of every round, in order. */
	extras: T[];
	/** The `extra` of the accepted round whose value of `pivot` is the median (or the last round). */
	medianExtra: (pivot: string) => T;
	policy: LoadPolicy;
}

/** Runs `measure` ROUNDS times, reading the load around each, and combines the rounds. */
export async function inRounds<T>(
	label: string,
	measure: () => Promise<RoundOutput<T>>
): Promise<RoundsResult<T>> {
	const rounds: Round[] = [];
	const extras: T[] = [];
	for (let i = 0; i < ROUNDS; i++) {
		if (!LOAD_POLICY.allowLoad) await settle();
		const loadBefore = load1m();
		const out = await measure();
		const loadAfter = load1m();
		rounds.push({ loadBefore, loadAfter, values: out.values });
		extras.push(out.extra);
		console.log(
			`bench: ${label} round ${i + 1}/${ROUNDS}: load ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`
		);
	}
	const combined = combineRounds(rounds, LOAD_POLICY);
	const figures = new Map(combined.map((f) => [f.id, f]));
	return {
		figures,
		extras,
		policy: LOAD_POLICY,
		medianExtra: (pivot) => {
			const f = figures.get(pivot);
			if (!f || f.value === null) return extras[extras.length - 1]!;
			// The accepted round closest to the median (for an even count the median is between two).
			let best = -1;
			f.rounds.forEach((r, i) => {
				if (!r.accepted || r.value === null) return;
				if (best < 0 || Math.abs(r.value - f.value!) < Math.abs(f.rounds[best]!.value! - f.value!)) best = i;
			});
			return extras[Math.max(0, best)]!;
		}
	};
}
