/**
 * Step-by-step migration of quiz files to the current schema version, like the manifest's.
 * Each step takes version n to n+1 and is never edited once shipped; add the next step instead.
 */
import { fillFinding, finding, type Finding } from '../manifest/findings';
import { CURRENT_QUIZ_VERSION } from './schema';

type Json = Record<string, unknown>;

/** steps[n] migrates a version-n quiz to version n+1. Version 1 is the first shipped format. */
const steps: Record<number, (quiz: Json) => Json> = {};

/** Why a quiz cannot be brought to the current version; `finding` is what the interface translates. */
export class QuizMigrationError extends Error {
	readonly finding: Finding;
	constructor(found: Finding) {
		super(fillFinding(found));
		this.finding = found;
	}
}

/**
 * Brings a parsed quiz to the current schema version, or says why it cannot. `ladder` and
 * `target` exist for the tests of the ladder itself.
 */
export function migrateQuiz(
	raw: unknown,
	ladder: Record<number, (quiz: Json) => Json> = steps,
	target = CURRENT_QUIZ_VERSION
): unknown {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
	let quiz = raw as Json;
	let version = quiz.schemaVersion;
	if (typeof version !== 'number' || !Number.isInteger(version)) return raw;
	if (version > target) {
		throw new QuizMigrationError(finding('schemaNewer', { version, current: target }));
	}
	while (version < target) {
		const step = ladder[version];
		if (!step) throw new QuizMigrationError(finding('schemaNoMigration', { version }));
		quiz = { ...step(quiz) };
		version += 1;
		quiz.schemaVersion = version;
	}
	return quiz;
}
