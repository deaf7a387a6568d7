import { randomUUID } from 'node:crypto';
import { generatePassword, type PasswordHasher } from './password';
import type { AccountEvent, AuthRepositories, UserRecord } from './repositories';
import { UsernameTakenError } from './repositories';
import { isRole, type RoleName } from './roles';
import { normaliseUsername, type SessionUser } from './auth-service';
import { accountSearchWords } from './search-key';

/** Why an admin action was refused; each maps to a translated message `admin.error.<code>`. */
export type AccountErrorCode =
	| 'username-invalid'
	| 'username-taken'
	| 'display-name-invalid'
	| 'role-invalid'
	| 'not-found'
	| 'self-disable'
	| 'last-admin'
	| 'not-admin';

/** A refused admin action. `status` is the HTTP status routes answer with. */
export class AccountError extends Error {
	constructor(
		readonly code: AccountErrorCode,
		readonly status: 400 | 403 | 404 | 409
	) {
		super(code);
		this.name = 'AccountError';
	}
}

/** An account as the admin pages show it (no password hash). */
export interface AccountSummary {
	id: string;
	username: string;
	displayName: string;
	role: RoleName;
	disabled: boolean;
	mustChangePassword: boolean;
	demo: boolean;
	createdAt: string;
}

/** Accounts per page of the admin's list. */
export const ACCOUNTS_PAGE_SIZE = 25;

/** What the admin's list shows, as it lives in the URL (`?q=traore&role=teacher&page=2`). */
export interface AccountQuery {
	q?: string | null;
	role?: string | null;
	page?: number | string | null;
}

/**
 * The list's query from a URL (`?q=traore&role=teacher&page=2`): the admin page and the admin API
 * read it the same way, so both answer the same page.
 */
export function accountQueryFrom(params: URLSearchParams): AccountQuery {
	return { q: params.get('q'), role: params.get('role'), page: params.get('page') };
}

export interface AccountPage {
	items: AccountSummary[];
	/** Accounts matching the search and role, on every page. */
	total: number;
	page: number;
	pages: number;
	/** The search and role as applied (an unknown role is dropped). */
	q: string;
	role: RoleName | null;
}

/** Input for a new account. */
export interface NewAccount {
	username: string;
	displayName: string;
	role: string;
}

/** Sign-in names: letters, digits, dot, dash, underscore; 2–40 characters; no personal data needed. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;
export const DISPLAY_NAME_MAX = 80;

function summary(user: UserRecord): AccountSummary {
	return {
		id: user.id,
		username: user.username,
		displayName: user.displayName,
		role: user.role,
		disabled: user.disabled,
		mustChangePassword: user.mustChangePassword,
		demo: user.demo,
		createdAt: user.createdAt
	};
}

export interface AccountServiceDeps {
	repos: AuthRepositories;
	hasher: PasswordHasher;
	now?: () => Date;
	/** Makes one-time passwords; tests may fix it. */
	newPassword?: () => string;
}

/** What admins do to accounts. Every change is written to the account audit trail. */
export class AccountService {
	private readonly repos: AuthRepositories;
	private readonly hasher: PasswordHasher;
	private readonly now: () => Date;
	private readonly newPassword: () => string;

	constructor(deps: AccountServiceDeps) {
		this.repos = deps.repos;
		this.hasher = deps.hasher;
		this.now = deps.now ?? (() => new Date());
		this.newPassword = deps.newPassword ?? generatePassword;
	}

	private requireAdmin(actor: SessionUser | null): asserts actor is SessionUser {
		// Routes are already guarded by the access table; the service checks again so that no other
		// caller can skip it.
		if (actor?.role !== 'admin') throw new AccountError('not-admin', 403);
	}

	private async log(actorId: string | null, action: AccountEvent['action'], userId: string, at: string) {
		await this.repos.events.append({ id: randomUUID(), at, actorId, action, userId });
	}

	/**
	 * A page of the account list (ACCOUNTS_PAGE_SIZE, sorted by login): `q` finds accounts whose login
	 * or display name has words starting with the query's words, accents and capitals ignored; `role`
	 * keeps one role (an unknown role is ignored). Two queries (the page and its count) whatever the
	 * number of accounts; a page past the end shows the last one.
	 */
	async page(actor: SessionUser | null, query: AccountQuery = {}): Promise<AccountPage> {
		this.requireAdmin(actor);
		const words = accountSearchWords(query.q);
		const role = query.role && isRole(query.role) ? query.role : null;
		let wanted = Math.max(1, Math.floor(Number(query.page) || 1));
		const pageOf = (n: number) =>
			this.repos.users.page({ words, role, limit: ACCOUNTS_PAGE_SIZE, offset: (n - 1) * ACCOUNTS_PAGE_SIZE });
		let { rows, total } = await pageOf(wanted);
		const last = Math.max(1, Math.ceil(total / ACCOUNTS_PAGE_SIZE));
		if (wanted > last) ({ rows, total } = await pageOf((wanted = last)));
		return { items: rows.map(summary), total, page: wanted, pages: last, q: query.q?.trim() ?? '', role };
	}

