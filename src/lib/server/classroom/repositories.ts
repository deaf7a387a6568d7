/**
 * What the classroom service needs from storage (kysely-repositories.ts speaks SQL for SQLite and
 * PostgreSQL). Records are camelCase; rows stay inside the repository.
 */
import type { ReportAnswer, ReportResult } from '../../domain/classroom/report';
import type { ResultKind } from '../../domain/classroom/results';

export interface ClassRecord {
	id: string;
	teacherId: string;
	name: string;
	grade: string;
	schoolYear: string;
	joinCode: string;
	createdAt: string;
	updatedAt: string;
}

export interface StudentRecord {
	id: string;
	classId: string;
	displayName: string;
	picture: string;
	/** Teacher-only. */
	privateNote: string | null;
	createdAt: string;
	removedAt: string | null;
}

export interface AssignmentRecord {
	classId: string;
	comic: string;
	reading: boolean;
	quiz: boolean;
	/** `YYYY-MM-DD` or null. */
	dueDate: string | null;
	createdAt: string;
}

/** Where a result came from. `live` is for the live quiz (issue 14). */
export type ResultSource = 'outbox' | 'file' | 'qr' | 'live';

export interface ResultRecord {
	id: string;
	classId: string;
	studentId: string;
	kind: ResultKind;
	comic: string;
	versionHash: string;
	language: string;
	score: number | null;
	finishedAt: string;
	receivedAt: string;
	source: ResultSource;
	answers: {
		questionId: string;
		objectives: string[];
		credit: number;
		choice: string | null;
		/** The answer as given (JSON-serialisable). */
		answer: unknown;
	}[];
}

/** Everything a class's reports are computed from, read in one query. */
export interface ReportRows {
	results: ReportResult[];
	answers: ReportAnswer[];
}

export interface ClassroomRepositories {
	classes: {
		insert(c: ClassRecord): Promise<void>;
		get(id: string): Promise<ClassRecord | undefined>;
		byCode(code: string): Promise<ClassRecord | undefined>;
		/** A teacher's classes, newest school year first, then by name. */
		byTeacher(teacherId: string): Promise<ClassRecord[]>;
		update(
			id: string,
			patch: Pick<ClassRecord, 'name' | 'grade' | 'schoolYear' | 'updatedAt'>
		): Promise<void>;
	};
	students: {
		insert(s: StudentRecord): Promise<void>;
		/** The class's current roster (removed students left out), by name. */
		roster(classId: string): Promise<StudentRecord[]>;
		get(id: string): Promise<StudentRecord | undefined>;
		update(id: string, patch: Pick<StudentRecord, 'displayName' | 'picture' | 'privateNote'>): Promise<void>;
		markRemoved(id: string, at: string): Promise<void>;
	};
	assignments: {
		/** Adds or replaces the assignment of a comic to a class. */
		put(a: AssignmentRecord): Promise<void>;
		list(classId: string): Promise<AssignmentRecord[]>;
		remove(classId: string, comic: string): Promise<void>;
	};
	results: {
		/**
		 * Stores results with their answers, in one transaction; a result whose id is already stored
		 * is left as it is. Returns the ids stored by this call.
		 */
		insertNew(results: readonly ResultRecord[]): Promise<string[]>;
		/** Which of these ids are stored already. */
		existing(ids: readonly string[]): Promise<Set<string>>;
		/** The class's results and answers, in one query. */
		reportRows(classId: string): Promise<ReportRows>;
		/** How many results of the class are stored (per student id). */
		countByStudent(classId: string): Promise<Map<string, number>>;
	};
}
