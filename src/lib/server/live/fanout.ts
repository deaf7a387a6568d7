/**
 * Tells every SSE stream of a session, on every server instance, that new events are stored.
 * Only the session id and event number travel; streams read the events from the database, so a
 * missed notification costs nothing but a delay (streams also poll on their heartbeat).
 * - one process (SQLite): an in-process emitter;
 * - several instances on one PostgreSQL: LISTEN/NOTIFY on one channel (no home-made broker).
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';

export type FanoutListener = (sessionId: string, seq: number) => void;

export interface Fanout {
	/** Announces an event stored for a session (to this instance and the others). */
	publish(sessionId: string, seq: number): Promise<void>;
	/** Calls `listener` for every event announced for the session; returns the unsubscribe. */
	subscribe(sessionId: string, listener: FanoutListener): () => void;
	close(): Promise<void>;
}

/** One process: events reach this process's streams only. */
export function localFanout(): Fanout {
	const emitter = new EventEmitter();
	// 40 tablets + projector per session, many sessions: listeners are per session, not a leak.
	emitter.setMaxListeners(0);
	return {
		async publish(sessionId, seq) {
			emitter.emit(sessionId, sessionId, seq);
		},
		subscribe(sessionId, listener) {
			emitter.on(sessionId, listener);
			return () => emitter.off(sessionId, listener);
		},
		async close() {
			emitter.removeAllListeners();
		}
	};
}

export const LIVE_CHANNEL = 'kalanso_live';

/**
 * PostgreSQL fan-out: one dedicated connection LISTENs; NOTIFY goes through the same connection
 * (PostgreSQL delivers it to every listener, this instance included, after commit).
 */
export async function postgresFanout(connectionString: string): Promise<Fanout> {
	const local = localFanout();
	const client = new pg.Client({ connectionString });
	await client.connect();
	client.on('notification', (msg) => {
		if (msg.channel !== LIVE_CHANNEL || !msg.payload) return;
		const at = msg.payload.lastIndexOf(':');
		void local.publish(msg.payload.slice(0, at), Number(msg.payload.slice(at + 1)));
	});
	await client.query(`LISTEN ${LIVE_CHANNEL}`);
	return {
		async publish(sessionId, seq) {
			await client.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, `${sessionId}:${seq}`]);
		},
		subscribe: local.subscribe,
		async close() {
			await local.close();
			await client.end();
		}
	};
}
