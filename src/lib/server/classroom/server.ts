/**
 * The process-wide classroom service over the server's database and content store (created once,
 * after the database is open and migrated).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { QUIZ_PATH } from '../../domain/packs/audio-choice';
import { parseQuizPayload } from '../../domain/quiz/payload';
import type { Quiz } from '../../domain/quiz/schema';
import { database } from '../db/server';
import { reviewServices } from '../review/server';
import type { VersionStore } from '../store/versions';
import { kyselyClassroomRepositories } from './kysely-repositories';
import { ClassroomService, type QuizLookup } from './service';

/**
 * Quizzes by version hash from the content store. Versions are immutable, so what was read once is
 * kept for the life of the process (a few KB per version).
 */
export function storeQuizLookup(store: VersionStore): QuizLookup {
	const cache = new Map<string, ReturnType<QuizLookup['versionOf']>>();
	return {
		versionOf(versionHash) {
			let found = cache.get(versionHash);
			if (!found) {
				found = (async () => {
					const doc = await store.load(versionHash);
					if (!doc) return null;
					const file = store.assetFile(doc, QUIZ_PATH);
					let quiz: Quiz | null = null;
					// The same reading of a pack's quiz.json the tablet does (migrated, then parsed).
					if (file) quiz = parseQuizPayload({ quiz: JSON.parse(await readFile(file, 'utf8')) }).quiz;
					return { comic: doc.comicId, quiz, manifest: doc.manifest };
				})();
				found.catch(() => cache.delete(versionHash));
				cache.set(versionHash, found);
			}
			return found;
		}
	};
}

let service: Promise<ClassroomService> | undefined;

export function classroomService(): Promise<ClassroomService> {
	service ??= Promise.all([database(), reviewServices()])
		.then(
			([{ db }, review]) =>
				new ClassroomService({
					repos: kyselyClassroomRepositories(db),
					quizzes: storeQuizLookup(review.store),
					now: () => new Date(),
					newId: () => randomUUID(),
					randomBytes: (n) => randomBytes(n)
				})
		)
		.catch((error: unknown) => {
			service = undefined;
			throw error;
		});
	return service;
}
