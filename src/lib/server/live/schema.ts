/** The live quiz tables (migration 007_live), in the shape every engine returns them. */
export interface LiveSessionsTable {
	id: string;
	class_id: string;
	teacher_id: string;
	comic: string;
	version_hash: string;
	language: string;
	code: string;
	phase: string;
	question_index: number;
	question_opened_at: string | null;
	deadline: string | null;
	options: string;
	follow: string | null;
	created_at: string;
	updated_at: string;
}

export interface LiveParticipantsTable {
	id: string;
	session_id: string;
	student_ids: string;
	mode: string;
	joined_at: string;
}

export interface LiveAnswersTable {
	id: string;
	session_id: string;
	participant_id: string;
	question_id: string;
	student_id: string | null;
	answer: string;
	credit: number;
	received_at: string;
	elapsed_ms: number;
}

export interface LiveEventsTable {
	session_id: string;
	seq: number;
	type: string;
	data: string;
	at: string;
}

export interface LiveTables {
	live_sessions: LiveSessionsTable;
	live_participants: LiveParticipantsTable;
	live_answers: LiveAnswersTable;
	live_events: LiveEventsTable;
}
