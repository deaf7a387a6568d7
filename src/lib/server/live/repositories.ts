/**
 * Storage of the live quiz (SQLite and PostgreSQL through Kysely). Records are camelCase; rows stay
 * here. Events are numbered per session; two instances appending at once retry on the key.
 */
import { sql, type Kysely } from 'kysely';
import type { Answer } from '../../domain/quiz/types';
import type { Database } from '../db/schema';

export type LivePhase = 'lobby' | 'question' | 'closed' | 'revealed' | 'ended';
export type TeamMode = 'solo' | 'together' | 'turns';

/** Teacher options; speed bonus and leaderboard are off by default. */
export interface LiveOptions {
	speedBonus: boolean;
	leaderboard: boolean;
	/** Seconds per question, or null for no timer. */
	timerSec: number | null;
	/** Whether tablets may play the narration (the projector device narrates by default). */
	tabletNarration: boolean;
}

export interface LiveSessionRecord {
	id: string;
	classId: string;
	teacherId: string;
	comic: string;
	versionHash: string;
	language: string;
	code: string;
	phase: LivePhase;
	questionIndex: number;
	questionOpenedAt: string | null;
	deadline: string | null;
	options: LiveOptions;
	/** The panel the class follows, or null when the class reads freely. */
	follow: { panel: string } | null;
	createdAt: string;
	updatedAt: string;
}

export interface ParticipantRecord {
	id: string;
	sessionId: string;
	studentIds: string[];
	mode: TeamMode;
	joinedAt: string;
}

export interface LiveAnswerRecord {
	id: string;
	sessionId: string;
	participantId: string;
	questionId: string;
	studentId: string | null;
	answer: Answer;
	credit: number;
	receivedAt: string;
	elapsedMs: number;
}

export interface LiveEvent {
	seq: number;
	type: string;
	data: unknown;
	at: string;
}

export interface LiveRepositories {
	sessions: {
		insert(s: LiveSessionRecord): Promise<void>;
		get(id: string): Promise<LiveSessionRecord | undefined>;
		byCode(code: string): Promise<LiveSessionRecord | undefined>;
		update(
			id: string,
			patch: Partial<
				Pick<
					LiveSessionRecord,
					'phase' | 'questionIndex' | 'questionOpenedAt' | 'deadline' | 'follow' | 'options' | 'updatedAt'
				>
			>
		): Promise<void>;
		/**
		 * Closes question `questionIndex` if it is still open (phase `question`): true for the one
		 * caller (of any instance) that closed it, so the `closed` event is told once.
		 */
		closeQuestion(id: string, questionIndex: number, at: string): Promise<boolean>;
		/** Sessions with a question open on a timer (a restarted server arms their deadlines again). */
		openWithDeadline(): Promise<Array<{ id: string; deadline: string }>>;
	};
	participants: {
		/** Stores a participant unless its id is stored already; returns the stored one. */
		upsert(p: ParticipantRecord): Promise<ParticipantRecord>;
		get(id: string): Promise<ParticipantRecord | undefined>;
		list(sessionId: string): Promise<ParticipantRecord[]>;
		/** How many tablets joined the session. */
		count(sessionId: string): Promise<number>;
	};
	answers: {
		/** Stores an answer once: false when the id, or the participant's answer to that question, is stored already. */
		insertOnce(a: LiveAnswerRecord): Promise<boolean>;
		byId(id: string): Promise<LiveAnswerRecord | undefined>;
		forQuestion(sessionId: string, questionId: string): Promise<LiveAnswerRecord[]>;
		forSession(sessionId: string): Promise<LiveAnswerRecord[]>;
		countForQuestion(sessionId: string, questionId: string): Promise<number>;
		/** The participants (tablets) that answered the question. */
		answeredBy(sessionId: string, questionId: string): Promise<string[]>;
	};
	events: {
		/** Appends an event with the next number of the session. */
		append(sessionId: string, type: string, data: unknown, at: string): Promise<LiveEvent>;
		/** Events after `seq`, in order. */
		after(sessionId: string, seq: number): Promise<LiveEvent[]>;
		/** The number of the session's last event (0 before the first). */
		lastSeq(sessionId: string): Promise<number>;
	};
}

type SessionRow = Database['live_sessions'];

