/**
 * Rounds of a timing figure (issue 21): the benchmark takes every timing figure in several rounds,
 * notes the machine's load average before and after each, refuses a round taken while the machine
 * was busy, and reports the figure as the median of the accepted rounds with their spread
 * (min / median / max). Pure arithmetic, unit-tested in bench-stats-rounds.test.ts; the Node side
 * (os.loadavg, running the rounds) is in bench/lib/rounds.ts.
 */
import { median } from './bench-stats';

/** At least this many accepted rounds make a figure; fewer and the figure is "not measured". */
export const MIN_ROUNDS = 3;

/**
 * Default ceiling of the 1-minute load average per core, before and after a round. The bench
 * itself keeps about 0.8 per core busy on a 2-core machine (headless Chromium + the server: the
 * issue's "quiet" run read 1.7 with nothing else running), so 1.0 per core means "the bench and
 * little else". Above it another process was competing for the CPU and the round's wall times are
 * not the app's.
 */
export const DEFAULT_MAX_LOAD_PER_CORE = 1.0;

export interface LoadPolicy {
	cores: number;
	/** Ceiling of the 1-minute load average divided by the number of cores. */
	maxLoadPerCore: number;
	/** BENCH_ALLOW_LOAD=1: keep rounds taken under load (smoke runs), marked as such. */
	allowLoad: boolean;
}

/** The load of one round: 1-minute load average before and after. */
export interface RoundLoad {
	loadBefore: number;
	loadAfter: number;
}

export interface RoundVerdict {
	/** The round's values count towards the figure. */
	accepted: boolean;
	/** The machine was above the ceiling before or after (kept only with allowLoad). */
	underLoad: boolean;
	/** Why a round is refused or flagged. */
	reason?: string;
}

/** Rounds the load average to two decimals for the results file. */
const two = (x: number) => Math.round(x * 100) / 100;

/**
 * Whether a round with this load counts. The ceiling applies to the load before the round (after
 * waiting for the bench's own previous round to fade): that is what other processes put on the
 * machine. The load after is recorded but does not decide, because it is mostly the round itself:
 * on this 2-core machine, idle at 0.5, one cold-start round (Chromium at 4× CPU slowdown) lifts the
 * 1-minute average to 2.5, so a ceiling on it refused every round of a quiet machine.
 */
export function judgeRound(load: RoundLoad, policy: LoadPolicy): RoundVerdict {
	if (!(policy.cores > 0)) throw new RangeError(`cores must be positive: ${policy.cores}`);
	const ceiling = policy.maxLoadPerCore * policy.cores;
	const worst = load.loadBefore;
	if (!Number.isFinite(worst) || !Number.isFinite(load.loadAfter))
		return { accepted: false, underLoad: true, reason: 'load average unknown' };
	if (worst <= ceiling) return { accepted: true, underLoad: false };
	const reason =
		`load average ${two(load.loadBefore)} before, ${two(load.loadAfter)} after, over ` +
		`${two(ceiling)} (${policy.maxLoadPerCore} per core × ${policy.cores} cores)`;
	return policy.allowLoad
		? { accepted: true, underLoad: true, reason: `${reason}; kept (BENCH_ALLOW_LOAD=1)` }
		: { accepted: false, underLoad: true, reason };
}

/** Min / median / max of the rounds' values, and how many there were. */
export interface Spread {
	n: number;
	min: number;
	median: number;
	max: number;
}

export function spread(values: readonly number[]): Spread {
	if (values.length === 0) throw new RangeError('spread of no rounds');
	return { n: values.length, min: Math.min(...values), median: median(values), max: Math.max(...values) };
}

/** What one round measured: figure id → value (null: the round could not measure it). */
export interface Round extends RoundLoad {
	values: Readonly<Record<string, number | null>>;
}

/** A figure taken in rounds. */
export interface RoundedFigure {
	id: string;
	/** Median of the accepted rounds; null when fewer than `minRounds` rounds were accepted. */
	value: number | null;
	/** Spread of the accepted rounds' values (null when none). */
	spread: Spread | null;
	/** Some accepted round was taken under load (allowLoad): not a figure for the README. */
	underLoad: boolean;
	/** Why the figure is null. */
	reason?: string;
	/** Every round, accepted or not, with its load and value. */
	rounds: {
		value: number | null;
		loadBefore: number;
		loadAfter: number;
		accepted: boolean;
		reason?: string;
	}[];
}

/**
 * Combines the rounds of every figure id they measured. A figure's value is the median of the
 * values of the accepted rounds; with fewer than `minRounds` of them it is null ("not measured")
 * and the reason says how many rounds were refused for load.
 */
export function combineRounds(
	rounds: readonly Round[],
	policy: LoadPolicy,
	minRounds = MIN_ROUNDS
): RoundedFigure[] {
	const verdicts = rounds.map((r) => judgeRound(r, policy));
	const ids = [...new Set(rounds.flatMap((r) => Object.keys(r.values)))];
	return ids.map((id) => {
		const perRound = rounds.map((r, i) => {
			const value = r.values[id] ?? null;
			const v = verdicts[i]!;
			return {
				value,
				loadBefore: two(r.loadBefore),
				loadAfter: two(r.loadAfter),
				accepted: v.accepted && value !== null,
				...(v.reason ? { reason: v.reason } : value === null ? { reason: 'not measured in this round' } : {})
			};
		});
		const kept = perRound.filter((r) => r.accepted).map((r) => r.value!);
		const underLoad = perRound.some((r, i) => r.accepted && verdicts[i]!.underLoad);
		if (kept.length < minRounds) {
			const refused = verdicts.filter((v) => !v.accepted).length;
			return {
				id,
				value: null,
				spread: kept.length ? spread(kept) : null,
				underLoad,
				reason:
					`not measured: ${kept.length} of ${rounds.length} round(s) usable, ${minRounds} needed` +
					(refused ? ` (${refused} refused: machine under load; BENCH_ALLOW_LOAD=1 keeps them)` : ''),
				rounds: perRound
			};
		}
		return { id, value: median(kept), spread: spread(kept), underLoad, rounds: perRound };
	});
}