	/** The demo accounts (a handful), for the warning that they must be disabled before going live. */
	async demoAccounts(actor: SessionUser | null): Promise<AccountSummary[]> {
		this.requireAdmin(actor);
		return (await this.repos.users.listDemo()).map(summary);
	}

	/**
	 * Creates an account with a one-time password, returned once and never stored in clear. `actor`
	 * null is the server itself (first-start seeding).
	 */
	async create(
		actor: SessionUser | null,
		input: NewAccount,
		options: { system?: boolean; demo?: boolean; mustChangePassword?: boolean; password?: string } = {}
	): Promise<{ account: AccountSummary; password: string }> {
		if (!options.system) this.requireAdmin(actor);
		const username = normaliseUsername(input.username);
		if (!USERNAME_PATTERN.test(username)) throw new AccountError('username-invalid', 400);
		const displayName = input.displayName.trim();
		if (displayName.length < 1 || displayName.length > DISPLAY_NAME_MAX) {
			throw new AccountError('display-name-invalid', 400);
		}
		if (!isRole(input.role)) throw new AccountError('role-invalid', 400);
		const password = options.password ?? this.newPassword();
		const at = this.now().toISOString();
		const user: UserRecord = {
			id: randomUUID(),
			username,
			displayName,
			role: input.role,
			passwordHash: await this.hasher.hash(password),
			mustChangePassword: options.mustChangePassword ?? true,
			disabled: false,
			demo: options.demo ?? false,
			createdAt: at,
			updatedAt: at
		};
		try {
			await this.repos.users.insert(user);
		} catch (error) {
			if (error instanceof UsernameTakenError) throw new AccountError('username-taken', 409);
			if (await this.repos.users.findByUsername(username)) throw new AccountError('username-taken', 409);
			throw error;
		}
		await this.log(actor?.id ?? null, 'created', user.id, at);
		return { account: summary(user), password };
	}

	/** Gives an account a new one-time password (shown once) and signs it out everywhere. */
	async resetPassword(
		actor: SessionUser | null,
		userId: string
	): Promise<{ account: AccountSummary; password: string }> {
		this.requireAdmin(actor);
		const user = await this.repos.users.findById(userId);
		if (!user) throw new AccountError('not-found', 404);
		const password = this.newPassword();
		const at = this.now().toISOString();
		await this.repos.users.update(userId, {
			passwordHash: await this.hasher.hash(password),
			mustChangePassword: true,
			updatedAt: at
		});
		await this.repos.sessions.deleteForUser(userId);
		await this.log(actor.id, 'password-reset', userId, at);
		return { account: summary({ ...user, mustChangePassword: true, updatedAt: at }), password };
	}

	/**
	 * The one action that disables every enabled demo account (signing each out everywhere) before
	 * a server goes live. Returns the accounts it disabled; each is logged like a single disable.
	 */
	async disableDemoAccounts(actor: SessionUser | null): Promise<AccountSummary[]> {
		this.requireAdmin(actor);
		const disabled: AccountSummary[] = [];
		for (const user of await this.repos.users.listDemo()) {
			if (user.disabled || user.id === actor.id) continue;
			disabled.push(await this.setDisabled(actor, user.id, true));
		}
		return disabled;
	}

	/**
	 * Disables or re-enables an account. Disabling signs it out everywhere. An admin cannot disable
	 * themself, and the last enabled admin cannot be disabled (nobody could manage the server).
	 */
	async setDisabled(actor: SessionUser | null, userId: string, disabled: boolean): Promise<AccountSummary> {
		this.requireAdmin(actor);
		const user = await this.repos.users.findById(userId);
		if (!user) throw new AccountError('not-found', 404);
		if (disabled && user.id === actor.id) throw new AccountError('self-disable', 409);
		// One count, not every account loaded (thousands on a national server).
		if (
			disabled &&
			user.role === 'admin' &&
			!user.disabled &&
			(await this.repos.users.countEnabledAdmins()) <= 1
		) {
			throw new AccountError('last-admin', 409);
		}
		const at = this.now().toISOString();
		if (user.disabled !== disabled) {
			await this.repos.users.update(userId, { disabled, updatedAt: at });
			if (disabled) await this.repos.sessions.deleteForUser(userId);
			await this.log(actor.id, disabled ? 'disabled' : 'enabled', userId, at);
		}
		return summary({ ...user, disabled, updatedAt: at });
	}
}
