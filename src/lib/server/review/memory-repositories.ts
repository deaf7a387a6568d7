/** In-memory repositories: the fakes the service tests run on (and the reference for the SQL ones). */
import type {
	AuditRecord,
	CommentRecord,
	ReviewRepositories,
	RubricRecord,
	VersionRecord,
	VersionSummary
} from './repositories';

const newestFirst = (a: VersionRecord, b: VersionRecord) =>
	a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;

export function memoryReviewRepositories(names: Record<string, string> = {}): ReviewRepositories & {
	/** Raw audit rows, for tests that check nothing was rewritten. */
	auditRows: readonly AuditRecord[];
} {
	const versions = new Map<string, VersionRecord>();
	const comments: CommentRecord[] = [];
	const rubric = new Map<string, RubricRecord>();
	const audit: AuditRecord[] = [];
	const summaries = new Map<string, VersionSummary>();
	const copy = <T>(v: T): T => structuredClone(v);
	const repos: ReviewRepositories & { auditRows: readonly AuditRecord[] } = {
		auditRows: audit,
		versions: {
			async insert(v) {
				if (versions.has(v.versionHash)) throw new Error(`duplicate version ${v.versionHash}`);
				versions.set(v.versionHash, copy(v));
			},
			async get(hash) {
				const v = versions.get(hash);
				return v && copy(v);
			},
			async updateState(hash, expected, patch) {
				const v = versions.get(hash);
				if (!v || v.state !== expected) return false;
				versions.set(hash, { ...v, ...copy(patch) });
				return true;
			},
			async listByComic(comicId) {
				return [...versions.values()]
					.filter((v) => v.comicId === comicId)
					.sort(newestFirst)
					.map(copy);
			},
			async listByAuthor(authorId) {
				return [...versions.values()]
					.filter((v) => v.authorId === authorId)
					.sort(newestFirst)
					.map(copy);
			},
			async pageByAuthor(authorId, page) {
				const all = [...versions.values()]
					.filter((v) => v.authorId === authorId)
					.sort((a, b) => newestFirst(a, b) || (a.versionHash < b.versionHash ? -1 : 1));
				return { rows: all.slice(page.offset, page.offset + page.limit).map(copy), total: all.length };
			},
			async listByStates(states) {
				return [...versions.values()]
					.filter((v) => states.includes(v.state))
					.sort(newestFirst)
					.map(copy);
			},
			async pageByStates(states, page) {
				const waiting = (a: VersionRecord, b: VersionRecord) => {
					const [x, y] = [a.submittedAt ?? a.createdAt, b.submittedAt ?? b.createdAt];
					return x < y ? -1 : x > y ? 1 : a.versionHash < b.versionHash ? -1 : 1;
				};
				const newest = (a: VersionRecord, b: VersionRecord) =>
					a.updatedAt < b.updatedAt
						? 1
						: a.updatedAt > b.updatedAt
							? -1
							: a.versionHash < b.versionHash
								? -1
								: 1;
				const all = [...versions.values()]
					.filter((v) => states.includes(v.state))
					.sort(page.order === 'waiting' ? waiting : newest);
				return { rows: all.slice(page.offset, page.offset + page.limit).map(copy), total: all.length };
			},
			async delete(hash) {
				versions.delete(hash);
			}
		},
		comments: {
			async add(c) {
				comments.push(copy(c));
			},
			async listByVersion(hash) {
				return comments.filter((c) => c.versionHash === hash).map(copy);
			},
			async listByComic(comicId) {
				return comments.filter((c) => c.comicId === comicId).map(copy);
			},
			async get(id) {
				const c = comments.find((x) => x.id === id);
				return c && copy(c);
			},
			async setResolved(id, by, at) {
				const c = comments.find((x) => x.id === id);
				if (c) Object.assign(c, { resolvedBy: by, resolvedAt: at });
			},
			async deleteByVersion(hash) {
				for (let i = comments.length - 1; i >= 0; i--)
					if (comments[i]!.versionHash === hash) comments.splice(i, 1);
			},
			async countByVersions(hashes) {
				const counts = new Map<string, number>();
				for (const c of comments)
					if (hashes.includes(c.versionHash)) counts.set(c.versionHash, (counts.get(c.versionHash) ?? 0) + 1);
				return counts;
			}
		},
		summaries: {
			async get(hashes) {
				return new Map(hashes.filter((h) => summaries.has(h)).map((h) => [h, copy(summaries.get(h)!)]));
			},
			async put(hash, summary) {
				if (!summaries.has(hash)) summaries.set(hash, copy(summary));
			}
		},
		rubric: {
			async set(entry) {
				rubric.set(`${entry.versionHash}|${entry.criterion}`, copy(entry));
			},
			async list(hash) {
				return [...rubric.values()].filter((r) => r.versionHash === hash).map(copy);
			},
			async deleteByVersion(hash) {
				for (const [key, r] of rubric) if (r.versionHash === hash) rubric.delete(key);
			}
		},
		audit: {
			async append(entry) {
				audit.push(copy(entry));
			},
			async list(filter) {
				return audit
					.filter(
						(a) =>
							(!filter.comicId || a.comicId === filter.comicId) &&
							(!filter.versionHash || a.versionHash === filter.versionHash) &&
							(!filter.action || a.action === filter.action) &&
							(!filter.versionState || versions.get(a.versionHash)?.state === filter.versionState)
					)
					.map(copy);
			}
		},
		async userNames(ids) {
			return new Map(ids.map((id) => [id, names[id] ?? id]));
		},
		async transaction(work) {
			// All or nothing, like the SQL ones: on failure every store goes back to how it was.
			const saved = {
				versions: copy([...versions]),
				comments: copy(comments),
				rubric: copy([...rubric]),
				audit: copy(audit)
			};
			try {
				return await work(repos);
			} catch (error) {
				versions.clear();
				for (const [k, v] of saved.versions) versions.set(k, v);
				comments.splice(0, comments.length, ...saved.comments);
				rubric.clear();
				for (const [k, v] of saved.rubric) rubric.set(k, v);
				audit.splice(0, audit.length, ...saved.audit);
				throw error;
			}
		}
	};
	return repos;
}
