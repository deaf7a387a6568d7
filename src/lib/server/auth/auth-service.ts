import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { generatePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordHasher } from './password';
import { passwordWeakness, type PasswordWeakness } from './password-policy';
import type { AuthRepositories, UserRecord } from './repositories';
import {
	ADDRESS_THROTTLE,
	addressThrottleKey,
	DEFAULT_THROTTLE,
	lockedForMs,
	recordFailure,
	throttleKey,
	type ThrottlePolicy
} from './throttle';

/** What a request knows about the signed-in person (never the password hash). */
export interface SessionUser {
	id: string;
	username: string;
	displayName: string;
	role: UserRecord['role'];
	mustChangePassword: boolean;
	demo: boolean;
}

export function toSessionUser(user: UserRecord): SessionUser {
	return {
		id: user.id,
		username: user.username,
		displayName: user.displayName,
		role: user.role,
		mustChangePassword: user.mustChangePassword,
		demo: user.demo
	};
}

/** Session lifetime: idle timeout, renewed on use, capped by an absolute lifetime. */
export interface SessionPolicy {
	idleMs: number;
	absoluteMs: number;
}

/**
 * 12 hours idle covers a school day on a shared laptop without keeping yesterday's session open;
 * 7 days absolute forces a fresh sign-in every week even on a machine that is never idle.
 */
export const DEFAULT_SESSION: SessionPolicy = { idleMs: 12 * 3_600_000, absoluteMs: 7 * 24 * 3_600_000 };

/** Outcome of a sign-in attempt. Reasons map to translated messages (`auth.login.error.*`). */
export type LoginResult =
	| {
			ok: true;
			token: string;
			/** Idle expiry (renewed on use, server-side). */
			expiresAt: Date;
			/** Absolute end of the session: the cookie's lifetime. */
			endsAt: Date;
			user: SessionUser;
	  }
	| { ok: false; reason: 'invalid' | 'disabled' }
	| { ok: false; reason: 'throttled'; retryAfterMs: number };

/** Outcome of a password change. */
export type PasswordChangeResult =
	| { ok: true }
	| {
			ok: false;
			reason: 'wrong-current' | 'too-short' | 'too-long' | 'same-as-current' | PasswordWeakness;
	  };

export interface AuthServiceDeps {
	repos: AuthRepositories;
	hasher: PasswordHasher;
	/** The clock; tests pass a controllable one. */
	now?: () => Date;
	throttle?: ThrottlePolicy;
	/** Failures from one address across all usernames. */
	addressThrottle?: ThrottlePolicy;
	session?: SessionPolicy;
}

/** Usernames are compared trimmed and in lower case. */
export function normaliseUsername(username: string): string {
	return username.trim().toLowerCase();
}

