import type { Kysely, Migration } from 'kysely';

/**
 * The live class quiz (issue 14): sessions, who joined from which tablet, every acknowledged
 * answer, and the numbered events tablets and projectors receive (kept so a stream resumes with
 * `Last-Event-ID` on any server instance, and after a restart). Results of a finished session go
 * to classroom_results/classroom_answers with source `live`, like any other result.
 * Shipped: never edit; add a later-numbered migration instead.
 */
export const live: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('live_sessions')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('class_id', 'text', (c) => c.notNull().references('classroom_classes.id'))
			.addColumn('teacher_id', 'text', (c) => c.notNull().references('users.id'))
			.addColumn('comic', 'text', (c) => c.notNull())
			.addColumn('version_hash', 'text', (c) => c.notNull())
			.addColumn('language', 'text', (c) => c.notNull())
			// Unique among all sessions: a code is never reused, so an old QR code cannot join a new session.
			.addColumn('code', 'text', (c) => c.notNull().unique())
			// lobby | question | closed | revealed | ended
			.addColumn('phase', 'text', (c) => c.notNull())
			// Index of the current question in the quiz, -1 in the lobby.
			.addColumn('question_index', 'integer', (c) => c.notNull())
			.addColumn('question_opened_at', 'text')
			// When set, answers after this instant are refused (the optional timer).
			.addColumn('deadline', 'text')
			// JSON: { speedBonus, leaderboard, timerSec, together }
			.addColumn('options', 'text', (c) => c.notNull())
			// JSON: the panel the class follows ("follow me"), or null when free.
			.addColumn('follow', 'text')
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('updated_at', 'text', (c) => c.notNull())
			.execute();

		await db.schema
			.createTable('live_participants')
			// Client-generated: a tablet joining twice with the same id is the same participant.
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('session_id', 'text', (c) => c.notNull().references('live_sessions.id'))
			// JSON array of roster ids: one student, or a team of 2–5 on one tablet.
			.addColumn('student_ids', 'text', (c) => c.notNull())
			// solo | together | turns
			.addColumn('mode', 'text', (c) => c.notNull())
			.addColumn('joined_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('live_participants_session')
			.on('live_participants')
			.column('session_id')
			.execute();

		await db.schema
			.createTable('live_answers')
			// Client-generated: a POST sent again is acknowledged once.
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('session_id', 'text', (c) => c.notNull().references('live_sessions.id'))
			.addColumn('participant_id', 'text', (c) => c.notNull().references('live_participants.id'))
			.addColumn('question_id', 'text', (c) => c.notNull())
			// The roster id who answered (take turns), or null for the whole tablet.
			.addColumn('student_id', 'text')
			.addColumn('answer', 'text', (c) => c.notNull())
			.addColumn('credit', 'double precision', (c) => c.notNull())
			.addColumn('received_at', 'text', (c) => c.notNull())
			// Milliseconds from the question's opening (speed bonus).
			.addColumn('elapsed_ms', 'integer', (c) => c.notNull())
			.addUniqueConstraint('live_answers_once', ['session_id', 'participant_id', 'question_id'])
			.execute();

		await db.schema
			.createTable('live_events')
			.addColumn('session_id', 'text', (c) => c.notNull().references('live_sessions.id'))
			.addColumn('seq', 'integer', (c) => c.notNull())
			.addColumn('type', 'text', (c) => c.notNull())
			.addColumn('data', 'text', (c) => c.notNull())
			.addColumn('at', 'text', (c) => c.notNull())
			.addPrimaryKeyConstraint('live_events_pk', ['session_id', 'seq'])
			.execute();
	}
};
