import { describe, expect, it } from 'vitest';
import { lockedForMs, recordFailure, type ThrottlePolicy } from './throttle';

const policy: ThrottlePolicy = { maxFailures: 3, windowMs: 1000, lockMs: 5000 };

/** Runs failures at the given times and returns the lock (ms) after each. */
function run(times: number[]): number[] {
	let record = undefined as ReturnType<typeof recordFailure> | undefined;
	return times.map((t) => {
		if (lockedForMs(record, t) > 0) return lockedForMs(record, t);
		record = recordFailure(record, 'k', t, policy);
		return lockedForMs(record, t);
	});
}

describe('throttle policy', () => {
	it.each([
		['locks at the third failure within the window', [0, 100, 200], [0, 0, 5000]],
		['a spread-out failure starts a new window', [0, 100, 1200, 1300], [0, 0, 0, 0]],
		['attempts while locked are refused with the time left', [0, 1, 2, 3000], [0, 0, 5000, 2002]],
		['after the lock, counting starts again', [0, 1, 2, 5002, 5003], [0, 0, 5000, 0, 0]]
	])('%s', (_name, times, locks) => {
		expect(run(times)).toEqual(locks);
	});
});
