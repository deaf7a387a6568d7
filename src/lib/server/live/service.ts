/**
 * The live class quiz and "follow me" reading (issue 14). Services decide, repositories speak SQL.
 * - Session state and every acknowledged answer are in the database before anyone is told, so a
 *   restarted server (or another instance) carries on from the rows.
 * - Every change is a numbered event stored per session; streams send them in order and resume
 *   after `Last-Event-ID`.
 * - Answers carry client-generated ids: one sent twice is acknowledged once; an answer after the
 *   close, to another question, from a tablet that did not join, or malformed is refused with a
 *   reason.
 * - A finished session's answers become ordinary classroom results (source `live`), scored by the
 *   same code as a tablet's outbox upload, so they land in the same reports.
 */
import { z } from 'zod';
import { isJoinCode, joinCodeFrom, normalizeJoinCode } from '../../domain/classroom/class';
import { scoreSubmission } from '../../domain/classroom/results';
import type { Manifest } from '../../domain/manifest/schema';
import type { Quiz } from '../../domain/quiz/schema';
import { answerSchema, creditFor, tallyFor, type Question, type Tally } from '../../domain/quiz/types';
import type { ClassroomRepositories, ResultRecord } from '../classroom/repositories';
import type { ClassroomUser, QuizLookup } from '../classroom/service';
import type { Fanout } from './fanout';
import type {
	LiveAnswerRecord,
	LiveEvent,
	LiveOptions,
	LiveRepositories,
	LiveSessionRecord,
	ParticipantRecord
} from './repositories';

export type LiveErrorCode =
	| 'not-found'
	| 'unknown-code'
	| 'unknown-session'
	| 'unknown-question'
	| 'unknown-participant'
	| 'unknown-student'
	| 'question-closed'
	| 'session-ended'
	| 'no-quiz'
	| 'malformed'
	| 'wrong-phase';

const STATUS: Record<LiveErrorCode, number> = {
	'not-found': 404,
	'unknown-code': 404,
	'unknown-session': 404,
	'unknown-question': 404,
	'unknown-participant': 403,
	'unknown-student': 400,
	'question-closed': 409,
	'session-ended': 409,
	'no-quiz': 400,
	malformed: 400,
	'wrong-phase': 409
};

/** A refused request: `code` is the reason (translated on pages as `live.error.<code>`), `status` the HTTP status. */
export class LiveError extends Error {
	readonly status: number;
	constructor(readonly code: LiveErrorCode) {
		super(`live: ${code}`);
		this.status = STATUS[code];
	}
}

export interface LiveDeps {
	repos: LiveRepositories;
	classroom: ClassroomRepositories;
	quizzes: QuizLookup;
	fanout: Fanout;
	now: () => Date;
	newId: () => string;
	randomBytes: (n: number) => Uint8Array;
	/** A stable result id for a student's results of a session (hex, UUID-shaped). */
	resultId: (sessionId: string, studentId: string) => string;
	/**
	 * Told when a question opens on a timer (and, through `resumeDeadlines`, for every open timer
	 * after a restart): the server arms a timer that calls `expire` at the deadline, so the question
	 * closes whether or not a projector page is open. The deadline itself is in the database.
	 */
	onDeadline?: (sessionId: string, deadline: string) => void;
	/**
	 * Answer counts are told to the streams at most this often per session (default
	 * `COUNT_EVERY_MS`): one `count` event for a burst of answers instead of one per answer.
	 */
	countEveryMs?: number;
	/** Where a failed deferred count goes (default: the server log). */
	onError?: (error: unknown) => void;
}

/**
 * How often, at most, a session's answer count is told: quick enough for a projector to look live,
 * and a class of 40 answering at once makes a handful of events for 41 streams, not 40.
 */
export const COUNT_EVERY_MS = 200;

/** Participants kept in memory (rows never change once stored), across every session. */
const REMEMBERED_PARTICIPANTS = 20_000;
/** Sessions whose open question's tally is kept in memory. */
const REMEMBERED_SESSIONS = 2_000;

export const DEFAULT_OPTIONS: LiveOptions = {
	speedBonus: false,
	leaderboard: false,
	timerSec: null,
	tabletNarration: false
};

const clientId = z.string().regex(/^[0-9a-zA-Z-]{8,64}$/);

