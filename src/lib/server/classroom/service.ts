/**
 * The teacher's classroom: classes, rosters, assignments, results that reach the teacher, reports.
 * Services decide, repositories speak SQL (STYLE.md §5). Rules:
 * - a teacher sees and changes only their own classes; anyone else (admins included: they manage
 *   accounts, not student results) gets `not-found`, so a class's existence is not revealed;
 * - a roster entry's private note goes to the teacher's pages only: what a tablet gets (joinInfo)
 *   and what reports and exports hold never include it;
 * - results are stored once by their client id, scored again here from the answers with the quiz of
 *   the version the tablet had; a file or QR bundle is imported whole or not at all.
 */
import {
	classProblem,
	isJoinCode,
	joinCodeFrom,
	normalizeClassInput,
	normalizeJoinCode,
	rosterProblem,
	type ClassInput,
	type ClassProblem,
	type JoinInfo,
	type RosterProblem
} from '../../domain/classroom/class';
import { classReport, type ClassReport } from '../../domain/classroom/report';
import {
	resultSubmissionSchema,
	scoreSubmission,
	type ResultSubmission,
	type ScoreProblem
} from '../../domain/classroom/results';
import { openBundle, type BundleProblem } from '../../domain/classroom/transfer';
import type { Manifest } from '../../domain/manifest/schema';
import type { Quiz } from '../../domain/quiz/schema';
import { normalizeDisplayName } from '../../domain/quiz/profile';
import type {
	AssignmentRecord,
	ClassRecord,
	ClassroomRepositories,
	ResultRecord,
	ResultSource,
	StudentRecord
} from './repositories';

/** The signed-in person, as the service needs them. */
export interface ClassroomUser {
	id: string;
	role: string;
}

/** The quiz and manifest of a comic version, by version hash (null when the server does not have it). */
export interface QuizLookup {
	versionOf(versionHash: string): Promise<{ comic: string; quiz: Quiz | null; manifest: Manifest } | null>;
}

/** Why one result is refused. */
export type ResultProblem =
	ScoreProblem | 'malformed' | 'other-class' | 'unknown-student' | 'unknown-version';

export type ClassroomErrorCode =
	| 'not-found'
	| 'unknown-code'
	| 'comic-unknown'
	| 'due-invalid'
	| 'nothing-assigned'
	| ClassProblem
	| RosterProblem
	| BundleProblem
	| 'results-refused';

const STATUS: Partial<Record<ClassroomErrorCode, number>> = { 'not-found': 404, 'unknown-code': 404 };

/** A refused action: `code` is translated on the page (`classroom.error.<code>`). */
export class ClassroomError extends Error {
	readonly status: number;
	constructor(
		readonly code: ClassroomErrorCode,
		/** For `results-refused`: each refused result and why. */
		readonly refused: { id: string; reason: ResultProblem }[] = []
	) {
		super(`classroom: ${code}`);
		this.status = STATUS[code] ?? 400;
	}
}

export interface ClassroomDeps {
	repos: ClassroomRepositories;
	quizzes: QuizLookup;
	now: () => Date;
	newId: () => string;
	randomBytes: (n: number) => Uint8Array;
}

/** The outcome of storing results: stored now, stored before (acknowledged again), refused. */
export interface SubmitOutcome {
	stored: string[];
	already: string[];
	refused: { id: string; reason: ResultProblem }[];
}

export interface RosterInput {
	displayName: string;
	picture: string;
	privateNote?: string | null;
}

export class ClassroomService {
	#deps: ClassroomDeps;
	constructor(deps: ClassroomDeps) {
		this.#deps = deps;
	}

