import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Hashes and checks passwords. Services take one, so tests can use cheap parameters. */
export interface PasswordHasher {
	hash(password: string): Promise<string>;
	/** True when `password` matches `stored`; false for a malformed `stored`, never throws for it. */
	verify(password: string, stored: string): Promise<boolean>;
}

/** scrypt cost parameters. */
export interface ScryptParams {
	/** CPU/memory cost, a power of two. Memory used is 128 · N · r bytes. */
	N: number;
	r: number;
	p: number;
}

/**
 * Production cost: 128 · 2^15 · 8 = 32 MiB per hash. Measured ≈ 0.4 s per hash on the project's
 * shared 2-core machine while other builds ran (8 at once: 3.2 s; libuv runs 4 in parallel, so at
 * most 128 MiB). That makes each guess costly while a school server still signs in its staff without
 * a noticeable wait; sign-ins are rare compared with page views, which never hash.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
	const options: ScryptOptions = {
		N: params.N,
		r: params.r,
		p: params.p,
		// Node refuses more than 32 MiB by default; leave room above what the parameters need.
		maxmem: 256 * params.N * params.r
	};
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
			error ? reject(error) : resolve(key)
		)
	);
}

/**
 * scrypt from `node:crypto`: memory-hard like argon2 (so GPU guessing is costly), and built into Node,
 * so there is no native package to compile on school servers and CI (argon2 packages need node-gyp
 * or a prebuilt binary download, which these machines cannot do). The async form runs on libuv's
 * thread pool and does not block the event loop.
 *
 * Stored format: `scrypt$N$r$p$salt$hash` (base64url), so each hash carries its own cost and older
 * hashes keep verifying after the default changes.
 */
export class ScryptHasher implements PasswordHasher {
	constructor(private readonly params: ScryptParams = DEFAULT_SCRYPT) {}

	async hash(password: string): Promise<string> {
		const salt = randomBytes(16);
		const key = await scryptAsync(password, salt, this.params);
		const { N, r, p } = this.params;
		return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
	}

	async verify(password: string, stored: string): Promise<boolean> {
		const parts = stored.split('$');
		if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
		const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
		if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20) return false;
		const salt = Buffer.from(parts[4]!, 'base64url');
		const expected = Buffer.from(parts[5]!, 'base64url');
		if (expected.length !== KEY_LENGTH) return false;
		const actual = await scryptAsync(password, salt, { N, r, p });
		// Constant-time: the time taken does not tell how many leading bytes matched.
		return timingSafeEqual(actual, expected);
	}
}

/** Letters and digits that cannot be confused when read aloud or copied from paper (no 0/o, 1/l/i). */
const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A random one-time password like `k7qm-x3pd-9hfa-2wne`: 16 symbols from 31 ≈ 79 bits, grouped so it
 * can be read out to a teacher over the phone.
 */
export function generatePassword(): string {
	const groups: string[] = [];
	for (let g = 0; g < 4; g++) {
		let group = '';
		for (let i = 0; i < 4; i++) group += READABLE[randomInt(READABLE.length)];
		groups.push(group);
	}
	return groups.join('-');
}

/** Passwords people choose: long enough to resist guessing, short enough to type on a tablet. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
