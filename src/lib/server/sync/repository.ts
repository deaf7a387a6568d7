/**
 * The SQL of school-server sync, on SQLite and PostgreSQL alike (kysely). National side: schools,
 * the published-version list by cursor, received batches. School side: the sync state, the outbox
 * of result batches, and the results not yet in a batch.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Approval } from '../../domain/signing/signature';
import type { WithdrawnKey } from '../../domain/signing/withdrawal';
import type { AggregateRow, VersionCursor } from './protocol';

export interface SchoolRecord {
	id: string;
	name: string;
	secretHash: string;
	disabled: boolean;
}

export interface PublishedEntry {
	cursor: VersionCursor;
	versionHash: string;
	comicId: string;
	approval: Approval;
}

/** An answer of the school's results, with what aggregation needs and nothing about the student. */
export interface AnswerFact {
	resultId: string;
	classId: string;
	grade: string;
	schoolYear: string;
	comic: string;
	finishedAt: string;
	objectives: string[];
	credit: number;
}

export interface SyncStatus {
	cursor: string | null;
	lastAttemptAt: string | null;
	lastSuccessAt: string | null;
	lastError: string | null;
	installed: number;
	withdrawn: number;
	pushed: number;
	/** Batches made but not acknowledged by the national server yet. */
	waitingBatches: number;
}

/** What the national report shows, as the repository reads it (sync/report.ts pages it). */
export interface ReportQuery {
	school?: string;
	comic?: string;
	objective?: string;
	/** A Monday, `2026-11-30`. */
	week?: string;
	limit: number;
	offset: number;
}

/** One row of the national report: one school's totals for a comic, objective and week. */
export interface ReportRow {
	week: string;
	schoolId: string;
	schoolName: string;
	comic: string;
	objective: string;
	/** Classes that answered (counted by their opaque reference; no class or student is named). */
	classes: number;
	attempts: number;
	/** Summed credit of the answers (0–1 each). */
	correct: number;
}

export interface OutboxBatch {
	batchId: string;
	payload: string;
}

const STATE_ID = 'school';
/** Id and sign-in name of the account that holds installed versions. */
export const INSTALL_OWNER = 'kalanso-national-sync';

