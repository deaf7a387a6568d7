/**
 * The worker side of upload processing (prepare-pool.ts): unzipping, image decoding and validation
 * run here, on a worker thread, so that a hostile pack cannot hold the server's event loop. The
 * module is both the worker's entry and the place the pool learns the worker's file from: in the
 * production build it is its own chunk (the pool imports it dynamically), in development and tests
 * it is this TypeScript file, run through tsx.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { contentContext } from '../review/http';
import { prepareFromZip, type PackLimits, type PrepareResult } from './prepare';

/** Marks a worker started by the pool, so that importing this module elsewhere does nothing. */
export const WORKER_ROLE = 'kalanso-prepare-upload';

/** The file the pool starts workers from: this very module. */
export const workerUrl = new URL(import.meta.url);

/** A job sent to the worker. The zip's buffer is transferred, not copied. */
export interface PrepareJob {
	id: number;
	zip: Uint8Array;
	limits: PackLimits;
}

/** The worker's answer: the unchanged result of prepareFromZip, or the message of what failed. */
export type PrepareReply = { id: number; result: PrepareResult } | { id: number; error: string };

if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
	const port = parentPort;
	port.on('message', async (job: PrepareJob) => {
		let reply: PrepareReply;
		try {
			// The same languages and checks as every other path (comics:check, start-up import).
			const { languages, checks } = await contentContext();
			reply = { id: job.id, result: await prepareFromZip(job.zip, languages, checks, job.limits) };
		} catch (error) {
			reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
		}
		port.postMessage(reply);
	});
}
