/**
 * The school server's side of sync (docs/national-deployment.md §3), one run at a time:
 *
 * 1. **Withdrawals first.** The national signed withdrawal list, verified with the trusted keys
 *    (`verifyWithdrawalList`, as tablets do). Each withdrawn key stops being trusted here and goes
 *    into this server's own list (trust.ts); each withdrawn version held here is withdrawn, so it
 *    leaves the school library and this server's own list tells its tablets to delete it.
 * 2. **Pull.** Approved versions published since the cursor, page by page. For each version not
 *    held: the signed document, its approval checked before any asset is fetched, then every asset
 *    file into a staging folder, resumed with a `Range` request after a cut (a file already in the
 *    content store is never fetched again; a file whose bytes do not match its hash is deleted and
 *    fetched again whole). Only when every file is there is the version installed, through
 *    `ReviewService.installApproved`, which runs the same `verifySignedVersion` a tablet runs over
 *    the document, the approval and every file, then the one content validation, then publishes it.
 *    A refused version stops the run before the cursor moves past it: nothing is half-imported,
 *    and the next run tries again.
 * 3. **Push.** Results not yet sent are counted into a batch per class, comic, objective and week
 *    (aggregate.ts), frozen in the outbox with an id made from its results, and sent; a batch is
 *    marked sent only when the national server acknowledged that id. A cut link leaves it waiting,
 *    and the same batch (same id, same bytes) goes again next time: the national server counts it once.
 *
 * Requests that fail on the network or with a 5xx are retried with exponential backoff.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { sha256Hex } from '../../domain/signing/hash';
import type { Approval, TrustedKey } from '../../domain/signing/signature';
import { verifySignedVersion } from '../../domain/signing/verify';
import { isVersionDocument, versionHashOf, type VersionDocument } from '../../domain/signing/version';
import {
	verifyWithdrawalList,
	withdrawalOf,
	mergeWithdrawals,
	NO_WITHDRAWALS,
	type WithdrawnKey
} from '../../domain/signing/withdrawal';
import type { PreparedVersion } from '../store/versions';
import { aggregateAnswers, batchIdOf } from './aggregate';
import { versionListSchema, type BatchAck, type SchoolCredential } from './protocol';
import type { SyncRepository, SyncStatus } from './repository';

export interface SchoolSyncDeps {
	repo: SyncRepository;
	/** The national server's address, e.g. `https://kalanso.education.gouv.ml`. */
	nationalUrl: string;
	credential: SchoolCredential;
	/** Keys whose approvals and withdrawal lists are accepted (the national key among them). */
	trusted: () => readonly TrustedKey[];
	/** Whether this server already holds a version. */
	hasVersion(versionHash: string): Promise<boolean>;
	/** A blob already in the content store, or null. */
	storedBlob(hash: string): Promise<Uint8Array | null>;
	/** The one import path of approved versions (ReviewService.installApproved). */
	install(prepared: PreparedVersion, approval: Approval): Promise<void>;
	/**
	 * Stops trusting the approval keys a verified national list withdraws (sync/trust.ts); returns
	 * how many were new to this server.
	 */
	withdrawKeys(keys: readonly WithdrawnKey[]): Promise<number>;
	/** Withdraws a held version the national list names; whether it changed anything. */
	withdraw(versionHash: string): Promise<boolean>;
	/** Brings the library index in step after installs and withdrawals. */
	afterChange(): Promise<void>;
	/** Partly downloaded files wait here between runs. */
	stagingDir: string;
	fetch?: typeof fetch;
	sleep?: (ms: number) => Promise<void>;
	now?: () => Date;
	/** Attempts per request (default 6) and the first backoff delay (default 1 s, doubling). */
	retry?: { attempts: number; firstDelayMs: number };
	/** Per-request time limit (default 5 minutes). */
	requestTimeoutMs?: number;
}