export function syncRepository(db: Kysely<Database>) {
	return {
		// ——— national side ———

		async addSchool(id: string, name: string, secretHash: string, at: string): Promise<void> {
			await db
				.insertInto('sync_schools')
				.values({ id, name, secret_hash: secretHash, disabled: 0, created_at: at, last_seen_at: null })
				.onConflict((oc) => oc.column('id').doUpdateSet({ secret_hash: secretHash, name, disabled: 0 }))
				.execute();
		},

		async school(id: string): Promise<SchoolRecord | undefined> {
			const row = await db.selectFrom('sync_schools').selectAll().where('id', '=', id).executeTakeFirst();
			return row && { id: row.id, name: row.name, secretHash: row.secret_hash, disabled: row.disabled === 1 };
		},

		async schools(): Promise<
			Array<{ id: string; name: string; disabled: boolean; lastSeenAt: string | null }>
		> {
			const rows = await db.selectFrom('sync_schools').selectAll().orderBy('id').execute();
			return rows.map((r) => ({
				id: r.id,
				name: r.name,
				disabled: r.disabled === 1,
				lastSeenAt: r.last_seen_at
			}));
		},

		async seen(id: string, at: string): Promise<void> {
			await db.updateTable('sync_schools').set({ last_seen_at: at }).where('id', '=', id).execute();
		},

		/** Versions published after `since` (and still published), in publication order. */
		async publishedSince(since: VersionCursor | null, limit: number): Promise<PublishedEntry[]> {
			let query = db
				.selectFrom('review_audit as a')
				.innerJoin('review_versions as v', 'v.version_hash', 'a.version_hash')
				.select(['a.at', 'a.id', 'v.version_hash', 'v.comic_id', 'v.approval'])
				.where('a.action', '=', 'publish')
				.where('v.state', '=', 'published')
				.where('v.approval', 'is not', null);
			if (since) {
				query = query.where((eb) =>
					eb.or([eb('a.at', '>', since.at), eb.and([eb('a.at', '=', since.at), eb('a.id', '>', since.id)])])
				);
			}
			const rows = await query.orderBy('a.at').orderBy('a.id').limit(limit).execute();
			return rows.map((r) => ({
				cursor: { at: r.at, id: r.id },
				versionHash: r.version_hash,
				comicId: r.comic_id,
				approval: JSON.parse(r.approval!) as Approval
			}));
		},

		/**
		 * Stores a batch and its rows once: false when the school already sent this batch (the primary
		 * key refuses the second insert; nothing of it is counted again).
		 */
		async receiveBatch(
			schoolId: string,
			batchId: string,
			rows: readonly AggregateRow[],
			at: string
		): Promise<boolean> {
			return db.transaction().execute(async (trx) => {
				const inserted = await trx
					.insertInto('sync_batches')
					.values({ school_id: schoolId, batch_id: batchId, received_at: at, row_count: rows.length })
					.onConflict((oc) => oc.columns(['school_id', 'batch_id']).doNothing())
					.executeTakeFirst();
				if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
				for (let i = 0; i < rows.length; i += 500) {
					await trx
						.insertInto('sync_aggregates')
						.values(
							rows.slice(i, i + 500).map((r) => ({
								school_id: schoolId,
								batch_id: batchId,
								class_ref: r.classRef,
								grade: r.grade,
								school_year: r.schoolYear,
								comic: r.comic,
								objective: r.objective,
								week: r.week,
								attempts: r.attempts,
								correct: r.correct
							}))
						)
						.execute();
				}
				return true;
			});
		},

		/** Totals per school, class, comic, objective and week, over every batch received. */
		async aggregateTotals(schoolId?: string) {
			let query = db
				.selectFrom('sync_aggregates')
				.select(['school_id', 'class_ref', 'comic', 'objective', 'week'])
				.select((eb) => [
					eb.fn.sum<number>('attempts').as('attempts'),
					eb.fn.sum<number>('correct').as('correct')
				])
				.groupBy(['school_id', 'class_ref', 'comic', 'objective', 'week'])
				.orderBy('school_id')
				.orderBy('class_ref')
				.orderBy('comic')
				.orderBy('objective')
				.orderBy('week');
			if (schoolId) query = query.where('school_id', '=', schoolId);
			const rows = await query.execute();
			return rows.map((r) => ({
				schoolId: r.school_id,
				classRef: r.class_ref,
				comic: r.comic,
				objective: r.objective,
				week: r.week,
				attempts: Number(r.attempts),
				correct: Number(r.correct)
			}));
		},

		/**
		 * A page of the national report: totals per school, comic, objective and week over every
		 * batch received (classes counted, never named), newest week first; and how many such rows
		 * match. Two queries whatever the number of schools.
		 */
		async reportPage(query: ReportQuery): Promise<{ rows: ReportRow[]; total: number }> {
			let where = db.selectFrom('sync_aggregates as a');
			if (query.school) where = where.where('a.school_id', '=', query.school);
			if (query.comic) where = where.where('a.comic', '=', query.comic);
			if (query.objective) where = where.where('a.objective', '=', query.objective);
			if (query.week) where = where.where('a.week', '=', query.week);
			const groups = ['a.week', 'a.school_id', 'a.comic', 'a.objective'] as const;
			const [rows, count] = await Promise.all([
				where
					.leftJoin('sync_schools as s', 's.id', 'a.school_id')
					.select([...groups, 's.name'])
					.select((eb) => [
						eb.fn.count<string | number>('a.class_ref').distinct().as('classes'),
						eb.fn.sum<string | number>('a.attempts').as('attempts'),
						eb.fn.sum<string | number>('a.correct').as('correct')
					])
					.groupBy([...groups, 's.name'])
					.orderBy('a.week', 'desc')
					.orderBy('a.school_id')
					.orderBy('a.comic')
					.orderBy('a.objective')
					.limit(query.limit)
					.offset(query.offset)
					.execute(),
				db
					.selectFrom(where.select(groups).groupBy(groups).as('g'))
					.select((eb) => eb.fn.countAll<string | number>().as('n'))
					.executeTakeFirstOrThrow()
			]);
			return {
				rows: rows.map((r) => ({
					week: r.week,
					schoolId: r.school_id,
					schoolName: r.name ?? r.school_id,
					comic: r.comic,
					objective: r.objective,
					classes: Number(r.classes),
					attempts: Number(r.attempts),
					correct: Number(r.correct)
				})),
				total: Number(count.n)
			};
		},

		// ——— school side ———

		/**
		 * The account that holds versions installed from the national server (review_versions needs an
		 * author): disabled, with no usable password, so nobody can sign in as it. Made at first use.
		 */
		async installOwner(at: string): Promise<string> {
			await db
				.insertInto('users')
				.values({
					id: INSTALL_OWNER,
					username: INSTALL_OWNER,
					display_name: 'National server (sync)',
					role: 'author',
					password_hash: '!',
					must_change_password: 0,
					disabled: 1,
					demo: 0,
					created_at: at,
					updated_at: at
				})
				.onConflict((oc) => oc.column('id').doNothing())
				.execute();
			return INSTALL_OWNER;
		},

		async status(): Promise<SyncStatus> {
			const row = await db.selectFrom('sync_state').selectAll().where('id', '=', STATE_ID).executeTakeFirst();
			const waiting = await db
				.selectFrom('sync_outbox')
				.select((eb) => eb.fn.countAll<string | number>().as('n'))
				.where('acked_at', 'is', null)
				.executeTakeFirst();
			return {
				cursor: row?.cursor ?? null,
				lastAttemptAt: row?.last_attempt_at ?? null,
				lastSuccessAt: row?.last_success_at ?? null,
				lastError: row?.last_error ?? null,
				installed: row?.installed ?? 0,
				withdrawn: row?.withdrawn ?? 0,
				pushed: row?.pushed ?? 0,
				waitingBatches: Number(waiting?.n ?? 0)
			};
		},

		/** Updates the state row (created at first use); counters are added to. */
		async record(patch: {
			cursor?: string | null;
			lastAttemptAt?: string;
			lastSuccessAt?: string;
			lastError?: string | null;
			installed?: number;
			withdrawn?: number;
			pushed?: number;
		}): Promise<void> {
			await db
				.insertInto('sync_state')
				.values({
					id: STATE_ID,
					cursor: null,
					last_attempt_at: null,
					last_success_at: null,
					last_error: null,
					installed: 0,
					withdrawn: 0,
					pushed: 0
				})
				.onConflict((oc) => oc.column('id').doNothing())
				.execute();
			await db
				.updateTable('sync_state')
				.set((eb) => ({
					...(patch.cursor !== undefined ? { cursor: patch.cursor } : {}),
					...(patch.lastAttemptAt !== undefined ? { last_attempt_at: patch.lastAttemptAt } : {}),
					...(patch.lastSuccessAt !== undefined ? { last_success_at: patch.lastSuccessAt } : {}),
					...(patch.lastError !== undefined ? { last_error: patch.lastError } : {}),
					installed: eb('installed', '+', patch.installed ?? 0),
					withdrawn: eb('withdrawn', '+', patch.withdrawn ?? 0),
					pushed: eb('pushed', '+', patch.pushed ?? 0)
				}))
				.where('id', '=', STATE_ID)
				.execute();
		},

		/** Every answer of a result not yet in a batch, with its class's grade and year (no student). */
		async unbatchedAnswers(limit: number): Promise<AnswerFact[]> {
			const results = await db
				.selectFrom('classroom_results as r')
				.innerJoin('classroom_classes as c', 'c.id', 'r.class_id')
				.leftJoin('sync_outbox_results as o', 'o.result_id', 'r.id')
				.select(['r.id', 'r.class_id', 'c.grade', 'c.school_year', 'r.comic', 'r.finished_at'])
				.where('o.result_id', 'is', null)
				.where('r.kind', '=', 'quiz')
				.orderBy('r.received_at')
				.orderBy('r.id')
				.limit(limit)
				.execute();
			if (!results.length) return [];
			const answers = await db
				.selectFrom('classroom_answers')
				.select(['result_id', 'objectives', 'credit'])
				.where(
					'result_id',
					'in',
					results.map((r) => r.id)
				)
				.execute();
			const byResult = new Map(results.map((r) => [r.id, r]));
			const facts: AnswerFact[] = results.map((r) => ({
				resultId: r.id,
				classId: r.class_id,
				grade: r.grade,
				schoolYear: r.school_year,
				comic: r.comic,
				finishedAt: r.finished_at,
				objectives: [],
				credit: 0
			}));
			const out: AnswerFact[] = [];
			for (const a of answers) {
				const r = byResult.get(a.result_id)!;
				out.push({
					resultId: r.id,
					classId: r.class_id,
					grade: r.grade,
					schoolYear: r.school_year,
					comic: r.comic,
					finishedAt: r.finished_at,
					objectives: JSON.parse(a.objectives ?? '[]') as string[],
					credit: Number(a.credit)
				});
			}
			// A result without answers still goes into a batch (marked), so it is not looked at again.
			const withAnswers = new Set(answers.map((a) => a.result_id));
			for (const f of facts) if (!withAnswers.has(f.resultId)) out.push(f);
			return out;
		},

		/** Freezes a batch and marks its results, in one transaction. */
		async addBatch(
			batchId: string,
			payload: string,
			resultIds: readonly string[],
			at: string
		): Promise<void> {
			await db.transaction().execute(async (trx) => {
				await trx
					.insertInto('sync_outbox')
					.values({ batch_id: batchId, created_at: at, payload, acked_at: null })
					.execute();
				for (let i = 0; i < resultIds.length; i += 500) {
					await trx
						.insertInto('sync_outbox_results')
						.values(resultIds.slice(i, i + 500).map((id) => ({ result_id: id, batch_id: batchId })))
						.execute();
				}
			});
		},

		/** Batches not acknowledged yet, oldest first. */
		async waitingBatches(): Promise<OutboxBatch[]> {
			const rows = await db
				.selectFrom('sync_outbox')
				.select(['batch_id', 'payload'])
				.where('acked_at', 'is', null)
				.orderBy('created_at')
				.orderBy('batch_id')
				.execute();
			return rows.map((r) => ({ batchId: r.batch_id, payload: r.payload }));
		},

		async acknowledge(batchId: string, at: string): Promise<void> {
			await db.updateTable('sync_outbox').set({ acked_at: at }).where('batch_id', '=', batchId).execute();
		},

		/**
		 * Remembers keys a verified national list withdraws; returns those not remembered before (a
		 * key keeps the date it was first received).
		 */
		async rememberWithdrawnKeys(keys: readonly WithdrawnKey[], at: string): Promise<WithdrawnKey[]> {
			const added: WithdrawnKey[] = [];
			for (const key of keys) {
				const inserted = await db
					.insertInto('sync_withdrawn_keys')
					.values({
						key_id: key.keyId,
						public_key: key.publicKey,
						withdrawn_at: key.withdrawnAt,
						reason: key.reason,
						received_at: at
					})
					.onConflict((oc) => oc.column('key_id').doNothing())
					.executeTakeFirst();
				if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) added.push(key);
			}
			return added;
		},

		/** The keys the national list withdrew, oldest withdrawal first, with when this school learnt it. */
		async withdrawnKeys(): Promise<Array<WithdrawnKey & { receivedAt: string }>> {
			const rows = await db
				.selectFrom('sync_withdrawn_keys')
				.selectAll()
				.orderBy('withdrawn_at')
				.orderBy('key_id')
				.execute();
			return rows.map((r) => ({
				keyId: r.key_id,
				publicKey: r.public_key,
				withdrawnAt: r.withdrawn_at,
				reason: r.reason as WithdrawnKey['reason'],
				receivedAt: r.received_at
			}));
		}
	};
}

export type SyncRepository = ReturnType<typeof syncRepository>;
