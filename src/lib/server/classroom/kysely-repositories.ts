/** Classroom repositories that speak SQL through kysely (SQLite or PostgreSQL). */
import type { Kysely, Selectable } from 'kysely';
import type { ReportAnswer, ReportResult } from '../../domain/classroom/report';
import type { ResultKind } from '../../domain/classroom/results';
import type { AssignmentRecord, ClassRecord, ClassroomRepositories, StudentRecord } from './repositories';
import type {
	ClassroomAssignmentsTable,
	ClassroomClassesTable,
	ClassroomStudentsTable,
	ClassroomTables
} from './schema';

function toClass(row: Selectable<ClassroomClassesTable>): ClassRecord {
	return {
		id: row.id,
		teacherId: row.teacher_id,
		name: row.name,
		grade: row.grade,
		schoolYear: row.school_year,
		joinCode: row.join_code,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

function toStudent(row: Selectable<ClassroomStudentsTable>): StudentRecord {
	return {
		id: row.id,
		classId: row.class_id,
		displayName: row.display_name,
		picture: row.picture,
		privateNote: row.private_note,
		createdAt: row.created_at,
		removedAt: row.removed_at
	};
}

function toAssignment(row: Selectable<ClassroomAssignmentsTable>): AssignmentRecord {
	return {
		classId: row.class_id,
		comic: row.comic,
		reading: row.reading === 1,
		quiz: row.quiz === 1,
		dueDate: row.due_date,
		createdAt: row.created_at
	};
}

/** Rows per INSERT: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535. */
const CHUNK = 200;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

export function kyselyClassroomRepositories<DB extends ClassroomTables>(
	database: Kysely<DB>
): ClassroomRepositories {
	// The repositories only touch their own tables; narrowing the type keeps the queries typed.
	const db = database as unknown as Kysely<ClassroomTables>;
	return {
		classes: {
			async insert(c) {
				await db
					.insertInto('classroom_classes')
					.values({
						id: c.id,
						teacher_id: c.teacherId,
						name: c.name,
						grade: c.grade,
						school_year: c.schoolYear,
						join_code: c.joinCode,
						created_at: c.createdAt,
						updated_at: c.updatedAt
					})
					.execute();
			},
			async get(id) {
				const row = await db
					.selectFrom('classroom_classes')
					.selectAll()
					.where('id', '=', id)
					.executeTakeFirst();
				return row && toClass(row);
			},
			async byCode(code) {
				const row = await db
					.selectFrom('classroom_classes')
					.selectAll()
					.where('join_code', '=', code)
					.executeTakeFirst();
				return row && toClass(row);
			},
			async byTeacher(teacherId) {
				const rows = await db
					.selectFrom('classroom_classes')
					.selectAll()
					.where('teacher_id', '=', teacherId)
					.orderBy('school_year', 'desc')
					.orderBy('name')
					.execute();
				return rows.map(toClass);
			},
			async update(id, patch) {
				await db
					.updateTable('classroom_classes')
					.set({
						name: patch.name,
						grade: patch.grade,
						school_year: patch.schoolYear,
						updated_at: patch.updatedAt
					})
					.where('id', '=', id)
					.execute();
			}
		},
		students: {
			async insert(s) {
				await db
					.insertInto('classroom_students')
					.values({
						id: s.id,
						class_id: s.classId,
						display_name: s.displayName,
						picture: s.picture,
						private_note: s.privateNote,
						created_at: s.createdAt,
						removed_at: s.removedAt
					})
					.execute();
			},
			async roster(classId) {
				const rows = await db
					.selectFrom('classroom_students')
					.selectAll()
					.where('class_id', '=', classId)
					.where('removed_at', 'is', null)
					.orderBy('display_name')
					.orderBy('id')
					.execute();
				return rows.map(toStudent);
			},
			async get(id) {
				const row = await db
					.selectFrom('classroom_students')
					.selectAll()
					.where('id', '=', id)
					.executeTakeFirst();
				return row && toStudent(row);
			},
			async update(id, patch) {
				await db
					.updateTable('classroom_students')
					.set({ display_name: patch.displayName, picture: patch.picture, private_note: patch.privateNote })
					.where('id', '=', id)
					.execute();
			},
			async markRemoved(id, at) {
				await db.updateTable('classroom_students').set({ removed_at: at }).where('id', '=', id).execute();
			}
		},
		assignments: {
			async put(a) {
				const values = {
					class_id: a.classId,
					comic: a.comic,
					reading: a.reading ? 1 : 0,
					quiz: a.quiz ? 1 : 0,
					due_date: a.dueDate,
					created_at: a.createdAt
				};
				await db
					.insertInto('classroom_assignments')
					.values(values)
					.onConflict((oc) =>
						oc.columns(['class_id', 'comic']).doUpdateSet({
							reading: values.reading,
							quiz: values.quiz,
							due_date: values.due_date
						})
					)
					.execute();
			},
			async list(classId) {
				const rows = await db
					.selectFrom('classroom_assignments')
					.selectAll()
					.where('class_id', '=', classId)
					.orderBy('due_date')
					.orderBy('created_at')
					.execute();
				return rows.map(toAssignment);
			},
			async remove(classId, comic) {
				await db
					.deleteFrom('classroom_assignments')
					.where('class_id', '=', classId)
					.where('comic', '=', comic)
					.execute();
			}
		},
		results: {
			async insertNew(results) {
				if (!results.length) return [];
				return db.transaction().execute(async (trx) => {
					// Ids already stored are skipped before inserting, inside the transaction, and the
					// insert itself ignores a conflict: two uploads of the same result racing each other
					// (a retry while the first is still running) still store it once.
					const known = new Set<string>();
					for (const part of chunks(results.map((r) => r.id))) {
						const rows = await trx
							.selectFrom('classroom_results')
							.select('id')
							.where('id', 'in', part)
							.execute();
						for (const r of rows) known.add(r.id);
					}
					const fresh = results.filter((r) => {
						if (known.has(r.id)) return false;
						known.add(r.id);
						return true;
					});
					const stored: string[] = [];
					for (const r of fresh) {
						const inserted = await trx
							.insertInto('classroom_results')
							.values({
								id: r.id,
								class_id: r.classId,
								student_id: r.studentId,
								kind: r.kind,
								comic: r.comic,
								version_hash: r.versionHash,
								language: r.language,
								score: r.score,
								finished_at: r.finishedAt,
								received_at: r.receivedAt,
								source: r.source
							})
							.onConflict((oc) => oc.column('id').doNothing())
							.executeTakeFirst();
						if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) continue;
						stored.push(r.id);
						if (r.answers.length) {
							await trx
								.insertInto('classroom_answers')
								.values(
									r.answers.map((a) => ({
										result_id: r.id,
										question_id: a.questionId,
										class_id: r.classId,
										objectives: JSON.stringify(a.objectives),
										credit: a.credit,
										choice: a.choice,
										answer: JSON.stringify(a.answer)
									}))
								)
								.execute();
						}
					}
					return stored;
				});
			},
			async existing(ids) {
				const found = new Set<string>();
				for (const part of chunks(ids)) {
					const rows = await db
						.selectFrom('classroom_results')
						.select('id')
						.where('id', 'in', part)
						.execute();
					for (const r of rows) found.add(r.id);
				}
				return found;
			},
			async reportRows(classId) {
				// One query: each result with its answers (a reading has none: one row with nulls).
				const rows = await db
					.selectFrom('classroom_results as r')
					.leftJoin('classroom_answers as a', 'a.result_id', 'r.id')
					.select([
						'r.id',
						'r.student_id',
						'r.kind',
						'r.comic',
						'r.finished_at',
						'r.score',
						'a.question_id',
						'a.objectives',
						'a.credit',
						'a.choice'
					])
					.where('r.class_id', '=', classId)
					.orderBy('r.finished_at')
					.orderBy('r.id')
					.execute();
				const results: ReportResult[] = [];
				const answers: ReportAnswer[] = [];
				let last: string | null = null;
				for (const row of rows) {
					if (row.id !== last) {
						last = row.id;
						results.push({
							id: row.id,
							studentId: row.student_id,
							kind: row.kind as ResultKind,
							comic: row.comic,
							finishedAt: row.finished_at,
							score: row.score === null ? null : Number(row.score)
						});
					}
					if (row.question_id !== null) {
						answers.push({
							resultId: row.id,
							questionId: row.question_id,
							objectives: JSON.parse(row.objectives ?? '[]') as string[],
							credit: Number(row.credit),
							choice: row.choice
						});
					}
				}
				return { results, answers };
			},
			async countByStudent(classId) {
				const rows = await db
					.selectFrom('classroom_results')
					.select(['student_id', (eb) => eb.fn.countAll<string | number>().as('n')])
					.where('class_id', '=', classId)
					.groupBy('student_id')
					.execute();
				return new Map(rows.map((r) => [r.student_id, Number(r.n)]));
			}
		}
	};
}
