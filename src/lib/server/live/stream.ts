/**
 * The server-sent events stream of a live session: every stored event after the client's
 * `Last-Event-ID`, then each new one as the fan-out announces it (from this instance or another),
 * with a comment line as heartbeat so proxies and tablets notice a dead connection. Events are
 * read from the database, so a resumed stream never misses or repeats one. The session's `ended`
 * event is the last: the stream sends it and closes the response (on every instance, since each
 * reads it from the database).
 */
import type { Fanout } from './fanout';
import type { LiveEvent } from './repositories';

export interface StreamSource {
	eventsAfter(sessionId: string, seq: number): Promise<LiveEvent[]>;
}

/**
 * Reads shared by the streams of a session: when an event is announced, the 40 streams of a class
 * all ask for the events after the same number at once; one database read answers them all
 * (events never change once stored, so sharing the result is safe).
 */
const reading = new WeakMap<StreamSource, Map<string, Promise<LiveEvent[]>>>();
function sharedEventsAfter(source: StreamSource, sessionId: string, seq: number): Promise<LiveEvent[]> {
	let pending = reading.get(source);
	if (!pending) reading.set(source, (pending = new Map()));
	const key = `${sessionId}:${seq}`;
	let read = pending.get(key);
	if (!read) {
		read = source.eventsAfter(sessionId, seq).finally(() => pending.delete(key));
		pending.set(key, read);
	}
	return read;
}

/** One event in the SSE wire format. */
export function formatEvent(e: LiveEvent): string {
	return `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

/** Reads `Last-Event-ID` (header, or `lastEventId` in the query for a first connection that resumes). */
export function lastEventIdOf(header: string | null, query: string | null): number {
	const n = Number(header ?? query ?? 0);
	return Number.isInteger(n) && n >= 0 ? n : 0;
}

export function liveStream(
	source: StreamSource,
	fanout: Fanout,
	sessionId: string,
	afterSeq: number,
	heartbeatMs = 15_000,
	/** Which events this client is sent (all by default); the others are skipped, not resent later. */
	sends: (type: string) => boolean = () => true
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let sent = afterSeq;
	let unsubscribe = () => {};
	let timer: ReturnType<typeof setInterval> | undefined;
	let pumping: Promise<void> | null = null;
	let again = false;
	let closed = false;
	return new ReadableStream<Uint8Array>({
		start(controller) {
			const finish = () => {
				closed = true;
				unsubscribe();
				clearInterval(timer);
				controller.close();
			};
			const pump = async () => {
				// One read at a time; an announcement during a read asks for another read after it.
				if (pumping) {
					again = true;
					return pumping;
				}
				pumping = (async () => {
					do {
						again = false;
						const events = await sharedEventsAfter(source, sessionId, sent);
						if (closed) return;
						for (const e of events) {
							if (sends(e.type)) controller.enqueue(encoder.encode(formatEvent(e)));
							sent = e.seq;
							if (e.type === 'ended') return finish();
						}
					} while (again && !closed);
				})().finally(() => (pumping = null));
				return pumping;
			};
			const fail = (error: unknown) => {
				if (closed) return;
				closed = true;
				unsubscribe();
				clearInterval(timer);
				controller.error(error);
			};
			unsubscribe = fanout.subscribe(sessionId, (_id, seq) => {
				if (seq > sent) pump().catch(fail);
			});
			// `retry` tells EventSource how soon to reconnect after a drop.
			controller.enqueue(encoder.encode('retry: 1000\n\n'));
			timer = setInterval(() => {
				if (closed) return;
				controller.enqueue(encoder.encode(': heartbeat\n\n'));
				// A notification lost (a listener reconnecting) is caught up here.
				pump().catch(fail);
			}, heartbeatMs);
			return pump().catch(fail);
		},
		cancel() {
			closed = true;
			unsubscribe();
			clearInterval(timer);
		}
	});
}
