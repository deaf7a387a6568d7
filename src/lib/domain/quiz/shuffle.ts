/**
 * Seeded, reproducible shuffling of answer options. An attempt stores its seed and the algorithm
 * name, so its results can be replayed exactly: once shipped, an algorithm is FROZEN FOREVER
 * (Kolibri's lesson). To change the shuffle, add `fy-mulberry32-v2` beside it and keep v1
 * working for the attempts recorded with it. The golden values in shuffle.test.ts guard this.
 */

/** A source of numbers in [0, 1), like Math.random but passed in. */
export type Rng = () => number;

/** The shuffle this build uses for new attempts. */
export const SHUFFLE_ALGORITHM = 'fy-mulberry32-v1';
export type ShuffleAlgorithm = typeof SHUFFLE_ALGORITHM;

/** mulberry32: a small, fast 32-bit PRNG; plenty for shuffling four options. FROZEN. */
export function mulberry32(seed: number): Rng {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** FNV-1a 32-bit hash of a string: turns an attempt seed + question id into a question seed. FROZEN. */
export function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash >>> 0;
}

/** Fisher–Yates shuffle of a copy of `items`, drawing from `rng`. FROZEN. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
	const out = items.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

/**
 * The shuffle of one question's options in one attempt: independent of the other questions, so
 * adding a question to a quiz does not reorder the options of the others.
 */
export function shuffleForQuestion<T>(items: readonly T[], attemptSeed: number, questionId: string): T[] {
	return shuffle(items, mulberry32(fnv1a(`${attemptSeed >>> 0}:${questionId}`)));
}

/**
 * An ordering question must not start in the right order (that would give the answer away):
 * with the same seed, the next permutations are tried until one differs. Still deterministic.
 */
export function shuffleNotIdentity<T>(items: readonly T[], attemptSeed: number, questionId: string): T[] {
	const rng = mulberry32(fnv1a(`${attemptSeed >>> 0}:${questionId}`));
	let out = shuffle(items, rng);
	for (let tries = 0; tries < 16 && items.length > 1 && out.every((x, i) => x === items[i]); tries++) {
		out = shuffle(items, rng);
	}
	return out;
}
