import {
	UsernameTakenError,
	type AccountEvent,
	type AuthRepositories,
	type SessionRecord,
	type ThrottleRecord,
	type UserRecord
} from './repositories';
import { accountSearchKey } from './search-key';

/**
 * In-memory account repositories: the fakes services are unit-tested with. They behave like the SQL
 * ones (same ordering, same errors, copies in and out), which the shared contract tests check.
 */
export function memoryAuthRepositories(): AuthRepositories {
	const users = new Map<string, UserRecord>();
	const sessions = new Map<string, SessionRecord>();
	const throttle = new Map<string, ThrottleRecord>();
	const events: AccountEvent[] = [];
	const sortedUsers = () =>
		[...users.values()]
			.map((u) => ({ ...u }))
			.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
	return {
		users: {
			async findByUsername(username) {
				const user = [...users.values()].find((u) => u.username === username);
				return user && { ...user };
			},
			async findById(id) {
				const user = users.get(id);
				return user && { ...user };
			},
			async list() {
				return [...users.values()]
					.map((u) => ({ ...u }))
					.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
			},
			async page({ words, role, limit, offset }) {
				const all = sortedUsers().filter(
					(u) =>
						(!role || u.role === role) &&
						words.every((w) => accountSearchKey(u.username, u.displayName).includes(` ${w}`))
				);
				return { rows: all.slice(offset, offset + limit), total: all.length };
			},
			async listDemo() {
				return sortedUsers().filter((u) => u.demo);
			},
			async count() {
				return users.size;
			},
			async countEnabledAdmins() {
				return [...users.values()].filter((u) => u.role === 'admin' && !u.disabled).length;
			},
			async insert(user) {
				if ([...users.values()].some((u) => u.username === user.username)) {
					throw new UsernameTakenError(user.username);
				}
				users.set(user.id, { ...user });
			},
			async update(id, patch) {
				const user = users.get(id);
				if (!user) return;
				const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
				users.set(id, { ...user, ...defined });
			}
		},
		sessions: {
			async insert(s) {
				sessions.set(s.id, { ...s });
			},
			async find(id) {
				const s = sessions.get(id);
				return s && { ...s };
			},
			async setExpiry(id, expiresAt) {
				const s = sessions.get(id);
				if (s) s.expiresAt = expiresAt;
			},
			async delete(id) {
				sessions.delete(id);
			},
			async deleteForUser(userId) {
				for (const [id, s] of sessions) if (s.userId === userId) sessions.delete(id);
			},
			async deleteExpired(now) {
				let n = 0;
				for (const [id, s] of sessions) {
					if (s.expiresAt < now) {
						sessions.delete(id);
						n++;
					}
				}
				return n;
			}
		},
		throttle: {
			async get(key) {
				const r = throttle.get(key);
				return r && { ...r };
			},
			async put(r) {
				throttle.set(r.key, { ...r });
			},
			async delete(key) {
				throttle.delete(key);
			},
			async deleteStale(windowStartedBefore, now) {
				let n = 0;
				for (const [key, r] of throttle) {
					if (r.windowStartedAt < windowStartedBefore && (r.lockedUntil === null || r.lockedUntil <= now)) {
						throttle.delete(key);
						n++;
					}
				}
				return n;
			}
		},
		events: {
			async append(e) {
				events.push({ ...e });
			},
			async listForUser(userId) {
				return events
					.filter((e) => e.userId === userId)
					.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1))
					.map((e) => ({ ...e }));
			}
		}
	};
}
