/**
 * The process-wide live service. On PostgreSQL (`DATABASE_URL`) events fan out to the other
 * instances through LISTEN/NOTIFY; on SQLite (one process) in process.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { kyselyClassroomRepositories } from '../classroom/kysely-repositories';
import { storeQuizLookup } from '../classroom/server';
import { database } from '../db/server';
import { reviewServices } from '../review/server';
import { localFanout, postgresFanout, type Fanout } from './fanout';
import { liveResultId } from './ids';
import { kyselyLiveRepositories } from './repositories';
import { LiveService } from './service';

let service: Promise<{ live: LiveService; fanout: Fanout }> | undefined;

export function liveServices(): Promise<{ live: LiveService; fanout: Fanout }> {
	service ??= (async () => {
		const [{ db, engine }, review] = await Promise.all([database(), reviewServices()]);
		const url = process.env.DATABASE_URL;
		const fanout = engine === 'postgres' && url ? await postgresFanout(url) : localFanout();
		const live = new LiveService({
			repos: kyselyLiveRepositories(db),
			classroom: kyselyClassroomRepositories(db),
			quizzes: storeQuizLookup(review.store),
			fanout,
			now: () => new Date(),
			newId: () => randomUUID(),
			randomBytes: (n) => randomBytes(n),
			resultId: liveResultId
		});
		return { live, fanout };
	})().catch((error: unknown) => {
		service = undefined;
		throw error;
	});
	return service;
}
