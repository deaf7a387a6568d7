import type { ThrottleRecord } from './repositories';

/**
 * Login throttling policy, pure (time comes in as `nowMs`). Per `username|ip`: after
 * `maxFailures` wrong passwords within `windowMs`, that key is locked for `lockMs`. Keying on the
 * address as well means one pupil hammering a teacher's name from a tablet does not lock the teacher
 * out on their own laptop.
 */
export interface ThrottlePolicy {
	maxFailures: number;
	windowMs: number;
	lockMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
	maxFailures: 5,
	windowMs: 15 * 60_000,
	lockMs: 15 * 60_000
};

/**
 * Failures from one address whatever the username, so guessing many usernames from one machine is
 * slowed too. High enough that a school sharing one public address is not locked out by typos.
 */
export const ADDRESS_THROTTLE: ThrottlePolicy = {
	maxFailures: 50,
	windowMs: 15 * 60_000,
	lockMs: 15 * 60_000
};

/** The throttle key for every attempt from an address (`*` cannot start a username). */
export function addressThrottleKey(ip: string): string {
	return `*|${ip}`;
}

/** The throttle key for an account and a client address. */
export function throttleKey(username: string, ip: string): string {
	return `${username}|${ip}`;
}

/** Milliseconds until the key may try again; 0 when not locked. */
export function lockedForMs(record: ThrottleRecord | undefined, nowMs: number): number {
	if (!record?.lockedUntil) return 0;
	return Math.max(0, Date.parse(record.lockedUntil) - nowMs);
}

/** The record after one more failed attempt at `nowMs`. */
export function recordFailure(
	record: ThrottleRecord | undefined,
	key: string,
	nowMs: number,
	policy: ThrottlePolicy = DEFAULT_THROTTLE
): ThrottleRecord {
	const now = new Date(nowMs).toISOString();
	const windowOpen =
		record !== undefined &&
		lockedForMs(record, nowMs) === 0 &&
		record.lockedUntil === null &&
		nowMs - Date.parse(record.windowStartedAt) < policy.windowMs;
	const failures = windowOpen ? record.failures + 1 : 1;
	const windowStartedAt = windowOpen ? record.windowStartedAt : now;
	const lockedUntil = failures >= policy.maxFailures ? new Date(nowMs + policy.lockMs).toISOString() : null;
	return { key, failures, windowStartedAt, lockedUntil };
}