/** The stored session id for a cookie token. */
export function sessionIdFor(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Signing in and out, sessions and a person's own password. */
export class AuthService {
	private readonly repos: AuthRepositories;
	private readonly hasher: PasswordHasher;
	private readonly now: () => Date;
	private readonly throttle: ThrottlePolicy;
	private readonly addressThrottle: ThrottlePolicy;
	private readonly session: SessionPolicy;
	/** Verified against when the username does not exist, so both cases take the same time. */
	private dummyHash: Promise<string> | undefined;

	constructor(deps: AuthServiceDeps) {
		this.repos = deps.repos;
		this.hasher = deps.hasher;
		this.now = deps.now ?? (() => new Date());
		this.throttle = deps.throttle ?? DEFAULT_THROTTLE;
		this.addressThrottle = deps.addressThrottle ?? ADDRESS_THROTTLE;
		this.session = deps.session ?? DEFAULT_SESSION;
	}

	/** Checks a password and opens a session. `ip` is the client address, for throttling. */
	async login(usernameInput: string, password: string, ip: string): Promise<LoginResult> {
		const username = normaliseUsername(usernameInput);
		const nowMs = this.now().getTime();
		const key = throttleKey(username, ip);
		const addressKey = addressThrottleKey(ip);
		const throttle = await this.repos.throttle.get(key);
		const addressThrottle = await this.repos.throttle.get(addressKey);
		const retryAfterMs = Math.max(lockedForMs(throttle, nowMs), lockedForMs(addressThrottle, nowMs));
		if (retryAfterMs > 0) return { ok: false, reason: 'throttled', retryAfterMs };

		const user = await this.repos.users.findByUsername(username);
		let matches = false;
		if (password.length <= PASSWORD_MAX_LENGTH) {
			if (user) matches = await this.hasher.verify(password, user.passwordHash);
			else
				await this.hasher.verify(password, await (this.dummyHash ??= this.hasher.hash(generatePassword())));
		}
		if (!user || !matches) {
			const next = recordFailure(throttle, key, nowMs, this.throttle);
			const nextAddress = recordFailure(addressThrottle, addressKey, nowMs, this.addressThrottle);
			await this.repos.throttle.put(next);
			await this.repos.throttle.put(nextAddress);
			const lockMs = Math.max(lockedForMs(next, nowMs), lockedForMs(nextAddress, nowMs));
			if (lockMs > 0) return { ok: false, reason: 'throttled', retryAfterMs: lockMs };
			return { ok: false, reason: 'invalid' };
		}
		// The address counter is not reset by a success: one valid account must not let an address
		// go on guessing the others.
		if (throttle) await this.repos.throttle.delete(key);
		// Said only after the right password, so "disabled" does not reveal which usernames exist.
		if (user.disabled) return { ok: false, reason: 'disabled' };

		const token = randomBytes(32).toString('base64url');
		const expiresAt = new Date(nowMs + this.session.idleMs);
		await this.repos.sessions.insert({
			id: sessionIdFor(token),
			userId: user.id,
			createdAt: new Date(nowMs).toISOString(),
			expiresAt: expiresAt.toISOString()
		});
		const endsAt = new Date(nowMs + this.session.absoluteMs);
		return { ok: true, token, expiresAt, endsAt, user: toSessionUser(user) };
	}

	/**
	 * The person behind a session cookie, or null when the session is unknown, expired or the account
	 * is disabled. Renews the idle timeout when less than half of it is left (so an active session is
	 * written at most a few times a day).
	 */
	async authenticate(
		token: string
	): Promise<{ user: SessionUser; expiresAt: Date; renewed: boolean } | null> {
		if (!token || token.length > 100) return null;
		const id = sessionIdFor(token);
		const session = await this.repos.sessions.find(id);
		if (!session) return null;
		const nowMs = this.now().getTime();
		const expiresMs = Date.parse(session.expiresAt);
		const absoluteEndMs = Date.parse(session.createdAt) + this.session.absoluteMs;
		if (expiresMs <= nowMs || absoluteEndMs <= nowMs) {
			await this.repos.sessions.delete(id);
			return null;
		}
		const user = await this.repos.users.findById(session.userId);
		if (!user || user.disabled) {
			await this.repos.sessions.delete(id);
			return null;
		}
		let expiresAt = new Date(expiresMs);
		let renewed = false;
		if (expiresMs - nowMs < this.session.idleMs / 2) {
			expiresAt = new Date(Math.min(nowMs + this.session.idleMs, absoluteEndMs));
			await this.repos.sessions.setExpiry(id, expiresAt.toISOString());
			renewed = true;
		}
		return { user: toSessionUser(user), expiresAt, renewed };
	}

	/** Ends the session behind `token` (unknown tokens are ignored). */
	async logout(token: string): Promise<void> {
		if (token) await this.repos.sessions.delete(sessionIdFor(token));
	}

	/**
	 * Replaces a person's own password after checking the current one. Clears the one-time flag and
	 * closes the person's other sessions (a stolen one-time password stops working everywhere).
	 */
	async changePassword(
		userId: string,
		current: string,
		next: string,
		keepToken?: string
	): Promise<PasswordChangeResult> {
		const user = await this.repos.users.findById(userId);
		if (!user || !(await this.hasher.verify(current, user.passwordHash)))
			return { ok: false, reason: 'wrong-current' };
		if (next.length < PASSWORD_MIN_LENGTH) return { ok: false, reason: 'too-short' };
		if (next.length > PASSWORD_MAX_LENGTH) return { ok: false, reason: 'too-long' };
		if (next === current) return { ok: false, reason: 'same-as-current' };
		const weakness = passwordWeakness(next, user);
		if (weakness) return { ok: false, reason: weakness };
		const at = this.now().toISOString();
		await this.repos.users.update(userId, {
			passwordHash: await this.hasher.hash(next),
			mustChangePassword: false,
			updatedAt: at
		});
		const keep = keepToken ? await this.repos.sessions.find(sessionIdFor(keepToken)) : undefined;
		await this.repos.sessions.deleteForUser(userId);
		if (keep) await this.repos.sessions.insert(keep);
		await this.repos.events.append({
			id: randomUUID(),
			at,
			actorId: userId,
			action: 'password-changed',
			userId
		});
		return { ok: true };
	}

	/** Housekeeping: removes expired sessions and throttle records that no longer lock anything. */
	async purge(): Promise<{ sessions: number; throttle: number }> {
		const now = this.now();
		const windowMs = Math.max(this.throttle.windowMs, this.addressThrottle.windowMs);
		return {
			sessions: await this.repos.sessions.deleteExpired(now.toISOString()),
			throttle: await this.repos.throttle.deleteStale(
				new Date(now.getTime() - windowMs).toISOString(),
				now.toISOString()
			)
		};
	}
}
