/**
 * Upload processing off the event loop. Unzipping and decoding a pack is CPU work: on the request
 * thread one zip bomb held every other request (even /healthz) for seconds. Here each pack is
 * prepared by prepareFromZip on a worker thread (prepare-worker.ts), with three limits:
 * - entries and expanded size: the pack limits, enforced while inflating (unzip.ts);
 * - time: a worker that takes longer than `timeoutMs` is terminated and the pack refused;
 * - concurrency: at most `workers` packs at once (one core stays free for requests on a small
 *   server), at most `maxQueued` waiting; more are refused with "send it again".
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { contentIssue, type ContentIssue } from '../../domain/manifest/issues';
import { finding, type Finding } from '../../domain/manifest/findings';
import { DEFAULT_LIMITS, type PackLimits, type PrepareResult } from './prepare';
import type { PrepareJob, PrepareReply } from './prepare-worker';

export interface PreparePoolOptions {
	/** Packs prepared at the same time. Default: cores − 1, at least 1, at most 4. */
	workers?: number;
	/** Longest time one pack may take once its worker starts on it. */
	timeoutMs?: number;
	/** Packs that may wait for a worker; more are refused at once. */
	maxQueued?: number;
	limits?: PackLimits;
}

/** A page of art plus narration checks in well under a second; a minute is for a loaded server. */
export const DEFAULT_UPLOAD_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_QUEUED = 16;
/** V8 heap of one worker; the unpacked files themselves live outside it and are bounded by the limits. */
const WORKER_HEAP_MB = 512;

interface Pending {
	job: PrepareJob;
	resolve: (result: PrepareResult) => void;
}

function refusal(found: Finding): PrepareResult {
	const issue: ContentIssue = contentIssue('(pack)', '$', found, 'error');
	return { ok: false, issues: [issue] };
}

/** A small pool of upload workers. One per server (see `prepareUpload`); tests make their own. */
export class PreparePool {
	private readonly size: number;
	private readonly timeoutMs: number;
	private readonly maxQueued: number;
	private readonly limits: PackLimits;
	private readonly idle: Worker[] = [];
	private readonly queue: Pending[] = [];
	private running = 0;
	private nextId = 1;

	constructor(options: PreparePoolOptions = {}) {
		this.size = options.workers ?? Math.min(4, Math.max(1, availableParallelism() - 1));
		this.timeoutMs = options.timeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS;
		this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
		this.limits = options.limits ?? DEFAULT_LIMITS;
	}

	/**
	 * The result of prepareFromZip for `zip`, computed on a worker. The bytes are moved to the worker
	 * (a whole-buffer array is emptied, others are copied). Never rejects for a bad pack: every refusal is a finding.
	 */
	prepare(zip: Uint8Array): Promise<PrepareResult> {
		if (this.running >= this.size && this.queue.length >= this.maxQueued)
			return Promise.resolve(refusal(finding('packServerBusy')));
		// Only a whole, unshared buffer can be moved to the worker; anything else is copied once.
		const owned =
			zip.buffer instanceof ArrayBuffer && zip.byteOffset === 0 && zip.byteLength === zip.buffer.byteLength
				? zip
				: zip.slice();
		return new Promise((resolve) => {
			this.queue.push({ job: { id: this.nextId++, zip: owned, limits: this.limits }, resolve });
			this.drain();
		});
	}

	/** Stops every idle worker (tests; a server keeps them until it exits). */
	async close(): Promise<void> {
		await Promise.all(this.idle.splice(0).map((worker) => worker.terminate()));
	}

	private drain(): void {
		while (this.running < this.size && this.queue.length) {
			const pending = this.queue.shift()!;
			this.running++;
			this.run(pending).finally(() => {
				this.running--;
				this.drain();
			});
		}
	}

	private async run({ job, resolve }: Pending): Promise<void> {
		let worker: Worker;
		try {
			worker = this.idle.pop() ?? (await startWorker());
		} catch (error) {
			resolve(refusal(finding('packCheckFailed', { detail: (error as Error).message })));
			return;
		}
		worker.ref();
		const outcome = await new Promise<{ result: PrepareResult; healthy: boolean }>((settle) => {
			const done = (result: PrepareResult, healthy: boolean) => {
				clearTimeout(timer);
				worker.off('message', onMessage);
				worker.off('error', onError);
				worker.off('exit', onExit);
				settle({ result, healthy });
			};
			const onMessage = (reply: PrepareReply) => {
				if (reply.id !== job.id) return;
				if ('error' in reply) done(refusal(finding('packCheckFailed', { detail: reply.error })), true);
				else done(reply.result, true);
			};
			const onError = (error: Error) =>
				done(refusal(finding('packCheckFailed', { detail: error.message })), false);
			const onExit = (code: number) =>
				done(refusal(finding('packCheckFailed', { detail: `worker stopped (${code})` })), false);
			// The time limit: terminating the thread stops inflating or decoding wherever it is.
			const timer = setTimeout(
				() => done(refusal(finding('packTooSlow', { seconds: Math.round(this.timeoutMs / 1000) })), false),
				this.timeoutMs
			);
			worker.on('message', onMessage);
			worker.on('error', onError);
			worker.on('exit', onExit);
			try {
				worker.postMessage(job, [job.zip.buffer as ArrayBuffer]);
			} catch (error) {
				done(refusal(finding('packCheckFailed', { detail: (error as Error).message })), false);
			}
		});
		if (outcome.healthy) {
			worker.unref();
			this.idle.push(worker);
		} else {
			await worker.terminate();
		}
		resolve(outcome.result);
	}
}

/**
 * Starts a worker on prepare-worker.ts. Imported dynamically so that the production build gives
 * the worker module a chunk of its own (its file is the worker's entry); in development and tests
 * the module is TypeScript, which the worker runs through tsx like the CLI tools.
 */
async function startWorker(): Promise<Worker> {
	const { workerUrl, WORKER_ROLE } = await import('./prepare-worker');
	const options = {
		workerData: { role: WORKER_ROLE },
		resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }
	};
	// Node 20 does not apply `--import tsx` to a worker's entry module, so register tsx first.
	const worker = workerUrl.pathname.endsWith('.ts')
		? new Worker(
				`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); })`,
				{ ...options, eval: true }
			)
		: new Worker(workerUrl, options);
	worker.unref();
	return worker;
}

let shared: PreparePool | undefined;

/**
 * Prepares an uploaded pack on the server's upload pool: the same result as prepareFromZip with the
 * comics folder's languages and checks, computed off the event loop. `KALANSO_UPLOAD_TIMEOUT_MS`
 * changes the time limit.
 */
export function prepareUpload(zip: Uint8Array): Promise<PrepareResult> {
	const timeout = Number(process.env.KALANSO_UPLOAD_TIMEOUT_MS);
	shared ??= new PreparePool(timeout > 0 ? { timeoutMs: timeout } : {});
	return shared.prepare(zip);
}
