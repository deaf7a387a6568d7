import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, UsersTable } from '../db/schema';
import {
	UsernameTakenError,
	type AccountEvent,
	type AuthRepositories,
	type UserPatch,
	type UserRecord
} from './repositories';
import { accountSearchKey } from './search-key';

function toUser(row: Selectable<UsersTable>): UserRecord {
	return {
		id: row.id,
		username: row.username,
		displayName: row.display_name,
		role: row.role,
		passwordHash: row.password_hash,
		mustChangePassword: row.must_change_password === 1,
		disabled: row.disabled === 1,
		demo: row.demo === 1,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

const flag = (value: boolean) => (value ? 1 : 0);

/** Account repositories that speak SQL through kysely (SQLite or PostgreSQL). */
export function kyselyAuthRepositories(db: Kysely<Database>): AuthRepositories {
	return {
		users: {
			async findByUsername(username) {
				const row = await db
					.selectFrom('users')
					.selectAll()
					.where('username', '=', username)
					.executeTakeFirst();
				return row && toUser(row);
			},
			async findById(id) {
				const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
				return row && toUser(row);
			},
			async list() {
				const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
				return rows.map(toUser);
			},
			async page({ words, role, limit, offset }) {
				let where = db.selectFrom('users');
				if (role) where = where.where('role', '=', role);
				// Folded words have no LIKE wildcards (letters and digits only).
				for (const word of words) where = where.where('search_key', 'like', `% ${word}%`);
				const [rows, count] = await Promise.all([
					where.selectAll().orderBy('username').limit(limit).offset(offset).execute(),
					where.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
				]);
				return { rows: rows.map(toUser), total: Number(count.n) };
			},
			async listDemo() {
				const rows = await db
					.selectFrom('users')
					.selectAll()
					.where('demo', '=', 1)
					.orderBy('username')
					.execute();
				return rows.map(toUser);
			},
			async count() {
				const row = await db
					.selectFrom('users')
					.select((eb) => eb.fn.countAll().as('n'))
					.executeTakeFirstOrThrow();
				// PostgreSQL returns count(*) as a bigint string.
				return Number(row.n);
			},
			async countEnabledAdmins() {
				const row = await db
					.selectFrom('users')
					.select((eb) => eb.fn.countAll().as('n'))
					.where('role', '=', 'admin')
					.where('disabled', '=', 0)
					.executeTakeFirstOrThrow();
				return Number(row.n);
			},
			async insert(user) {
				// Checked first so the common case gives a clear error on both engines; the unique index
				// still guards against a race between two admins.
				const existing = await db
					.selectFrom('users')
					.select('id')
					.where('username', '=', user.username)
					.executeTakeFirst();
				if (existing) throw new UsernameTakenError(user.username);
				await db
					.insertInto('users')
					.values({
						id: user.id,
						username: user.username,
						display_name: user.displayName,
						role: user.role,
						password_hash: user.passwordHash,
						must_change_password: flag(user.mustChangePassword),
						disabled: flag(user.disabled),
						demo: flag(user.demo),
						created_at: user.createdAt,
						updated_at: user.updatedAt,
						search_key: accountSearchKey(user.username, user.displayName)
					})
					.execute();
			},
			async update(id, patch: UserPatch) {
				const values: Updateable<UsersTable> = {};
				if (patch.displayName !== undefined) {
					const row = await db.selectFrom('users').select('username').where('id', '=', id).executeTakeFirst();
					values.display_name = patch.displayName;
					if (row) values.search_key = accountSearchKey(row.username, patch.displayName);
				}
				if (patch.role !== undefined) values.role = patch.role;
				if (patch.passwordHash !== undefined) values.password_hash = patch.passwordHash;
				if (patch.mustChangePassword !== undefined)
					values.must_change_password = flag(patch.mustChangePassword);
				if (patch.disabled !== undefined) values.disabled = flag(patch.disabled);
				if (patch.updatedAt !== undefined) values.updated_at = patch.updatedAt;
				if (Object.keys(values).length === 0) return;
				await db.updateTable('users').set(values).where('id', '=', id).execute();
			}
		},
		sessions: {
			async insert(s) {
				await db
					.insertInto('sessions')
					.values({ id: s.id, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt })
					.execute();
			},
			async find(id) {
				const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
				return (
					row && { id: row.id, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at }
				);
			},
			async setExpiry(id, expiresAt) {
				await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
			},
			async delete(id) {
				await db.deleteFrom('sessions').where('id', '=', id).execute();
			},
			async deleteForUser(userId) {
				await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
			},
			async deleteExpired(now) {
				const result = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
				return Number(result.numDeletedRows);
			}
		},
		throttle: {
			async get(key) {
				const row = await db
					.selectFrom('login_throttle')
					.selectAll()
					.where('key', '=', key)
					.executeTakeFirst();
				return (
					row && {
						key: row.key,
						failures: row.failures,
						windowStartedAt: row.window_started_at,
						lockedUntil: row.locked_until
					}
				);
			},
			async put(r) {
				const values = {
					failures: r.failures,
					window_started_at: r.windowStartedAt,
					locked_until: r.lockedUntil
				};
				// Upsert with ON CONFLICT: same syntax on SQLite (≥ 3.24) and PostgreSQL.
				await db
					.insertInto('login_throttle')
					.values({ key: r.key, ...values })
					.onConflict((oc) => oc.column('key').doUpdateSet(values))
					.execute();
			},
			async delete(key) {
				await db.deleteFrom('login_throttle').where('key', '=', key).execute();
			},
			async deleteStale(windowStartedBefore, now) {
				const result = await db
					.deleteFrom('login_throttle')
					.where('window_started_at', '<', windowStartedBefore)
					.where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
					.executeTakeFirst();
				return Number(result.numDeletedRows);
			}
		},
		events: {
			async append(e: AccountEvent) {
				await db
					.insertInto('account_events')
					.values({ id: e.id, at: e.at, actor_id: e.actorId, action: e.action, user_id: e.userId })
					.execute();
			},
			async listForUser(userId) {
				const rows = await db
					.selectFrom('account_events')
					.selectAll()
					.where('user_id', '=', userId)
					.orderBy('at', 'desc')
					.orderBy('id', 'desc')
					.execute();
				return rows.map((r) => ({
					id: r.id,
					at: r.at,
					actorId: r.actor_id,
					action: r.action as AccountEvent['action'],
					userId: r.user_id
				}));
			}
		}
	};
}
