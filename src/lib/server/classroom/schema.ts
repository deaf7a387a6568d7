/**
 * The classroom's tables as TypeScript types (added to `Database` in db/schema.ts). Platform
 * conventions: text ids, ISO-8601 UTC text timestamps, 0/1 integers for booleans; JSON as text.
 */

export interface ClassroomClassesTable {
	id: string;
	teacher_id: string;
	name: string;
	/** 7e | 8e | 9e */
	grade: string;
	/** `2026-2027` */
	school_year: string;
	join_code: string;
	created_at: string;
	updated_at: string;
}

export interface ClassroomStudentsTable {
	id: string;
	class_id: string;
	display_name: string;
	picture: string;
	/** Teacher-only; never sent to a tablet or put in an export. */
	private_note: string | null;
	created_at: string;
	removed_at: string | null;
}

export interface ClassroomAssignmentsTable {
	class_id: string;
	comic: string;
	reading: number;
	quiz: number;
	/** `YYYY-MM-DD` or null. */
	due_date: string | null;
	created_at: string;
}

export interface ClassroomResultsTable {
	/** Client-generated: each result is stored once. */
	id: string;
	class_id: string;
	student_id: string;
	/** quiz | reading */
	kind: string;
	comic: string;
	version_hash: string;
	language: string;
	/** Scored by the server; null for a reading. */
	score: number | null;
	finished_at: string;
	received_at: string;
	/** outbox | file | qr (| live) */
	source: string;
}

export interface ClassroomAnswersTable {
	result_id: string;
	question_id: string;
	class_id: string;
	/** JSON array of objective codes. */
	objectives: string;
	credit: number;
	choice: string | null;
	/** JSON of the answer as given. */
	answer: string;
}

export interface ClassroomTables {
	classroom_classes: ClassroomClassesTable;
	classroom_students: ClassroomStudentsTable;
	classroom_assignments: ClassroomAssignmentsTable;
	classroom_results: ClassroomResultsTable;
	classroom_answers: ClassroomAnswersTable;
}
