import type { RoleName } from './roles';

/** A staff account as services see it. Timestamps are ISO-8601 UTC strings. */
export interface UserRecord {
	id: string;
	username: string;
	displayName: string;
	role: RoleName;
	passwordHash: string;
	mustChangePassword: boolean;
	disabled: boolean;
	demo: boolean;
	createdAt: string;
	updatedAt: string;
}

/** A server-side session; `id` is the SHA-256 of the cookie token. */
export interface SessionRecord {
	id: string;
	userId: string;
	createdAt: string;
	expiresAt: string;
}

/** Failed sign-ins for one `username|ip` key. */
export interface ThrottleRecord {
	key: string;
	failures: number;
	windowStartedAt: string;
	lockedUntil: string | null;
}

/** One line of the append-only account audit trail. */
export interface AccountEvent {
	id: string;
	at: string;
	actorId: string | null;
	action: 'created' | 'password-reset' | 'password-changed' | 'disabled' | 'enabled';
	userId: string;
}

/** Fields an update may change. */
export type UserPatch = Partial<
	Pick<UserRecord, 'displayName' | 'role' | 'passwordHash' | 'mustChangePassword' | 'disabled' | 'updatedAt'>
>;

export interface UserPageQuery {
	words: readonly string[];
	role: RoleName | null;
	limit: number;
	offset: number;
}

export interface UserRepository {
	/** `username` is compared exactly; callers normalise it (lower case, trimmed). */
	findByUsername(username: string): Promise<UserRecord | undefined>;
	findById(id: string): Promise<UserRecord | undefined>;
	/** Sorted by username. Every account: for small uses only; pages use `page`. */
	list(): Promise<UserRecord[]>;
	/**
	 * A page of accounts sorted by username, and how many match: `words` (folded, see
	 * auth/search-key.ts) must each start a word of the login or display name; `role` keeps one role.
	 */
	page(query: UserPageQuery): Promise<{ rows: UserRecord[]; total: number }>;
	/** The demo accounts, sorted by username (a handful). */
	listDemo(): Promise<UserRecord[]>;
	count(): Promise<number>;
	/** How many admin accounts are enabled (the last one may not be disabled). */
	countEnabledAdmins(): Promise<number>;
	/** Throws `UsernameTakenError` when the username exists. */
	insert(user: UserRecord): Promise<void>;
	update(id: string, patch: UserPatch): Promise<void>;
}

export interface SessionRepository {
	insert(session: SessionRecord): Promise<void>;
	find(id: string): Promise<SessionRecord | undefined>;
	setExpiry(id: string, expiresAt: string): Promise<void>;
	delete(id: string): Promise<void>;
	deleteForUser(userId: string): Promise<void>;
	/** Removes sessions that expired before `now`; returns how many. */
	deleteExpired(now: string): Promise<number>;
}

export interface ThrottleRepository {
	get(key: string): Promise<ThrottleRecord | undefined>;
	put(record: ThrottleRecord): Promise<void>;
	delete(key: string): Promise<void>;
	/** Removes records whose window started before `windowStartedBefore` and that are not locked at `now`. */
	deleteStale(windowStartedBefore: string, now: string): Promise<number>;
}

export interface AccountEventRepository {
	append(event: AccountEvent): Promise<void>;
	/** Newest first. */
	listForUser(userId: string): Promise<AccountEvent[]>;
}

/** The repositories the account services need. */
export interface AuthRepositories {
	users: UserRepository;
	sessions: SessionRepository;
	throttle: ThrottleRepository;
	events: AccountEventRepository;
}

/** The username already exists. */
export class UsernameTakenError extends Error {
	constructor(username: string) {
		super(`username already taken: ${username}`);
		this.name = 'UsernameTakenError';
	}
}