const joinSchema = z.strictObject({
	participantId: clientId,
	studentIds: z.array(z.string().min(1).max(64)).min(1).max(5),
	mode: z.enum(['solo', 'together', 'turns'])
});

const answerPostSchema = z.strictObject({
	id: clientId,
	participantId: clientId,
	questionId: z.string().min(1).max(64),
	/** Take turns: whose turn it was. */
	studentId: z.string().min(1).max(64).optional(),
	answer: answerSchema
});

const optionsSchema = z.strictObject({
	speedBonus: z.boolean().default(false),
	leaderboard: z.boolean().default(false),
	timerSec: z.number().int().min(5).max(600).nullable().default(null),
	tabletNarration: z.boolean().default(false)
});

/** What a tablet or the projector needs to show the session as it is now. */
export interface LiveSnapshot {
	sessionId: string;
	code: string;
	comic: string;
	versionHash: string;
	language: string;
	phase: LiveSessionRecord['phase'];
	questionIndex: number;
	questionCount: number;
	question: Question | null;
	deadline: string | null;
	options: LiveOptions;
	follow: LiveSessionRecord['follow'];
	participants: number;
	answered: number;
	/** The last event number: a stream opened after this snapshot resumes from here. */
	seq: number;
	/** For a tablet: its answer to the current question, if any (rejoin after a drop). */
	yourAnswer: LiveAnswerRecord['answer'] | null;
	/** Take turns: whose turn it is on this tablet. */
	turn: string | null;
	/** After reveal: how the class answered. */
	tally: Tally | null;
}

/**
 * What this instance saw of the open question of a session: who answered it and who joined. A hint
 * that decides only when to count (at once when it looks like everyone answered, else in the next
 * batch); the count told and the close are always read from the database, so answers stored by
 * another instance are counted too.
 */
interface QuestionTally {
	questionId: string;
	answered: Set<string>;
	joined: number;
	/** The count told when everyone seemed to have answered (shared by the answers that saw it). */
	final?: Promise<void>;
}

export class LiveService {
	#d: LiveDeps;
	/** Participant rows by id (immutable once stored): an answer needs no read for its tablet. */
	#participants = new Map<string, ParticipantRecord>();
	/** Per session: the open question's tally (seeded from the database, then kept here). */
	#tallies = new Map<string, { questionId: string; tally: Promise<QuestionTally> }>();
	/** Per session: the pending batched count. */
	#countTimers = new Map<
		string,
		{ questionId: string; timer: ReturnType<typeof setTimeout>; run: () => Promise<void> }
	>();
	/** Per session: the counts being told, one after the other (so the told number never goes back). */
	#counting = new Map<string, Promise<void>>();
	constructor(deps: LiveDeps) {
		this.#d = deps;
	}

