/**
 * Titles of the curriculum objectives a comic's quiz assesses, remembered on the tablet from the
 * last time the server answered, so quizzes taken offline and "Mes résultats" can name them.
 */
import type { QuizPayload } from '$lib/domain/quiz/payload';

const key = (comic: string) => `kalanso-objectives-${comic}`;

/** Remembers the objectives of a comic's quiz (a full disk only costs the titles). */
export function rememberObjectives(comic: string, objectives: QuizPayload['objectives']): void {
	try {
		localStorage.setItem(key(comic), JSON.stringify(objectives));
	} catch (error) {
		console.warn('could not remember the objective titles', error);
	}
}

/** The objectives remembered for a comic; empty when none (or unreadable). */
export function rememberedObjectives(comic: string): QuizPayload['objectives'] {
	try {
		const value = JSON.parse(localStorage.getItem(key(comic)) ?? '{}') as unknown;
		return value && typeof value === 'object' ? (value as QuizPayload['objectives']) : {};
	} catch (error) {
		console.warn('ignoring unreadable objective titles', error);
		return {};
	}
}
