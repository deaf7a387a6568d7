/** Review repositories that speak SQL through kysely (SQLite or PostgreSQL). */
import type { Kysely, Selectable } from 'kysely';
import type { CommentAnchor } from '../../domain/review/anchors';
import type { VersionState } from '../../domain/review/lifecycle';
import type { RubricCriterion, RubricRating } from '../../domain/review/rubric';
import type { Approval } from '../../domain/signing/signature';
import type {
	AuditAction,
	AuditRecord,
	CommentRecord,
	ReviewRepositories,
	RubricRecord,
	VersionRecord,
	VersionSource
} from './repositories';
import type { ReviewCommentsTable, ReviewTables, ReviewVersionsTable } from './schema';
import type { ScalePagingTables } from '../packs/schema';

/** The tables these repositories read: their own and the platform's accounts (for display names). */
export type ReviewDatabase = ReviewTables &
	Pick<ScalePagingTables, 'version_summaries'> & { users: { id: string; display_name: string } };

function toVersion(row: Selectable<ReviewVersionsTable>): VersionRecord {
	return {
		versionHash: row.version_hash,
		comicId: row.comic_id,
		authorId: row.author_id,
		state: row.state as VersionState,
		source: row.source as VersionSource,
		parentHash: row.parent_hash,
		demo: row.demo === 1,
		approval: row.approval ? (JSON.parse(row.approval) as Approval) : null,
		approvedBy: row.approved_by,
		approvedAt: row.approved_at,
		submittedAt: row.submitted_at,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

function toComment(r: Selectable<ReviewCommentsTable>): CommentRecord {
	return {
		id: r.id,
		versionHash: r.version_hash,
		comicId: r.comic_id,
		authorId: r.author_id,
		anchor: JSON.parse(r.anchor) as CommentAnchor,
		body: r.body,
		createdAt: r.created_at,
		resolvedAt: r.resolved_at,
		resolvedBy: r.resolved_by
	};
}

export function kyselyReviewRepositories<DB extends ReviewDatabase>(
	database: Kysely<DB>
): ReviewRepositories {
	// The repositories only touch their own tables and `users`; narrowing the type keeps the queries typed.
	const db = database as unknown as Kysely<ReviewDatabase>;
	const versions = () => db.selectFrom('review_versions').selectAll();
	const comments = () => db.selectFrom('review_comments').selectAll();
	return {
		versions: {
			async insert(v) {
				await db
					.insertInto('review_versions')
					.values({
						version_hash: v.versionHash,
						comic_id: v.comicId,
						author_id: v.authorId,
						state: v.state,
						source: v.source,
						parent_hash: v.parentHash,
						demo: v.demo ? 1 : 0,
						approval: v.approval ? JSON.stringify(v.approval) : null,
						approved_by: v.approvedBy,
						approved_at: v.approvedAt,
						submitted_at: v.submittedAt,
						created_at: v.createdAt,
						updated_at: v.updatedAt
					})
					.execute();
			},
			async get(hash) {
				const row = await versions().where('version_hash', '=', hash).executeTakeFirst();
				return row && toVersion(row);
			},
			async updateState(hash, expected, patch) {
				const result = await db
					.updateTable('review_versions')
					.set({
						state: patch.state,
						updated_at: patch.updatedAt,
						...(patch.approval !== undefined
							? { approval: patch.approval ? JSON.stringify(patch.approval) : null }
							: {}),
						...(patch.approvedBy !== undefined ? { approved_by: patch.approvedBy } : {}),
						...(patch.approvedAt !== undefined ? { approved_at: patch.approvedAt } : {}),
						...(patch.submittedAt !== undefined ? { submitted_at: patch.submittedAt } : {})
					})
					.where('version_hash', '=', hash)
					.where('state', '=', expected)
					.executeTakeFirst();
				return Number(result.numUpdatedRows) === 1;
			},
			async listByComic(comicId) {
				const rows = await versions().where('comic_id', '=', comicId).orderBy('created_at', 'desc').execute();
				return rows.map(toVersion);
			},
			async listByAuthor(authorId) {
				const rows = await versions()
					.where('author_id', '=', authorId)
					.orderBy('created_at', 'desc')
					.execute();
				return rows.map(toVersion);
			},
			async pageByAuthor(authorId, page) {
				const where = db.selectFrom('review_versions').where('author_id', '=', authorId);
				const counted = await where
					.select((eb) => eb.fn.countAll<string | number>().as('n'))
					.executeTakeFirst();
				const rows = await where
					.selectAll()
					.orderBy('created_at', 'desc')
					.orderBy('version_hash')
					.limit(page.limit)
					.offset(page.offset)
					.execute();
				return { rows: rows.map(toVersion), total: Number(counted?.n ?? 0) };
			},
			async listByStates(states) {
				if (!states.length) return [];
				const rows = await versions()
					.where('state', 'in', [...states])
					.orderBy('created_at', 'desc')
					.execute();
				return rows.map(toVersion);
			},
			async pageByStates(states, page) {
				if (!states.length) return { rows: [], total: 0 };
				const where = db.selectFrom('review_versions').where('state', 'in', [...states]);
				const counted = await where
					.select((eb) => eb.fn.countAll<string | number>().as('n'))
					.executeTakeFirst();
				let query = where.selectAll();
				query =
					page.order === 'waiting'
						? query.orderBy((eb) => eb.fn.coalesce('submitted_at', 'created_at')).orderBy('version_hash')
						: query.orderBy('updated_at', 'desc').orderBy('version_hash');
				const rows = await query.limit(page.limit).offset(page.offset).execute();
				return { rows: rows.map(toVersion), total: Number(counted?.n ?? 0) };
			},
			async delete(hash) {
				await db.deleteFrom('review_versions').where('version_hash', '=', hash).execute();
			}
		},
		comments: {
			async add(c) {
				await db
					.insertInto('review_comments')
					.values({
						id: c.id,
						version_hash: c.versionHash,
						comic_id: c.comicId,
						author_id: c.authorId,
						anchor: JSON.stringify(c.anchor),
						body: c.body,
						created_at: c.createdAt,
						resolved_at: c.resolvedAt,
						resolved_by: c.resolvedBy
					})
					.execute();
			},
			async listByVersion(hash) {
				const rows = await comments()
					.where('version_hash', '=', hash)
					.orderBy('created_at')
					.orderBy('id')
					.execute();
				return rows.map(toComment);
			},
			async listByComic(comicId) {
				const rows = await comments()
					.where('comic_id', '=', comicId)
					.orderBy('created_at')
					.orderBy('id')
					.execute();
				return rows.map(toComment);
			},
			async get(id) {
				const row = await comments().where('id', '=', id).executeTakeFirst();
				return row && toComment(row);
			},
			async setResolved(id, by, at) {
				await db
					.updateTable('review_comments')
					.set({ resolved_by: by, resolved_at: at })
					.where('id', '=', id)
					.execute();
			},
			async deleteByVersion(hash) {
				await db.deleteFrom('review_comments').where('version_hash', '=', hash).execute();
			},
			async countByVersions(hashes) {
				if (!hashes.length) return new Map();
				const rows = await db
					.selectFrom('review_comments')
					.select(['version_hash', (eb) => eb.fn.countAll<string | number>().as('n')])
					.where('version_hash', 'in', [...hashes])
					.groupBy('version_hash')
					.execute();
				return new Map(rows.map((r) => [r.version_hash, Number(r.n)]));
			}
		},
		summaries: {
			async get(hashes) {
				if (!hashes.length) return new Map();
				const rows = await db
					.selectFrom('version_summaries')
					.selectAll()
					.where('version_hash', 'in', [...hashes])
					.execute();
				return new Map(
					rows.map((r) => [
						r.version_hash,
						{
							title: JSON.parse(r.title) as Record<string, string>,
							languages: JSON.parse(r.languages) as string[]
						}
					])
				);
			},
			async put(hash, summary) {
				await db
					.insertInto('version_summaries')
					.values({
						version_hash: hash,
						title: JSON.stringify(summary.title),
						languages: JSON.stringify(summary.languages)
					})
					.onConflict((oc) => oc.column('version_hash').doNothing())
					.execute();
			}
		},
		rubric: {
			async set(e) {
				const values = {
					version_hash: e.versionHash,
					criterion: e.criterion,
					rating: e.rating,
					note: e.note,
					reviewer_id: e.reviewerId,
					updated_at: e.updatedAt
				};
				await db
					.insertInto('review_rubric')
					.values(values)
					.onConflict((oc) =>
						oc.columns(['version_hash', 'criterion']).doUpdateSet({
							rating: e.rating,
							note: e.note,
							reviewer_id: e.reviewerId,
							updated_at: e.updatedAt
						})
					)
					.execute();
			},
			async list(hash) {
				const rows = await db
					.selectFrom('review_rubric')
					.selectAll()
					.where('version_hash', '=', hash)
					.orderBy('criterion')
					.execute();
				return rows.map((r): RubricRecord => ({
					versionHash: r.version_hash,
					criterion: r.criterion as RubricCriterion,
					rating: r.rating as RubricRating,
					note: r.note,
					reviewerId: r.reviewer_id,
					updatedAt: r.updated_at
				}));
			},
			async deleteByVersion(hash) {
				await db.deleteFrom('review_rubric').where('version_hash', '=', hash).execute();
			}
		},
		audit: {
			async append(a) {
				await db
					.insertInto('review_audit')
					.values({
						id: a.id,
						at: a.at,
						actor_id: a.actorId,
						action: a.action,
						comic_id: a.comicId,
						version_hash: a.versionHash,
						from_state: a.fromState,
						to_state: a.toState,
						detail: JSON.stringify(a.detail)
					})
					.execute();
			},
			async list(filter) {
				let query = db.selectFrom('review_audit').selectAll();
				if (filter.comicId) query = query.where('comic_id', '=', filter.comicId);
				if (filter.versionHash) query = query.where('version_hash', '=', filter.versionHash);
				if (filter.action) query = query.where('action', '=', filter.action);
				if (filter.versionState)
					query = query.where(
						'version_hash',
						'in',
						db.selectFrom('review_versions').select('version_hash').where('state', '=', filter.versionState)
					);
				const rows = await query.orderBy('at').orderBy('id').execute();
				return rows.map((r): AuditRecord => ({
					id: r.id,
					at: r.at,
					actorId: r.actor_id,
					action: r.action as AuditAction,
					comicId: r.comic_id,
					versionHash: r.version_hash,
					fromState: r.from_state as VersionState | null,
					toState: r.to_state as VersionState | null,
					detail: JSON.parse(r.detail) as Record<string, string>
				}));
			}
		},
		transaction(work) {
			return db.transaction().execute((trx) => work(kyselyReviewRepositories(trx)));
		},
		async userNames(ids) {
			if (!ids.length) return new Map();
			const rows = await db
				.selectFrom('users')
				.select(['id', 'display_name'])
				.where('id', 'in', [...ids])
				.execute();
			return new Map(rows.map((r) => [r.id, r.display_name]));
		}
	};
}
