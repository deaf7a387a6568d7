import type { Kysely, Migration } from 'kysely';

/**
 * The teacher's classroom: classes, rosters, assignments, and the results that reach the teacher
 * (one row per result with a client-generated id, one row per answer scored again by the server).
 * Results carry their `source` so the live quiz (issue 14) lands in the same tables and reports.
 * Shipped: never edit; add a later-numbered migration instead.
 */
export const classroom: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('classroom_classes')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('teacher_id', 'text', (c) => c.notNull().references('users.id'))
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('grade', 'text', (c) => c.notNull())
			.addColumn('school_year', 'text', (c) => c.notNull())
			.addColumn('join_code', 'text', (c) => c.notNull().unique())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('updated_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('classroom_classes_teacher')
			.on('classroom_classes')
			.column('teacher_id')
			.execute();

		await db.schema
			.createTable('classroom_students')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('class_id', 'text', (c) => c.notNull().references('classroom_classes.id'))
			.addColumn('display_name', 'text', (c) => c.notNull())
			.addColumn('picture', 'text', (c) => c.notNull())
			// The teacher's own note (e.g. the real name): read only by the teacher's pages.
			.addColumn('private_note', 'text')
			.addColumn('created_at', 'text', (c) => c.notNull())
			// A removed student keeps their results (reports of past weeks stay true) but leaves the roster.
			.addColumn('removed_at', 'text')
			.execute();
		await db.schema
			.createIndex('classroom_students_class')
			.on('classroom_students')
			.column('class_id')
			.execute();

		await db.schema
			.createTable('classroom_assignments')
			.addColumn('class_id', 'text', (c) => c.notNull().references('classroom_classes.id'))
			.addColumn('comic', 'text', (c) => c.notNull())
			.addColumn('reading', 'integer', (c) => c.notNull())
			.addColumn('quiz', 'integer', (c) => c.notNull())
			.addColumn('due_date', 'text')
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addPrimaryKeyConstraint('classroom_assignments_pk', ['class_id', 'comic'])
			.execute();

		await db.schema
			.createTable('classroom_results')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('class_id', 'text', (c) => c.notNull().references('classroom_classes.id'))
			.addColumn('student_id', 'text', (c) => c.notNull().references('classroom_students.id'))
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('comic', 'text', (c) => c.notNull())
			.addColumn('version_hash', 'text', (c) => c.notNull())
			.addColumn('language', 'text', (c) => c.notNull())
			.addColumn('score', 'double precision')
			.addColumn('finished_at', 'text', (c) => c.notNull())
			.addColumn('received_at', 'text', (c) => c.notNull())
			// outbox | file | qr (| live, issue 14)
			.addColumn('source', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('classroom_results_class')
			.on('classroom_results')
			.columns(['class_id', 'finished_at'])
			.execute();

		await db.schema
			.createTable('classroom_answers')
			.addColumn('result_id', 'text', (c) => c.notNull().references('classroom_results.id'))
			.addColumn('question_id', 'text', (c) => c.notNull())
			.addColumn('class_id', 'text', (c) => c.notNull())
			// JSON array of objective codes, as the quiz of that version had them.
			.addColumn('objectives', 'text', (c) => c.notNull())
			.addColumn('credit', 'double precision', (c) => c.notNull())
			.addColumn('choice', 'text')
			// The answer as given (JSON), so a result can be scored again if a rule ever changes.
			.addColumn('answer', 'text', (c) => c.notNull())
			.addPrimaryKeyConstraint('classroom_answers_pk', ['result_id', 'question_id'])
			.execute();
		await db.schema
			.createIndex('classroom_answers_class')
			.on('classroom_answers')
			.column('class_id')
			.execute();
	}
};
