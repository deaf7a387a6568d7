import { describe, expect, it } from 'vitest';
import {
	fnv1a,
	mulberry32,
	shuffle,
	shuffleForQuestion,
	shuffleNotIdentity,
	SHUFFLE_ALGORITHM
} from './shuffle';

// GOLDEN VALUES: recorded attempts replay their option order from (seed, algorithm). If one of
// these fails, the shipped shuffle changed: restore it and add a new versioned algorithm instead.
describe(`${SHUFFLE_ALGORITHM} is frozen`, () => {
	it('mulberry32(42) draws the recorded numbers', () => {
		const rng = mulberry32(42);
		expect([rng(), rng(), rng()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
	});

	it('fnv1a hashes as recorded', () => {
		expect([fnv1a(''), fnv1a('kalanso'), fnv1a('123:q-where')]).toEqual([2166136261, 3970371742, 3476185748]);
	});

	it('shuffles as recorded', () => {
		expect(shuffle(['a', 'b', 'c', 'd', 'e'], mulberry32(1))).toEqual(['e', 'c', 'b', 'a', 'd']);
		expect(shuffleForQuestion(['a', 'b', 'c', 'd'], 123456789, 'q-where')).toEqual(['c', 'b', 'a', 'd']);
		expect(shuffleForQuestion(['a', 'b', 'c', 'd'], 123456789, 'q-who')).toEqual(['d', 'b', 'c', 'a']);
		expect(shuffleNotIdentity(['a', 'b', 'c'], 7, 'q-order')).toEqual(['c', 'b', 'a']);
	});
});

describe('shuffle', () => {
	it('is deterministic for a seed', () => {
		for (let seed = 0; seed < 50; seed++) {
			expect(shuffleForQuestion([1, 2, 3, 4, 5], seed, 'q')).toEqual(
				shuffleForQuestion([1, 2, 3, 4, 5], seed, 'q')
			);
		}
	});

	it('returns a permutation and leaves the input alone', () => {
		const input = ['a', 'b', 'c', 'd', 'e', 'f'];
		for (let seed = 0; seed < 50; seed++) {
			const out = shuffleForQuestion(input, seed, 'q');
			expect([...out].sort()).toEqual(input);
		}
		expect(input).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
	});

	it('gives different orders for different seeds and questions', () => {
		const orders = new Set<string>();
		for (let seed = 0; seed < 40; seed++)
			orders.add(shuffleForQuestion(['a', 'b', 'c', 'd'], seed, 'q').join(''));
		expect(orders.size).toBeGreaterThan(10);
		const perQuestion = new Set(
			['q1', 'q2', 'q3', 'q4', 'q5'].map((q) => shuffleForQuestion([1, 2, 3, 4], 9, q).join())
		);
		expect(perQuestion.size).toBeGreaterThan(1);
	});

	it('is roughly uniform over 3 items', () => {
		const counts = new Map<string, number>();
		for (let seed = 0; seed < 6000; seed++) {
			const key = shuffleForQuestion(['a', 'b', 'c'], seed, 'q').join('');
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
		expect(counts.size).toBe(6);
		for (const n of counts.values()) expect(n).toBeGreaterThan(800);
	});

	it('never starts an ordering question in the right order', () => {
		for (let seed = 0; seed < 300; seed++) {
			expect(shuffleNotIdentity(['a', 'b', 'c'], seed, 'q')).not.toEqual(['a', 'b', 'c']);
		}
	});
});
