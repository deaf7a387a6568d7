/**
 * What the quiz player downloads for a comic: the validated quiz and the titles of the
 * objectives it assesses (for the results by objective), so the player needs no other request.
 */
import path from 'node:path';
import type { Manifest } from '../../domain/manifest/schema';
import type { QuizPayload } from '../../domain/quiz/payload';
import { loadCurriculum } from './curriculum-files';
import { loadQuiz } from './quiz-files';

/** The payload, or null when the comic has no valid quiz. */
export async function getQuizPayload(dir: string, manifest: Manifest): Promise<QuizPayload | null> {
	const curriculum = await loadCurriculum(path.dirname(dir));
	const loaded = await loadQuiz(dir, manifest, curriculum?.codes);
	if (!loaded.quiz) return null;
	const wanted = new Set(loaded.quiz.questions.flatMap((q) => q.objectives));
	const objectives: QuizPayload['objectives'] = {};
	for (const o of curriculum?.objectives ?? []) {
		if (wanted.has(o.code))
			objectives[o.code] = { title: o.title, studentTitle: o.studentTitle, official: o.official };
	}
	return { quiz: loaded.quiz, objectives };
}
