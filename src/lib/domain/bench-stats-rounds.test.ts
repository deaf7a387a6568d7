import { describe, expect, it } from 'vitest';
import { combineRounds, judgeRound, spread, type LoadPolicy, type Round } from './bench-stats-rounds';

const quiet: LoadPolicy = { cores: 2, maxLoadPerCore: 1, allowLoad: false };

describe('judgeRound', () => {
	it('accepts a round whose load stays at or below the ceiling (per core × cores)', () => {
		expect(judgeRound({ loadBefore: 1.2, loadAfter: 2 }, quiet)).toEqual({
			accepted: true,
			underLoad: false
		});
	});

	it('refuses a round when the load before is over the ceiling', () => {
		const v = judgeRound({ loadBefore: 2.01, loadAfter: 0.5 }, quiet);
		expect(v.accepted).toBe(false);
		expect(v.underLoad).toBe(true);
		expect(v.reason).toContain('2.01 before');
	});

	it("does not hold the round's own load against it (the load after is mostly the round itself)", () => {
		expect(judgeRound({ loadBefore: 0.3, loadAfter: 4.5 }, quiet).accepted).toBe(true);
		expect(judgeRound({ loadBefore: 0.3, loadAfter: NaN }, quiet).accepted).toBe(false);
	});

	it('keeps a round under load with allowLoad, flagged', () => {
		const v = judgeRound({ loadBefore: 6, loadAfter: 6 }, { ...quiet, allowLoad: true });
		expect(v).toMatchObject({ accepted: true, underLoad: true });
		expect(v.reason).toContain('BENCH_ALLOW_LOAD');
	});

	it('scales the ceiling with the cores', () => {
		expect(judgeRound({ loadBefore: 3, loadAfter: 3 }, { ...quiet, cores: 4 }).accepted).toBe(true);
		expect(judgeRound({ loadBefore: 3, loadAfter: 3 }, { ...quiet, cores: 2 }).accepted).toBe(false);
	});

	it('refuses an unknown load rather than trusting it', () => {
		expect(judgeRound({ loadBefore: NaN, loadAfter: 0 }, quiet).accepted).toBe(false);
	});
});

describe('spread', () => {
	it('gives min, median and max of the rounds', () => {
		expect(spread([900, 700, 800])).toEqual({ n: 3, min: 700, median: 800, max: 900 });
		expect(spread([4, 1, 3, 2])).toEqual({ n: 4, min: 1, median: 2.5, max: 4 });
	});

	it('throws on no rounds', () => {
		expect(() => spread([])).toThrow(RangeError);
	});
});

describe('combineRounds', () => {
	const round = (loadBefore: number, loadAfter: number, values: Round['values']): Round => ({
		loadBefore,
		loadAfter,
		values
	});

	it('takes the median of three quiet rounds and reports the spread of each figure', () => {
		const figures = combineRounds(
			[round(0.5, 1.1, { a: 10, b: 1 }), round(1.0, 1.3, { a: 30, b: 3 }), round(1.2, 1.4, { a: 20, b: 2 })],
			quiet
		);
		expect(figures.map((f) => [f.id, f.value])).toEqual([
			['a', 20],
			['b', 2]
		]);
		expect(figures[0]!.spread).toEqual({ n: 3, min: 10, median: 20, max: 30 });
		expect(figures[0]!.rounds.map((r) => [r.loadBefore, r.loadAfter, r.accepted])).toEqual([
			[0.5, 1.1, true],
			[1, 1.3, true],
			[1.2, 1.4, true]
		]);
		expect(figures[0]!.underLoad).toBe(false);
	});

	it('leaves a refused round out of the median', () => {
		const [f] = combineRounds(
			[
				round(0.5, 0.5, { a: 10 }),
				round(5, 5, { a: 1000 }),
				round(0.5, 0.5, { a: 12 }),
				round(0.5, 0.5, { a: 11 })
			],
			quiet
		);
		expect(f!.value).toBe(11);
		expect(f!.spread).toEqual({ n: 3, min: 10, median: 11, max: 12 });
		expect(f!.rounds[1]).toMatchObject({ value: 1000, accepted: false });
		expect(f!.rounds[1]!.reason).toContain('over 2');
	});

	it('marks the figure not measured when load leaves fewer than three rounds', () => {
		const [f] = combineRounds(
			[round(0.5, 0.5, { a: 10 }), round(3, 3, { a: 50 }), round(0.5, 0.5, { a: 12 })],
			quiet
		);
		expect(f!.value).toBeNull();
		expect(f!.reason).toMatch(
			/not measured: 2 of 3 round\(s\) usable, 3 needed \(1 refused: machine under load/
		);
		expect(f!.spread).toEqual({ n: 2, min: 10, median: 11, max: 12 });
	});

	it('marks the figure not measured when only two rounds were taken', () => {
		const [f] = combineRounds([round(0.1, 0.1, { a: 1 }), round(0.1, 0.1, { a: 2 })], quiet);
		expect(f!.value).toBeNull();
	});

	it('keeps rounds under load with allowLoad, and says so', () => {
		const [f] = combineRounds([round(5, 5, { a: 1 }), round(5, 5, { a: 2 }), round(0.1, 0.1, { a: 3 })], {
			...quiet,
			allowLoad: true
		});
		expect(f!.value).toBe(2);
		expect(f!.underLoad).toBe(true);
	});

	it('counts a round that could not measure a figure as unusable for that figure only', () => {
		const figures = combineRounds(
			[round(0.1, 0.1, { a: 1, b: null }), round(0.1, 0.1, { a: 2, b: 5 }), round(0.1, 0.1, { a: 3, b: 6 })],
			quiet
		);
		expect(figures.find((f) => f.id === 'a')!.value).toBe(2);
		const b = figures.find((f) => f.id === 'b')!;
		expect(b.value).toBeNull();
		expect(b.rounds[0]).toMatchObject({ accepted: false, reason: 'not measured in this round' });
	});
});