/** What one run did. */
export interface SyncReport {
	/** Approval keys the national list withdrew that this server trusted or listed no more. */
	keysWithdrawn: number;
	withdrawn: number;
	installed: number;
	pushedBatches: number;
}

/** A failure the admin page shows: what was being done, and why. */
export class SchoolSyncError extends Error {
	constructor(
		readonly step: 'withdrawals' | 'pull' | 'verify' | 'push' | 'config',
		message: string
	) {
		super(message);
		this.name = 'SchoolSyncError';
	}
}

/** A response that must not be retried (4xx): the national server refused the request. */
class Refused extends Error {}

export class SchoolSync {
	readonly #fetch: typeof fetch;
	readonly #sleep: (ms: number) => Promise<void>;
	readonly #now: () => Date;
	#running: Promise<SyncReport> | null = null;

	constructor(private readonly deps: SchoolSyncDeps) {
		this.#fetch = deps.fetch ?? fetch;
		this.#sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
		this.#now = deps.now ?? (() => new Date());
	}

	status(): Promise<SyncStatus> {
		return this.deps.repo.status();
	}

	/** One sync run; a call while one runs waits for that run instead of starting another. */
	run(): Promise<SyncReport> {
		this.#running ??= this.#run().finally(() => {
			this.#running = null;
		});
		return this.#running;
	}

	async #run(): Promise<SyncReport> {
		const { repo } = this.deps;
		await repo.record({ lastAttemptAt: this.#now().toISOString() });
		const report: SyncReport = { keysWithdrawn: 0, withdrawn: 0, installed: 0, pushedBatches: 0 };
		const changed = () => report.keysWithdrawn + report.withdrawn + report.installed > 0;
		try {
			Object.assign(report, await this.#withdrawals());
			if (report.withdrawn) await repo.record({ withdrawn: report.withdrawn });
			report.installed = await this.#pull();
			if (changed()) await this.deps.afterChange();
			report.pushedBatches = await this.#push();
			await repo.record({ lastSuccessAt: this.#now().toISOString(), lastError: null });
			return report;
		} catch (error) {
			if (changed()) await this.deps.afterChange();
			const step = error instanceof SchoolSyncError ? `${error.step}: ` : '';
			await repo.record({ lastError: `${step}${(error as Error).message}` });
			throw error;
		}
	}

	// ——— withdrawals ———

	#withdrawalState = NO_WITHDRAWALS;

	async #withdrawals(): Promise<{ keysWithdrawn: number; withdrawn: number }> {
		const raw = await this.#json('withdrawals', '/api/sync/withdrawals');
		const check = verifyWithdrawalList(raw, this.deps.trusted(), this.#withdrawalState);
		if (!check.ok) {
			throw new SchoolSyncError('withdrawals', `the national withdrawal list was refused (${check.problem})`);
		}
		this.#withdrawalState = mergeWithdrawals(this.#withdrawalState, check.list);
		// Keys first: from here on nothing they approved is installed, served or trusted by tablets.
		const keysWithdrawn = await this.deps.withdrawKeys(check.list.keys);
		let withdrawn = 0;
		for (const entry of check.list.versions) {
			if (await this.deps.withdraw(entry.versionHash)) withdrawn++;
		}
		return { keysWithdrawn, withdrawn };
	}

	// ——— pull ———

	async #pull(): Promise<number> {
		const { repo } = this.deps;
		let installed = 0;
		for (;;) {
			const { cursor } = await repo.status();
			const query = new URLSearchParams({ limit: '50', ...(cursor ? { since: cursor } : {}) });
			const parsed = versionListSchema.safeParse(await this.#json('pull', `/api/sync/versions?${query}`));
			if (!parsed.success)
				throw new SchoolSyncError('pull', 'the national version list is not in the expected form');
			const page = parsed.data;
			for (const entry of page.versions) {
				if (await this.#installOne(entry.versionHash, entry.approval as unknown as Approval)) {
					installed++;
					await repo.record({ installed: 1 });
				}
			}
			// Only now, every version of the page installed (or already held): the cursor moves on.
			if (page.cursor !== cursor) await repo.record({ cursor: page.cursor });
			if (!page.more || page.versions.length === 0) return installed;
		}
	}

	/** Downloads, verifies and installs one version; false when it was already held or is withdrawn. */
	async #installOne(versionHash: string, approval: Approval): Promise<boolean> {
		if (await this.deps.hasVersion(versionHash)) return false;
		if (withdrawalOf(this.#withdrawalState, approval)) return false;
		const documentBytes = await this.#file(versionHash, 'document', versionHash);
		let document: VersionDocument;
		try {
			document = JSON.parse(new TextDecoder().decode(documentBytes)) as VersionDocument;
		} catch {
			throw new SchoolSyncError('verify', `the document of version ${versionHash.slice(0, 12)} is not JSON`);
		}
		// The approval before any asset: an unsigned or foreign version costs one small file, not a pack.
		const early = verifySignedVersion({ document, approval }, this.deps.trusted());
		if (!early.ok || !isVersionDocument(document) || versionHashOf(document) !== versionHash) {
			throw new SchoolSyncError(
				'verify',
				`version ${versionHash.slice(0, 12)} refused: ${early.ok ? 'not the version listed' : early.message}`
			);
		}
		const files = new Map<string, Uint8Array>();
		for (const [assetPath, hash] of Object.entries(document.assets)) {
			files.set(assetPath, (await this.deps.storedBlob(hash)) ?? (await this.#file(versionHash, hash, hash)));
		}
		// The check tablets run, over every file (installApproved runs it again before storing).
		const verdict = verifySignedVersion({ document, approval, files }, this.deps.trusted());
		if (!verdict.ok) {
			throw new SchoolSyncError('verify', `comic "${document.comicId}" refused: ${verdict.message}`);
		}
		try {
			await this.deps.install({ document, versionHash, files }, approval);
		} catch (error) {
			throw new SchoolSyncError('verify', `comic "${document.comicId}" refused: ${(error as Error).message}`);
		}
		await this.#clearStaging([versionHash, ...Object.values(document.assets)]);
		return true;
	}

	/**
	 * One file of a version: from the staging folder when a previous run finished it, else downloaded
	 * (a partial download resumes with `Range`). Bytes that do not match `hash` are returned but never
	 * kept: the signature check then refuses the version naming the file, and the next run fetches
	 * it whole again.
	 */
	async #file(versionHash: string, file: string, hash: string): Promise<Uint8Array> {
		const done = path.join(this.deps.stagingDir, hash);
		const part = `${done}.part`;
		await mkdir(this.deps.stagingDir, { recursive: true });
		const finished = await readFile(done).catch(() => null);
		if (finished && sha256Hex(finished) === hash) return new Uint8Array(finished);
		const url = `/api/sync/versions/${versionHash}/files/${file}`;
		const { attempts, firstDelayMs } = this.#retry();
		for (let attempt = 1; ; attempt++) {
			try {
				await this.#download(url, part);
				break;
			} catch (error) {
				if (error instanceof Refused || attempt >= attempts) {
					throw new SchoolSyncError('pull', `downloading ${url} failed: ${(error as Error).message}`);
				}
				await this.#sleep(firstDelayMs * 2 ** (attempt - 1));
			}
		}
		const bytes = new Uint8Array(await readFile(part));
		if (sha256Hex(bytes) === hash) await rename(part, done);
		else await rm(part, { force: true });
		return bytes;
	}

	/** Appends to `part` from where it stops (Range), until the server says the file is complete. */
	async #download(url: string, part: string): Promise<void> {
		const have = await stat(part).then(
			(s) => s.size,
			() => 0
		);
		const response = await this.#request(url, {
			headers: { ...(have > 0 ? { range: `bytes=${have}-` } : {}), 'accept-encoding': 'identity' }
		});
		if (response.status === 416) {
			// The part is already whole (or longer than the file): the hash check decides.
			await response.body?.cancel();
			return;
		}
		if (response.status !== 200 && response.status !== 206) await this.#refuse(response);
		// A 200 to a Range request is the whole file: start the part again.
		const append = response.status === 206;
		const out = createWriteStream(part, { flags: append ? 'a' : 'w' });
		const written = new Promise<void>((resolve, reject) => {
			out.on('finish', resolve);
			out.on('error', reject);
		});
		try {
			if (response.body) {
				for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
					if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
				}
			}
		} finally {
			out.end();
			await written;
		}
	}

	async #clearStaging(hashes: readonly string[]): Promise<void> {
		for (const hash of hashes) {
			await rm(path.join(this.deps.stagingDir, hash), { force: true });
			await rm(path.join(this.deps.stagingDir, `${hash}.part`), { force: true });
		}
	}

	// ——— push ———

	async #push(): Promise<number> {
		const { repo } = this.deps;
		// Results not yet counted become batches first (frozen: a re-send is the same batch).
		for (;;) {
			const facts = await repo.unbatchedAnswers(500);
			if (!facts.length) break;
			const resultIds = [...new Set(facts.map((f) => f.resultId))];
			const rows = aggregateAnswers(this.deps.credential.schoolId, facts);
			const batchId = batchIdOf(resultIds);
			await repo.addBatch(batchId, JSON.stringify({ batchId, rows }), resultIds, this.#now().toISOString());
		}
		let pushed = 0;
		for (const batch of await repo.waitingBatches()) {
			const payload = JSON.parse(batch.payload) as { rows: unknown[] };
			if (payload.rows.length > 0) {
				const ack = (await this.#json('push', '/api/sync/results', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: batch.payload
				})) as Partial<BatchAck>;
				if (ack.batchId !== batch.batchId || ack.accepted !== true) {
					throw new SchoolSyncError(
						'push',
						`the national server did not acknowledge batch ${batch.batchId.slice(0, 12)}`
					);
				}
			}
			// Marked only after the national server's acknowledgement (or when there was nothing to send).
			await repo.acknowledge(batch.batchId, this.#now().toISOString());
			await repo.record({ pushed: 1 });
			pushed++;
		}
		return pushed;
	}

	// ——— HTTP ———

	#retry() {
		return this.deps.retry ?? { attempts: 6, firstDelayMs: 1000 };
	}

	/** A JSON request, retried on network errors and 5xx; a 4xx stops at once with its reason. */
	async #json(step: SchoolSyncError['step'], url: string, init: RequestInit = {}): Promise<unknown> {
		const { attempts, firstDelayMs } = this.#retry();
		for (let attempt = 1; ; attempt++) {
			try {
				const response = await this.#request(url, init);
				if (!response.ok) await this.#refuse(response);
				return await response.json();
			} catch (error) {
				if (error instanceof Refused || attempt >= attempts) {
					throw new SchoolSyncError(step, `${url.replace(/\?.*/, '')}: ${(error as Error).message}`);
				}
				await this.#sleep(firstDelayMs * 2 ** (attempt - 1));
			}
		}
	}

	async #request(url: string, init: RequestInit): Promise<Response> {
		const headers = new Headers(init.headers);
		const { schoolId, secret } = this.deps.credential;
		headers.set('authorization', `Bearer ${schoolId}.${secret}`);
		return this.#fetch(new URL(url, this.deps.nationalUrl), {
			...init,
			headers,
			signal: AbortSignal.timeout(this.deps.requestTimeoutMs ?? 5 * 60_000)
		});
	}

	/** Throws for a non-success response: `Refused` (not retried) for 4xx, a plain error for 5xx. */
	async #refuse(response: Response): Promise<never> {
		const body = (await response.json().catch(() => null)) as { reason?: string } | null;
		const reason = `national server answered ${response.status}${body?.reason ? `: ${body.reason}` : ''}`;
		if (response.status >= 400 && response.status < 500) throw new Refused(reason);
		throw new Error(reason);
	}
}
