import type { LocalizedText } from '../manifest/schema';
import { migrateQuiz } from './migrate';
import { quizSchema, type Quiz } from './schema';

/** `GET /api/comics/<slug>/quiz`: the quiz and the objectives it assesses. */
export interface QuizPayload {
	quiz: Quiz;
	/** By objective code: its title per language, and whether it is an official MEN code. */
	objectives: Record<string, { title: LocalizedText; studentTitle?: LocalizedText; official: boolean }>;
}

/**
 * Reads a payload that came from the server or from a pack on the tablet: migrated and parsed
 * again, because a pack may have been made by an older Kalanso. Throws when it is not a quiz.
 */
export function parseQuizPayload(raw: unknown): QuizPayload {
	const value = (raw ?? {}) as { quiz?: unknown; objectives?: QuizPayload['objectives'] };
	const quiz = quizSchema.parse(migrateQuiz(value.quiz));
	return { quiz, objectives: value.objectives ?? {} };
}