function toSession(r: SessionRow): LiveSessionRecord {
	return {
		id: r.id,
		classId: r.class_id,
		teacherId: r.teacher_id,
		comic: r.comic,
		versionHash: r.version_hash,
		language: r.language,
		code: r.code,
		phase: r.phase as LivePhase,
		questionIndex: Number(r.question_index),
		questionOpenedAt: r.question_opened_at,
		deadline: r.deadline,
		options: JSON.parse(r.options) as LiveOptions,
		follow: r.follow ? (JSON.parse(r.follow) as { panel: string }) : null,
		createdAt: r.created_at,
		updatedAt: r.updated_at
	};
}

function toParticipant(r: Database['live_participants']): ParticipantRecord {
	return {
		id: r.id,
		sessionId: r.session_id,
		studentIds: JSON.parse(r.student_ids) as string[],
		mode: r.mode as TeamMode,
		joinedAt: r.joined_at
	};
}

function toAnswer(r: Database['live_answers']): LiveAnswerRecord {
	return {
		id: r.id,
		sessionId: r.session_id,
		participantId: r.participant_id,
		questionId: r.question_id,
		studentId: r.student_id,
		answer: JSON.parse(r.answer) as Answer,
		credit: Number(r.credit),
		receivedAt: r.received_at,
		elapsedMs: Number(r.elapsed_ms)
	};
}

/** Unique-key violations on both engines (SQLite's message, PostgreSQL's SQLSTATE 23505). */
function isUniqueViolation(e: unknown): boolean {
	const err = e as { code?: string; message?: string };
	return err?.code === '23505' || /UNIQUE constraint failed/.test(err?.message ?? '');
}