	get #repos() {
		return this.#deps.repos;
	}

	/** The teacher's classes. */
	async listClasses(user: ClassroomUser): Promise<ClassRecord[]> {
		if (user.role !== 'teacher') return [];
		return this.#repos.classes.byTeacher(user.id);
	}

	/** One of the teacher's classes, or `not-found` (also for another teacher's class). */
	async getClass(user: ClassroomUser, classId: string): Promise<ClassRecord> {
		const found = await this.#repos.classes.get(classId);
		if (!found || user.role !== 'teacher' || found.teacherId !== user.id)
			throw new ClassroomError('not-found');
		return found;
	}

	async createClass(user: ClassroomUser, raw: ClassInput): Promise<ClassRecord> {
		if (user.role !== 'teacher') throw new ClassroomError('not-found');
		const input = normalizeClassInput(raw);
		const problem = classProblem(input);
		if (problem) throw new ClassroomError(problem);
		const at = this.#deps.now().toISOString();
		// A code already taken (≈ 1 in 244 million per class) is drawn again.
		let joinCode = joinCodeFrom(this.#deps.randomBytes(6));
		while (await this.#repos.classes.byCode(joinCode)) joinCode = joinCodeFrom(this.#deps.randomBytes(6));
		const record: ClassRecord = {
			id: this.#deps.newId(),
			teacherId: user.id,
			name: input.name,
			grade: input.grade,
			schoolYear: input.schoolYear,
			joinCode,
			createdAt: at,
			updatedAt: at
		};
		await this.#repos.classes.insert(record);
		return record;
	}

	async updateClass(user: ClassroomUser, classId: string, raw: ClassInput): Promise<ClassRecord> {
		const current = await this.getClass(user, classId);
		const input = normalizeClassInput(raw);
		const problem = classProblem(input);
		if (problem) throw new ClassroomError(problem);
		const patch = { ...input, updatedAt: this.#deps.now().toISOString() };
		await this.#repos.classes.update(classId, patch);
		return { ...current, ...patch };
	}

	/** The roster with private notes: for the class's teacher only. */
	async roster(user: ClassroomUser, classId: string): Promise<StudentRecord[]> {
		await this.getClass(user, classId);
		return this.#repos.students.roster(classId);
	}

	async addStudent(user: ClassroomUser, classId: string, input: RosterInput): Promise<StudentRecord> {
		await this.getClass(user, classId);
		const roster = await this.#repos.students.roster(classId);
		const entry = this.#cleanEntry(input);
		const problem = rosterProblem(
			entry,
			roster.map((s) => s.displayName)
		);
		if (problem) throw new ClassroomError(problem);
		const record: StudentRecord = {
			id: this.#deps.newId(),
			classId,
			...entry,
			createdAt: this.#deps.now().toISOString(),
			removedAt: null
		};
		await this.#repos.students.insert(record);
		return record;
	}

	async updateStudent(
		user: ClassroomUser,
		classId: string,
		studentId: string,
		input: RosterInput
	): Promise<void> {
		await this.getClass(user, classId);
		const roster = await this.#repos.students.roster(classId);
		if (!roster.some((s) => s.id === studentId)) throw new ClassroomError('not-found');
		const entry = this.#cleanEntry(input);
		const others = roster.filter((s) => s.id !== studentId).map((s) => s.displayName);
		const problem = rosterProblem(entry, others);
		if (problem) throw new ClassroomError(problem);
		await this.#repos.students.update(studentId, entry);
	}

	/** Takes a student off the roster; their results stay in the reports of the weeks they were there. */
	async removeStudent(user: ClassroomUser, classId: string, studentId: string): Promise<void> {
		await this.getClass(user, classId);
		const student = await this.#repos.students.get(studentId);
		if (!student || student.classId !== classId) throw new ClassroomError('not-found');
		await this.#repos.students.markRemoved(studentId, this.#deps.now().toISOString());
	}

	#cleanEntry(input: RosterInput): Pick<StudentRecord, 'displayName' | 'picture' | 'privateNote'> {
		const note = (input.privateNote ?? '').trim();
		return {
			displayName: normalizeDisplayName(input.displayName),
			picture: input.picture,
			privateNote: note === '' ? null : note
		};
	}

	async assignments(user: ClassroomUser, classId: string): Promise<AssignmentRecord[]> {
		await this.getClass(user, classId);
		return this.#repos.assignments.list(classId);
	}

	/**
	 * Assigns a comic (reading and/or quiz, optional due date `YYYY-MM-DD`). `knownComics`: the
	 * comics students can see, so a teacher cannot assign one that no tablet could download.
	 */
	async assign(
		user: ClassroomUser,
		classId: string,
		input: { comic: string; reading: boolean; quiz: boolean; dueDate: string | null },
		knownComics: ReadonlySet<string>
	): Promise<void> {
		await this.getClass(user, classId);
		if (!knownComics.has(input.comic)) throw new ClassroomError('comic-unknown');
		if (!input.reading && !input.quiz) throw new ClassroomError('nothing-assigned');
		if (input.dueDate !== null && !isDate(input.dueDate)) throw new ClassroomError('due-invalid');
		await this.#repos.assignments.put({ ...input, classId, createdAt: this.#deps.now().toISOString() });
	}

	async unassign(user: ClassroomUser, classId: string, comic: string): Promise<void> {
		await this.getClass(user, classId);
		await this.#repos.assignments.remove(classId, comic);
	}

	/** What a tablet gets with the class code (typed or from the QR code): no private notes. */
	async joinInfo(typedCode: string): Promise<JoinInfo> {
		const code = normalizeJoinCode(typedCode);
		const found = isJoinCode(code) ? await this.#repos.classes.byCode(code) : undefined;
		if (!found) throw new ClassroomError('unknown-code');
		const [students, assignments] = await Promise.all([
			this.#repos.students.roster(found.id),
			this.#repos.assignments.list(found.id)
		]);
		return {
			class: {
				id: found.id,
				name: found.name,
				grade: found.grade,
				schoolYear: found.schoolYear,
				code: found.joinCode
			},
			students: students.map((s) => ({ id: s.id, displayName: s.displayName, picture: s.picture })),
			assignments: assignments.map((a) => ({
				comic: a.comic,
				reading: a.reading,
				quiz: a.quiz,
				dueDate: a.dueDate
			}))
		};
	}

	/**
	 * Results uploaded by a tablet's outbox, with the class code it joined with. Each result is
	 * judged alone: the good ones are stored (or acknowledged again when stored before), the others
	 * refused with their reason, so one bad record never blocks a tablet's queue.
	 */
	async submitFromTablet(typedCode: string, raw: unknown[]): Promise<SubmitOutcome> {
		const code = normalizeJoinCode(typedCode);
		const found = isJoinCode(code) ? await this.#repos.classes.byCode(code) : undefined;
		if (!found) throw new ClassroomError('unknown-code');
		const { ready, refused, already } = await this.#prepare(found, raw, 'outbox');
		const stored = await this.#repos.results.insertNew(ready);
		const storedSet = new Set(stored);
		// Stored by a concurrent upload between the check and the insert: acknowledged too.
		for (const r of ready) if (!storedSet.has(r.id)) already.push(r.id);
		return { stored, already, refused };
	}

	/**
	 * A results bundle (a file from a USB stick, or QR codes scanned) imported by the class's
	 * teacher: refused whole when it is not a results file, was edited, belongs to another class or
	 * holds any result that cannot be stored; nothing is stored then.
	 */
	async importBundle(
		user: ClassroomUser,
		classId: string,
		raw: unknown,
		source: 'file' | 'qr'
	): Promise<SubmitOutcome> {
		const found = await this.getClass(user, classId);
		const opened = openBundle(raw, found.id, found.joinCode);
		if ('problem' in opened) throw new ClassroomError(opened.problem);
		const { ready, refused, already } = await this.#prepare(found, opened.results, source);
		if (refused.length) throw new ClassroomError('results-refused', refused);
		const stored = await this.#repos.results.insertNew(ready);
		const storedSet = new Set(stored);
		for (const r of ready) if (!storedSet.has(r.id)) already.push(r.id);
		return { stored, already, refused: [] };
	}

	async #prepare(
		found: ClassRecord,
		raw: readonly unknown[],
		source: ResultSource
	): Promise<{ ready: ResultRecord[]; refused: SubmitOutcome['refused']; already: string[] }> {
		const refused: SubmitOutcome['refused'] = [];
		const parsed: ResultSubmission[] = [];
		for (const item of raw) {
			const r = resultSubmissionSchema.safeParse(item);
			if (r.success) parsed.push(r.data);
			else refused.push({ id: idOf(item), reason: 'malformed' });
		}
		const already = await this.#repos.results.existing(parsed.map((r) => r.id));
		const students = new Map<string, StudentRecord | undefined>();
		for (const s of await this.#repos.students.roster(found.id)) students.set(s.id, s);
		const ready: ResultRecord[] = [];
		const receivedAt = this.#deps.now().toISOString();
		for (const s of parsed) {
			if (already.has(s.id)) continue;
			if (s.classId !== found.id) {
				refused.push({ id: s.id, reason: 'other-class' });
				continue;
			}
			// A student removed from the roster since may still send what they did while in it.
			if (!students.has(s.studentId)) students.set(s.studentId, await this.#repos.students.get(s.studentId));
			if (students.get(s.studentId)?.classId !== found.id) {
				refused.push({ id: s.id, reason: 'unknown-student' });
				continue;
			}
			const version = await this.#deps.quizzes.versionOf(s.versionHash);
			if (!version || version.comic !== s.comic) {
				refused.push({ id: s.id, reason: 'unknown-version' });
				continue;
			}
			const scored = scoreSubmission(s, version.quiz, version.manifest);
			if ('problem' in scored) {
				refused.push({ id: s.id, reason: scored.problem });
				continue;
			}
			ready.push({
				id: s.id,
				classId: found.id,
				studentId: s.studentId,
				kind: s.kind,
				comic: s.comic,
				versionHash: s.versionHash,
				language: s.language,
				score: scored.score,
				finishedAt: new Date(s.finishedAt).toISOString(),
				receivedAt,
				source,
				answers: scored.answers.map((a) => ({
					questionId: a.questionId,
					objectives: a.objectives,
					credit: a.credit,
					choice: a.choice,
					answer: a.answer
				}))
			});
		}
		// In the order sent, so an answer reads like the request.
		return { ready, refused, already: parsed.filter((s) => already.has(s.id)).map((s) => s.id) };
	}

	/** The class's reports (roster without private notes: reports are printed and exported). */
	async report(user: ClassroomUser, classId: string): Promise<{ class: ClassRecord; report: ClassReport }> {
		const found = await this.getClass(user, classId);
		const [roster, rows] = await Promise.all([
			this.#repos.students.roster(classId),
			this.#repos.results.reportRows(classId)
		]);
		const students = roster.map((s) => ({ id: s.id, displayName: s.displayName, picture: s.picture }));
		return { class: found, report: classReport(students, rows.results, rows.answers) };
	}
}

function isDate(text: string): boolean {
	return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

function idOf(item: unknown): string {
	const id = (item as { id?: unknown } | null)?.id;
	return typeof id === 'string' ? id.slice(0, 64) : '?';
}
