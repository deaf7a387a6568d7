/**
 * The process-wide classroom service over the server's database and content store (created once,
 * after the database is open and migrated).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { database } from '../db/server';
import { reviewServices } from '../review/server';
import { kyselyClassroomRepositories } from './kysely-repositories';
import { sharedQuizLookup } from './quiz-lookup';
import { ClassroomService } from './service';

export { sharedQuizLookup } from './quiz-lookup';

let service: Promise<ClassroomService> | undefined;

export function classroomService(): Promise<ClassroomService> {
	service ??= Promise.all([database(), reviewServices()])
		.then(
			([{ db }, review]) =>
				new ClassroomService({
					repos: kyselyClassroomRepositories(db),
					quizzes: sharedQuizLookup(review.store),
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