export function kyselyLiveRepositories(db: Kysely<Database>): LiveRepositories {
	return {
		sessions: {
			async insert(s) {
				await db
					.insertInto('live_sessions')
					.values({
						id: s.id,
						class_id: s.classId,
						teacher_id: s.teacherId,
						comic: s.comic,
						version_hash: s.versionHash,
						language: s.language,
						code: s.code,
						phase: s.phase,
						question_index: s.questionIndex,
						question_opened_at: s.questionOpenedAt,
						deadline: s.deadline,
						options: JSON.stringify(s.options),
						follow: s.follow ? JSON.stringify(s.follow) : null,
						created_at: s.createdAt,
						updated_at: s.updatedAt
					})
					.execute();
			},
			async get(id) {
				const r = await db.selectFrom('live_sessions').selectAll().where('id', '=', id).executeTakeFirst();
				return r && toSession(r);
			},
			async byCode(code) {
				const r = await db
					.selectFrom('live_sessions')
					.selectAll()
					.where('code', '=', code)
					.executeTakeFirst();
				return r && toSession(r);
			},
			async update(id, p) {
				const values: Partial<SessionRow> = {};
				if (p.phase !== undefined) values.phase = p.phase;
				if (p.questionIndex !== undefined) values.question_index = p.questionIndex;
				if (p.questionOpenedAt !== undefined) values.question_opened_at = p.questionOpenedAt;
				if (p.deadline !== undefined) values.deadline = p.deadline;
				if (p.follow !== undefined) values.follow = p.follow ? JSON.stringify(p.follow) : null;
				if (p.options !== undefined) values.options = JSON.stringify(p.options);
				if (p.updatedAt !== undefined) values.updated_at = p.updatedAt;
				await db.updateTable('live_sessions').set(values).where('id', '=', id).execute();
			},
			async closeQuestion(id, questionIndex, at) {
				const r = await db
					.updateTable('live_sessions')
					.set({ phase: 'closed', updated_at: at })
					.where('id', '=', id)
					.where('phase', '=', 'question')
					.where('question_index', '=', questionIndex)
					.executeTakeFirst();
				return Number(r.numUpdatedRows) > 0;
			},
			async openWithDeadline() {
				const rows = await db
					.selectFrom('live_sessions')
					.select(['id', 'deadline'])
					.where('phase', '=', 'question')
					.where('deadline', 'is not', null)
					.execute();
				return rows.map((r) => ({ id: r.id, deadline: r.deadline! }));
			}
		},
		participants: {
			async upsert(p) {
				try {
					await db
						.insertInto('live_participants')
						.values({
							id: p.id,
							session_id: p.sessionId,
							student_ids: JSON.stringify(p.studentIds),
							mode: p.mode,
							joined_at: p.joinedAt
						})
						.execute();
					return p;
				} catch (e) {
					if (!isUniqueViolation(e)) throw e;
					const stored = await this.get(p.id);
					if (!stored) throw e;
					return stored;
				}
			},
			async get(id) {
				const r = await db
					.selectFrom('live_participants')
					.selectAll()
					.where('id', '=', id)
					.executeTakeFirst();
				return r && toParticipant(r);
			},
			async list(sessionId) {
				const rows = await db
					.selectFrom('live_participants')
					.selectAll()
					.where('session_id', '=', sessionId)
					.orderBy('joined_at')
					.execute();
				return rows.map(toParticipant);
			},
			async count(sessionId) {
				const r = await db
					.selectFrom('live_participants')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where('session_id', '=', sessionId)
					.executeTakeFirstOrThrow();
				return Number(r.n);
			}
		},
		answers: {
			async insertOnce(a) {
				try {
					await db
						.insertInto('live_answers')
						.values({
							id: a.id,
							session_id: a.sessionId,
							participant_id: a.participantId,
							question_id: a.questionId,
							student_id: a.studentId,
							answer: JSON.stringify(a.answer),
							credit: a.credit,
							received_at: a.receivedAt,
							elapsed_ms: a.elapsedMs
						})
						.execute();
					return true;
				} catch (e) {
					if (isUniqueViolation(e)) return false;
					throw e;
				}
			},
			async byId(id) {
				const r = await db.selectFrom('live_answers').selectAll().where('id', '=', id).executeTakeFirst();
				return r && toAnswer(r);
			},
			async forQuestion(sessionId, questionId) {
				const rows = await db
					.selectFrom('live_answers')
					.selectAll()
					.where('session_id', '=', sessionId)
					.where('question_id', '=', questionId)
					.orderBy('received_at')
					.execute();
				return rows.map(toAnswer);
			},
			async forSession(sessionId) {
				const rows = await db
					.selectFrom('live_answers')
					.selectAll()
					.where('session_id', '=', sessionId)
					.orderBy('received_at')
					.execute();
				return rows.map(toAnswer);
			},
			async countForQuestion(sessionId, questionId) {
				const r = await db
					.selectFrom('live_answers')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where('session_id', '=', sessionId)
					.where('question_id', '=', questionId)
					.executeTakeFirstOrThrow();
				return Number(r.n);
			},
			async answeredBy(sessionId, questionId) {
				const rows = await db
					.selectFrom('live_answers')
					.select('participant_id')
					.where('session_id', '=', sessionId)
					.where('question_id', '=', questionId)
					.execute();
				return rows.map((r) => r.participant_id);
			}
		},
		events: {
			async append(sessionId, type, data, at) {
				const text = JSON.stringify(data);
				// One statement takes the next number and inserts it: atomic on SQLite (40 answers at
				// once append 40 events without a clash). On PostgreSQL two transactions (or instances)
				// may still read the same maximum: the loser of the key retries, after a short pause.
				for (let attempt = 0; ; attempt++) {
					try {
						const row = await db
							.insertInto('live_events')
							.columns(['session_id', 'seq', 'type', 'data', 'at'])
							.expression(
								db
									.selectFrom('live_events')
									.select([
										sql<string>`cast(${sessionId} as text)`.as('session_id'),
										sql<number>`coalesce(max(seq), 0) + 1`.as('seq'),
										sql<string>`cast(${type} as text)`.as('type'),
										sql<string>`cast(${text} as text)`.as('data'),
										sql<string>`cast(${at} as text)`.as('at')
									])
									.where('session_id', '=', sessionId)
							)
							.returning('seq')
							.executeTakeFirstOrThrow();
						return { seq: Number(row.seq), type, data, at };
					} catch (e) {
						if (!isUniqueViolation(e) || attempt >= 50) throw e;
						await new Promise((r) => setTimeout(r, Math.random() * 5 * (attempt + 1)));
					}
				}
			},
			async after(sessionId, seq) {
				const rows = await db
					.selectFrom('live_events')
					.selectAll()
					.where('session_id', '=', sessionId)
					.where('seq', '>', seq)
					.orderBy('seq')
					.execute();
				return rows.map((r) => ({ seq: Number(r.seq), type: r.type, data: JSON.parse(r.data), at: r.at }));
			},
			async lastSeq(sessionId) {
				const r = await db
					.selectFrom('live_events')
					.select((eb) => eb.fn.max('seq').as('seq'))
					.where('session_id', '=', sessionId)
					.executeTakeFirst();
				return Number(r?.seq ?? 0);
			}
		}
	};
}
