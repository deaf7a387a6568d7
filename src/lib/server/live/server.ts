/**
 * The process-wide live service. On PostgreSQL (`DATABASE_URL`) events fan out to the other
 * instances through LISTEN/NOTIFY; on SQLite (one process) in process.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { kyselyClassroomRepositories } from '../classroom/kysely-repositories';
import { sharedQuizLookup } from '../classroom/server';
import { database } from '../db/server';
import { reviewServices } from '../review/server';
import { localFanout, postgresFanout, type Fanout } from './fanout';
import { liveResultId } from './ids';
import { kyselyLiveRepositories } from './repositories';
import { LiveService } from './service';
import { deadlineTimers } from './timers';

let service: Promise<{ live: LiveService; fanout: Fanout }> | undefined;

export function liveServices(): Promise<{ live: LiveService; fanout: Fanout }> {
	service ??= (async () => {
		const [{ db, engine }, review] = await Promise.all([database(), reviewServices()]);
		const url = process.env.DATABASE_URL;
		const fanout = engine === 'postgres' && url ? await postgresFanout(url) : localFanout();
		const timers = deadlineTimers(() => live);
		const live: LiveService = new LiveService({
			repos: kyselyLiveRepositories(db),
			classroom: kyselyClassroomRepositories(db),
			quizzes: sharedQuizLookup(review.store),
			fanout,
			now: () => new Date(),
			newId: () => randomUUID(),
			randomBytes: (n) => randomBytes(n),
			resultId: liveResultId,
			onDeadline: (sessionId, deadline) => timers.arm(sessionId, deadline)
		});
		// Questions left open on a timer by the previous run close at their stored deadline.
		await live.resumeDeadlines();
		return { live, fanout };
	})().catch((error: unknown) => {
		service = undefined;
		throw error;
	});
	return service;
}

/** At server start: the live service up, so open question timers are armed before any request. */
export async function startLive(): Promise<void> {
	try {
		await liveServices();
	} catch (error) {
		// Not fatal: the first live request tries again, and deadlines are also checked on every read.
		console.error('live: start', error);
	}
}
