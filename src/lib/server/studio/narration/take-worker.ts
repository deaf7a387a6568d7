/**
 * The worker side of keeping a take (process-take.ts), like the upload workers of
 * store/prepare-worker.ts: this module is both the worker's entry and the place the server learns
 * the worker's file from (its own chunk in the production build, this TypeScript file through tsx
 * in development and tests). One worker per take, ended when it answers.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { processTake, TakeError, type ProcessedTake } from './process-take';

/** Marks a worker started for a take, so that importing this module elsewhere does nothing. */
export const WORKER_ROLE = 'kalanso-process-take';

/** The file takes are processed from: this very module. */
export const workerUrl = new URL(import.meta.url);

/** A take sent to the worker (the WAV's buffer is transferred, not copied). */
export interface TakeJob {
	wav: Uint8Array;
	texts: string[];
	pointsSec?: number[];
}

/** The worker's answer: the processed take, a refusal, or what failed. */
export type TakeReply =
	| { ok: true; take: ProcessedTake }
	| { ok: false; refusal: { code: string; message: string; params: Record<string, string> } }
	| { ok: false; error: string };

if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
	const port = parentPort;
	port.once('message', (job: TakeJob) => {
		let reply: TakeReply;
		try {
			reply = { ok: true, take: processTake(job.wav, job.texts, job.pointsSec) };
		} catch (error) {
			reply =
				error instanceof TakeError
					? { ok: false, refusal: { code: error.code, message: error.message, params: error.params } }
					: { ok: false, error: error instanceof Error ? error.message : String(error) };
		}
		const transfer = reply.ok ? [reply.take.ogg.buffer, reply.take.mp3.buffer] : [];
		port.postMessage(reply, transfer as ArrayBuffer[]);
	});
}