	async #version(s: Pick<LiveSessionRecord, 'versionHash'>): Promise<{ quiz: Quiz; manifest: Manifest }> {
		const v = await this.#d.quizzes.versionOf(s.versionHash);
		if (!v?.quiz) throw new LiveError('no-quiz');
		return { quiz: v.quiz, manifest: v.manifest };
	}

	async #emit(sessionId: string, type: string, data: unknown): Promise<LiveEvent> {
		const event = await this.#d.repos.events.append(sessionId, type, data, this.#d.now().toISOString());
		await this.#d.fanout.publish(sessionId, event.seq);
		return event;
	}

	async #owned(user: ClassroomUser, sessionId: string): Promise<LiveSessionRecord> {
		const s = await this.#d.repos.sessions.get(sessionId);
		if (!s || user.role !== 'teacher' || s.teacherId !== user.id) throw new LiveError('not-found');
		return s;
	}

	/** Starts a session on the quiz of a comic version for one of the teacher's classes. */
	async start(
		user: ClassroomUser,
		classId: string,
		input: { versionHash: string; language: string; options?: unknown }
	): Promise<LiveSessionRecord> {
		const found = await this.#d.classroom.classes.get(classId);
		if (!found || user.role !== 'teacher' || found.teacherId !== user.id) throw new LiveError('not-found');
		const v = await this.#d.quizzes.versionOf(input.versionHash);
		if (!v?.quiz) throw new LiveError('no-quiz');
		const options = optionsSchema.safeParse(input.options ?? {});
		if (!options.success) throw new LiveError('malformed');
		const at = this.#d.now().toISOString();
		for (let attempt = 0; ; attempt++) {
			const session: LiveSessionRecord = {
				id: this.#d.newId(),
				classId,
				teacherId: user.id,
				comic: v.comic,
				versionHash: input.versionHash,
				language: input.language,
				code: joinCodeFrom(this.#d.randomBytes(6)),
				phase: 'lobby',
				questionIndex: -1,
				questionOpenedAt: null,
				deadline: null,
				options: options.data,
				follow: null,
				createdAt: at,
				updatedAt: at
			};
			if (await this.#d.repos.sessions.byCode(session.code)) {
				if (attempt > 10) throw new Error('live: no free join code');
				continue;
			}
			await this.#d.repos.sessions.insert(session);
			await this.#emit(session.id, 'lobby', { participants: 0 });
			return session;
		}
	}

	/** The session a typed (or scanned) code opens, and the class roster to pick from. */
	async lookup(typedCode: string) {
		const code = normalizeJoinCode(typedCode);
		const s = isJoinCode(code) ? await this.#d.repos.sessions.byCode(code) : undefined;
		if (!s || s.phase === 'ended') throw new LiveError('unknown-code');
		const roster = await this.#d.classroom.students.roster(s.classId);
		return {
			sessionId: s.id,
			comic: s.comic,
			versionHash: s.versionHash,
			language: s.language,
			students: roster.map((r) => ({ id: r.id, displayName: r.displayName, picture: r.picture }))
		};
	}

	/** A tablet joins (again) with one student or a team; joining twice with the same id is one join. */
	async join(typedCode: string, raw: unknown): Promise<LiveSnapshot> {
		const info = await this.lookup(typedCode);
		const parsed = joinSchema.safeParse(raw);
		if (!parsed.success) throw new LiveError('malformed');
		const { participantId, studentIds, mode } = parsed.data;
		if (new Set(studentIds).size !== studentIds.length || studentIds.length > 1 !== (mode !== 'solo'))
			throw new LiveError('malformed');
		const known = new Set(info.students.map((s) => s.id));
		if (!studentIds.every((id) => known.has(id))) throw new LiveError('unknown-student');
		const existing = await this.#participant(participantId);
		if (existing && existing.sessionId !== info.sessionId) throw new LiveError('unknown-participant');
		if (!existing) {
			// The stored row (the first of two joins at once wins): the tablet's answers need no read.
			this.#remember(
				await this.#d.repos.participants.upsert({
					id: participantId,
					sessionId: info.sessionId,
					studentIds,
					mode,
					joinedAt: this.#d.now().toISOString()
				})
			);
			// The tally reads who joined again when it next counts.
			this.#tallies.delete(info.sessionId);
			const participants = await this.#d.repos.participants.count(info.sessionId);
			await this.#emit(info.sessionId, 'joined', {
				participants,
				names: studentIds.map((id) => info.students.find((s) => s.id === id)!.displayName)
			});
		}
		return this.snapshot(info.sessionId, participantId);
	}

	/** The session now; with a participant id, that tablet's answer and turn too. */
	async snapshot(sessionId: string, participantId?: string): Promise<LiveSnapshot> {
		let s = await this.#d.repos.sessions.get(sessionId);
		if (!s) throw new LiveError('unknown-session');
		// A deadline passed while no timer ran (the instance that armed it went down): closed now.
		if (this.#expired(s) && (await this.expire(sessionId)))
			s = (await this.#d.repos.sessions.get(sessionId))!;
		const { quiz, manifest } = await this.#version(s);
		const question = quiz.questions[s.questionIndex] ?? null;
		const [participants, answers, seq] = await Promise.all([
			this.#d.repos.participants.list(sessionId),
			question ? this.#d.repos.answers.forQuestion(sessionId, question.id) : Promise.resolve([]),
			this.#d.repos.events.lastSeq(sessionId)
		]);
		const me = participantId ? participants.find((p) => p.id === participantId) : undefined;
		if (participantId && !me) throw new LiveError('unknown-participant');
		const mine = me ? answers.find((a) => a.participantId === me.id) : undefined;
		return {
			sessionId,
			code: s.code,
			comic: s.comic,
			versionHash: s.versionHash,
			language: s.language,
			phase: s.phase,
			questionIndex: s.questionIndex,
			questionCount: quiz.questions.length,
			question,
			deadline: s.deadline,
			options: s.options,
			follow: s.follow,
			participants: participants.length,
			answered: answers.length,
			seq,
			yourAnswer: mine?.answer ?? null,
			turn:
				me && me.mode === 'turns'
					? me.studentIds[Math.max(0, s.questionIndex) % me.studentIds.length]!
					: null,
			tally:
				question && s.phase === 'revealed'
					? tallyFor(
							question,
							answers.map((a) => a.answer),
							manifest
						)
					: null
		};
	}

	/** The session now, for its teacher only (the projector view). */
	async snapshotFor(user: ClassroomUser, sessionId: string): Promise<LiveSnapshot> {
		await this.#owned(user, sessionId);
		return this.snapshot(sessionId);
	}

	/** Events after `seq` (a stream's resume point). */
	async eventsAfter(sessionId: string, seq: number): Promise<LiveEvent[]> {
		return this.#d.repos.events.after(sessionId, seq);
	}

	/** Whether the session has ended and its `ended` event is at or before `seq` (the client saw it). */
	async endedBy(sessionId: string, seq: number): Promise<boolean> {
		const s = await this.#d.repos.sessions.get(sessionId);
		if (s?.phase !== 'ended') return false;
		return !(await this.#d.repos.events.after(sessionId, seq)).some((e) => e.type === 'ended');
	}

	/** Whether the session exists (streams check before they start). */
	async exists(sessionId: string): Promise<boolean> {
		return !!(await this.#d.repos.sessions.get(sessionId));
	}

	/**
	 * Stores one answer and acknowledges it: `stored` the first time, `already` when the same id
	 * (or this tablet's answer to this question) was stored before. The answer is committed to the
	 * database before the acknowledgement; the count is told to the streams in batches
	 * (`countEveryMs`), at once when every joined tablet has answered, which also closes the question.
	 */
	async answer(sessionId: string, raw: unknown): Promise<{ ack: 'stored' | 'already'; id: string }> {
		const parsed = answerPostSchema.safeParse(raw);
		const s = await this.#d.repos.sessions.get(sessionId);
		if (!s) throw new LiveError('unknown-session');
		if (!parsed.success) throw new LiveError('malformed');
		const a = parsed.data;
		// A refusal is checked against a stored copy first: an acknowledged answer sent again (its
		// acknowledgement lost) is acknowledged again, even after the close. A new answer does
		// not pay for that read: the insert itself tells a duplicate.
		const refuse = async (code: LiveErrorCode) => {
			const before = await this.#d.repos.answers.byId(a.id);
			if (before && before.sessionId === sessionId) return { ack: 'already' as const, id: a.id };
			throw new LiveError(code);
		};
		const participant = await this.#participant(a.participantId);
		if (!participant || participant.sessionId !== sessionId) return refuse('unknown-participant');
		const { quiz, manifest } = await this.#version(s);
		const question = quiz.questions.find((q) => q.id === a.questionId);
		if (!question) return refuse('unknown-question');
		if (a.answer.type !== question.type) return refuse('malformed');
		const now = this.#d.now();
		if (s.phase === 'ended') return refuse('session-ended');
		if (this.#expired(s)) await this.expire(sessionId);
		if (
			s.phase !== 'question' ||
			quiz.questions[s.questionIndex]?.id !== question.id ||
			(s.deadline && now.toISOString() > s.deadline)
		)
			return refuse('question-closed');
		if (a.studentId && !participant.studentIds.includes(a.studentId)) return refuse('unknown-student');
		const stored = await this.#d.repos.answers.insertOnce({
			id: a.id,
			sessionId,
			participantId: participant.id,
			questionId: question.id,
			studentId: a.studentId ?? null,
			answer: a.answer,
			credit: creditFor(question, a.answer, manifest),
			receivedAt: now.toISOString(),
			elapsedMs: s.questionOpenedAt ? Math.max(0, now.getTime() - Date.parse(s.questionOpenedAt)) : 0
		});
		if (!stored) return { ack: 'already', id: a.id };
		const tally = await this.#tally(sessionId, question.id);
		tally.answered.add(participant.id);
		if (tally.answered.size >= tally.joined) {
			// Everyone answered (as far as this instance knows): counted, and closed, before the
			// acknowledgement, so the last tablet's ack means the question is closed. Answers that
			// arrive together share that one count.
			tally.final ??= this.#count(sessionId, s.questionIndex, question.id).then(
				(closed) => {
					// Not closed: someone joined elsewhere; the next answer counts again.
					if (!closed) tally.final = undefined;
				},
				(error: unknown) => {
					tally.final = undefined;
					throw error;
				}
			);
			await tally.final;
		} else this.#countSoon(sessionId, s.questionIndex, question.id);
		return { ack: 'stored', id: a.id };
	}

	/** A participant by id, read once (participant rows never change). */
	async #participant(id: string): Promise<ParticipantRecord | undefined> {
		const known = this.#participants.get(id);
		if (known) return known;
		const stored = await this.#d.repos.participants.get(id);
		if (stored) this.#remember(stored);
		return stored;
	}

	#remember(p: ParticipantRecord): void {
		// Bounded: the oldest go first (Map keeps insertion order); they are read again if needed.
		if (!this.#participants.has(p.id) && this.#participants.size >= REMEMBERED_PARTICIPANTS)
			this.#participants.delete(this.#participants.keys().next().value!);
		this.#participants.set(p.id, p);
	}

	/** This instance's tally of the session's open question, read from the database when new. */
	#tally(sessionId: string, questionId: string): Promise<QuestionTally> {
		const known = this.#tallies.get(sessionId);
		if (known?.questionId === questionId) return known.tally;
		const tally = (async (): Promise<QuestionTally> => {
			const [answered, joined] = await Promise.all([
				this.#d.repos.answers.answeredBy(sessionId, questionId),
				this.#d.repos.participants.count(sessionId)
			]);
			return { questionId, answered: new Set(answered), joined };
		})();
		const entry = { questionId, tally };
		// Bounded like the participants: a session left open for ever costs one entry at most.
		if (!known && this.#tallies.size >= REMEMBERED_SESSIONS)
			this.#tallies.delete(this.#tallies.keys().next().value!);
		this.#tallies.set(sessionId, entry);
		tally.catch(() => {
			if (this.#tallies.get(sessionId) === entry) this.#tallies.delete(sessionId);
		});
		return tally;
	}

	/** Counts within `countEveryMs`, once for every answer stored meanwhile. */
	#countSoon(sessionId: string, questionIndex: number, questionId: string): void {
		const pending = this.#countTimers.get(sessionId);
		if (pending?.questionId === questionId) return;
		// One left from the question before: the teacher moved on, its streams refresh anyway.
		clearTimeout(pending?.timer);
		const run = () => this.#count(sessionId, questionIndex, questionId).then(() => {});
		const timer = setTimeout(() => {
			run().catch(this.#d.onError ?? ((e: unknown) => console.error('live: answer count', e)));
		}, this.#d.countEveryMs ?? COUNT_EVERY_MS);
		timer.unref?.();
		this.#countTimers.set(sessionId, { questionId, timer, run });
	}

	/**
	 * Tells the streams how many answered, from the database (every instance's answers), and closes
	 * the question when every joined tablet has. One count at a time per session, so the number
	 * told never goes back.
	 */
	#count(sessionId: string, questionIndex: number, questionId: string): Promise<boolean> {
		clearTimeout(this.#countTimers.get(sessionId)?.timer);
		this.#countTimers.delete(sessionId);
		const run = async () => {
			const [answered, participants] = await Promise.all([
				this.#d.repos.answers.countForQuestion(sessionId, questionId),
				this.#d.repos.participants.count(sessionId)
			]);
			// A tablet that joined on another instance: this instance's hint learns it here.
			const known = this.#tallies.get(sessionId);
			if (known?.questionId === questionId) void known.tally.then((t) => (t.joined = participants));
			await this.#emit(sessionId, 'count', { questionId, answered, participants });
			// Closes only question `questionIndex` if still open: a late count never closes the next one.
			if (answered < participants) return false;
			await this.#close(sessionId, questionIndex, questionId);
			return true;
		};
		const counted = (this.#counting.get(sessionId) ?? Promise.resolve()).catch(() => {}).then(run);
		const settled = counted.then(
			() => {},
			() => {}
		);
		this.#counting.set(sessionId, settled);
		void settled.then(() => {
			if (this.#counting.get(sessionId) === settled) this.#counting.delete(sessionId);
		});
		return counted;
	}

	/** Tells every batched count now and waits for them (tests: no wait on the batch timer). */
	async settled(): Promise<void> {
		const pending = [...this.#countTimers.values()];
		await Promise.all(pending.map((p) => p.run()));
		await Promise.all([...this.#counting.values()]);
	}

	/** Teacher: opens the next question (the first from the lobby). */
	async next(user: ClassroomUser, sessionId: string): Promise<LiveSnapshot> {
		const s = await this.#owned(user, sessionId);
		if (s.phase === 'ended') throw new LiveError('session-ended');
		const { quiz } = await this.#version(s);
		const index = s.questionIndex + 1;
		if (index >= quiz.questions.length) throw new LiveError('wrong-phase');
		const now = this.#d.now();
		const deadline = s.options.timerSec
			? new Date(now.getTime() + s.options.timerSec * 1000).toISOString()
			: null;
		await this.#d.repos.sessions.update(sessionId, {
			phase: 'question',
			questionIndex: index,
			questionOpenedAt: now.toISOString(),
			deadline,
			follow: null,
			updatedAt: now.toISOString()
		});
		await this.#emit(sessionId, 'question', { index, question: quiz.questions[index], deadline });
		if (deadline) this.#d.onDeadline?.(sessionId, deadline);
		return this.snapshot(sessionId);
	}

	/**
	 * Closes the question if it is still open; only the caller that closed it tells the streams. A
	 * batched count of this question not told yet is told first, so the count the projector shows
	 * at `closed` is the final one and no count of a closed question comes after it.
	 */
	async #close(sessionId: string, questionIndex: number, questionId: string): Promise<boolean> {
		const pending = this.#countTimers.get(sessionId);
		if (pending?.questionId === questionId)
			await pending.run().catch(this.#d.onError ?? ((e: unknown) => console.error('live: answer count', e)));
		const closed = await this.#d.repos.sessions.closeQuestion(
			sessionId,
			questionIndex,
			this.#d.now().toISOString()
		);
		if (closed) await this.#emit(sessionId, 'closed', { questionId });
		return closed;
	}

	#expired(s: LiveSessionRecord): boolean {
		return s.phase === 'question' && !!s.deadline && this.#d.now().toISOString() >= s.deadline;
	}

	/**
	 * The question timer, server-side: closes the session's open question when its deadline (stored
	 * with the session) has passed. True when this call closed it. Safe to call from every instance.
	 */
	async expire(sessionId: string): Promise<boolean> {
		const s = await this.#d.repos.sessions.get(sessionId);
		if (!s || !this.#expired(s)) return false;
		const { quiz } = await this.#version(s);
		return this.#close(s.id, s.questionIndex, quiz.questions[s.questionIndex]!.id);
	}

	/** After a (re)start: arms the timer of every question open on a timer (`onDeadline`). */
	async resumeDeadlines(): Promise<number> {
		const open = await this.#d.repos.sessions.openWithDeadline();
		for (const o of open) this.#d.onDeadline?.(o.id, o.deadline);
		return open.length;
	}

	/** Teacher: no more answers to this question. */
	async close(user: ClassroomUser, sessionId: string): Promise<LiveSnapshot> {
		const s = await this.#owned(user, sessionId);
		const { quiz } = await this.#version(s);
		if (s.phase !== 'question') throw new LiveError('wrong-phase');
		await this.#close(s.id, s.questionIndex, quiz.questions[s.questionIndex]!.id);
		return this.snapshot(sessionId);
	}

	/** Teacher: shows how the class answered, the right answer and the explanation. */
	async reveal(user: ClassroomUser, sessionId: string): Promise<LiveSnapshot> {
		const s = await this.#owned(user, sessionId);
		if (s.phase === 'question')
			await this.#close(s.id, s.questionIndex, (await this.#version(s)).quiz.questions[s.questionIndex]!.id);
		else if (s.phase !== 'closed') throw new LiveError('wrong-phase');
		await this.#d.repos.sessions.update(sessionId, {
			phase: 'revealed',
			updatedAt: this.#d.now().toISOString()
		});
		const snap = await this.snapshot(sessionId);
		await this.#emit(sessionId, 'revealed', {
			questionId: snap.question!.id,
			tally: snap.tally,
			leaderboard: s.options.leaderboard ? await this.leaderboard(s) : null
		});
		return snap;
	}

	/**
	 * Points per tablet when the teacher turned the leaderboard on: 1000 × credit, and with the
	 * speed bonus up to 500 more for answering early (within the timer, or 30 s without one).
	 */
	async leaderboard(s: LiveSessionRecord): Promise<Array<{ participantId: string; points: number }>> {
		const answers = await this.#d.repos.answers.forSession(s.id);
		const window = (s.options.timerSec ?? 30) * 1000;
		const points = new Map<string, number>();
		for (const a of answers) {
			const bonus = s.options.speedBonus && a.credit > 0 ? Math.max(0, 1 - a.elapsedMs / window) * 500 : 0;
			points.set(a.participantId, (points.get(a.participantId) ?? 0) + Math.round(a.credit * 1000 + bonus));
		}
		return [...points]
			.map(([participantId, p]) => ({ participantId, points: p }))
			.sort((x, y) => y.points - x.points);
	}

	/** Teacher: "follow me" on a panel (null frees the class to read alone). */
	async follow(user: ClassroomUser, sessionId: string, panel: string | null): Promise<void> {
		const s = await this.#owned(user, sessionId);
		if (s.phase === 'ended') throw new LiveError('session-ended');
		if (panel !== null) {
			const { manifest } = await this.#version(s);
			if (!manifest.pages.some((p) => p.panels.some((x) => x.id === panel))) throw new LiveError('malformed');
		}
		await this.#d.repos.sessions.update(sessionId, {
			follow: panel ? { panel } : null,
			updatedAt: this.#d.now().toISOString()
		});
		await this.#emit(sessionId, 'follow', { panel });
	}

	/**
	 * Teacher: lets the tablets play the narration too, or not (the projector device narrates the
	 * question and the explanation in any case). Tablets read the option from the state.
	 */
	async setTabletNarration(user: ClassroomUser, sessionId: string, on: boolean): Promise<LiveSnapshot> {
		const s = await this.#owned(user, sessionId);
		if (s.phase === 'ended') throw new LiveError('session-ended');
		await this.#d.repos.sessions.update(sessionId, {
			options: { ...s.options, tabletNarration: on },
			updatedAt: this.#d.now().toISOString()
		});
		await this.#emit(sessionId, 'options', { tabletNarration: on });
		return this.snapshot(sessionId);
	}

	/**
	 * Teacher: ends the session. Each student's answers become one classroom result (a team's
	 * answers count for every member), stored once whatever happens (a stable id per student).
	 */
	async end(user: ClassroomUser, sessionId: string): Promise<{ results: number }> {
		const s = await this.#owned(user, sessionId);
		const { quiz, manifest } = await this.#version(s);
		const [participants, answers] = await Promise.all([
			this.#d.repos.participants.list(sessionId),
			this.#d.repos.answers.forSession(sessionId)
		]);
		const byStudent = new Map<string, LiveAnswerRecord[]>();
		for (const p of participants as ParticipantRecord[])
			for (const studentId of p.studentIds) {
				const list = byStudent.get(studentId) ?? [];
				list.push(...answers.filter((a) => a.participantId === p.id));
				byStudent.set(studentId, list);
			}
		const at = this.#d.now().toISOString();
		const results: ResultRecord[] = [];
		for (const [studentId, list] of byStudent) {
			if (!list.length) continue;
			const scored = scoreSubmission(
				{ kind: 'quiz', answers: list.map((a) => ({ question: a.questionId, answer: a.answer })) },
				quiz,
				manifest
			);
			if ('problem' in scored) continue;
			results.push({
				id: this.#d.resultId(sessionId, studentId),
				classId: s.classId,
				studentId,
				kind: 'quiz',
				comic: s.comic,
				versionHash: s.versionHash,
				language: s.language,
				score: scored.score,
				finishedAt: at,
				receivedAt: at,
				source: 'live',
				answers: scored.answers
			});
		}
		await this.#d.classroom.results.insertNew(results);
		// Nothing more to count: a batched count pending would only follow the end.
		clearTimeout(this.#countTimers.get(sessionId)?.timer);
		this.#countTimers.delete(sessionId);
		this.#tallies.delete(sessionId);
		if (s.phase !== 'ended') {
			await this.#d.repos.sessions.update(sessionId, { phase: 'ended', follow: null, updatedAt: at });
			await this.#emit(sessionId, 'ended', {});
		}
		return { results: results.length };
	}
}
