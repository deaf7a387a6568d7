/**
 * Runs processTake on a worker thread (take-worker.ts), so the server keeps answering while a
 * take is encoded. A take that takes longer than `timeoutMs` ends its worker and is refused.
 */
import { Worker } from 'node:worker_threads';
import { TakeError, type ProcessedTake } from './process-take';
import type { TakeJob, TakeReply } from './take-worker';

/** A page take is encoded in seconds; minutes are for a loaded server. */
const TIMEOUT_MS = 180_000;

async function startWorker(): Promise<Worker> {
	const { workerUrl, WORKER_ROLE } = await import('./take-worker');
	const options = { workerData: { role: WORKER_ROLE } };
	// Node 20 does not apply `--import tsx` to a worker's entry module, so register tsx first
	// (development and tests; the production build's worker is plain JavaScript).
	return workerUrl.pathname.endsWith('.ts')
		? new Worker(
				`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); })`,
				{ ...options, eval: true }
			)
		: new Worker(workerUrl, options);
}

/** processTake off the event loop: same result, same TakeError refusals. */
export async function processTakeOffThread(
	wav: Uint8Array,
	texts: string[],
	pointsSec?: number[],
	timeoutMs = TIMEOUT_MS
): Promise<ProcessedTake> {
	const worker = await startWorker();
	try {
		const reply = await new Promise<TakeReply>((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new TakeError('busy', 'the server took too long to process the take: send it again')),
				timeoutMs
			);
			worker.once('message', (message: TakeReply) => {
				clearTimeout(timer);
				resolve(message);
			});
			worker.once('error', (error) => {
				clearTimeout(timer);
				reject(error);
			});
			const copy = new Uint8Array(wav);
			const job: TakeJob = { wav: copy, texts, ...(pointsSec ? { pointsSec } : {}) };
			worker.postMessage(job, [copy.buffer]);
		});
		if (reply.ok) return reply.take;
		if ('refusal' in reply)
			throw new TakeError(reply.refusal.code, reply.refusal.message, reply.refusal.params);
		throw new Error(`processing the take failed: ${reply.error}`);
	} finally {
		await worker.terminate();
	}
}
