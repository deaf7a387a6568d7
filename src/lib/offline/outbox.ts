/**
 * The results outbox (DESIGN.md §7 "nothing is lost"). Every finished quiz and every comic read to
 * the end by a student linked to a class is written here, in IndexedDB, before anything is sent.
 * Uploads go to `POST /api/classroom/results` in batches; an entry becomes `sent` only once the
 * server acknowledged it (stored now, or stored before), so a reload, a dropped Wi-Fi or a server
 * killed mid-upload only means sending again, and the server stores each client id once.
 * Sent entries stay: they are the student's "done" marks in "À faire".
 *
 * Without any network, the waiting entries leave as a results bundle (a file for a USB stick, or
 * QR codes: src/lib/domain/classroom/transfer.ts) that the teacher imports on the class page.
 *
 * This module is loaded with import() only on tablets that joined a class (joined.ts), so a
 * tablet that never did pays nothing for it on the library or the reader.
 */
import type { JoinInfo } from '$lib/domain/classroom/class';
import type { ResultSubmission } from '$lib/domain/classroom/results';
import { makeBundle, type ResultsBundle } from '$lib/domain/classroom/transfer';
import { signedVersionHash, type PacksDb } from './db';
import { getPacksDb } from './index';
import {
	newId,
	openLearnerStore,
	type AnswerRecord,
	type LearnerProfile,
	type LearnerStore,
	type QuizAttempt
} from './learners';

/** A class joined on this tablet: what the server said, kept for offline use. */
export interface ClassOnTablet extends JoinInfo {
	/** The class id (key). */
	id: string;
	/** ISO 8601, when the server last answered. */
	fetchedAt: string;
}

export type OutboxState = 'waiting' | 'sent' | 'refused';

export interface OutboxEntry {
	/** The result's client id (the quiz attempt's id for a quiz). */
	id: string;
	profileId: string;
	classCode: string;
	submission: ResultSubmission;
	/** The score the tablet showed, for "À faire" only: the server scores the answers again. */
	localScore: number | null;
	state: OutboxState;
	/** Why the server refused it (a ResultProblem code). */
	reason: string | null;
	createdAt: string;
	sentAt: string | null;
}

/** Results per upload request (the server takes at most 200). */
export const BATCH_SIZE = 100;

/** Writes an entry unless one with its id is there already (a result is queued once). */
export async function enqueue(db: PacksDb, entry: OutboxEntry): Promise<boolean> {
	const tx = db.transaction('outbox', 'readwrite');
	const existing = await tx.store.get(entry.id);
	if (!existing) await tx.store.add(entry);
	await tx.done;
	return !existing;
}

/** The quiz attempt as a result for the teacher, or null when the profile is in no class. */
export function quizEntry(
	profile: LearnerProfile,
	attempt: QuizAttempt,
	answers: ReadonlyMap<string, AnswerRecord>,
	versionHash: string,
	now: Date
): OutboxEntry | null {
	if (!profile.roster || !attempt.finishedAt) return null;
	return {
		id: attempt.id,
		profileId: profile.id,
		classCode: profile.roster.classCode,
		submission: {
			id: attempt.id,
			classId: profile.roster.classId,
			studentId: profile.roster.studentId,
			kind: 'quiz',
			comic: attempt.comic,
			versionHash,
			language: attempt.language,
			finishedAt: attempt.finishedAt,
			answers: attempt.questionIds
				.filter((q) => answers.has(q))
				.map((q) => ({ question: q, answer: answers.get(q)!.answer }))
		},
		localScore: attempt.score,
		state: 'waiting',
		reason: null,
		createdAt: now.toISOString(),
		sentAt: null
	};
}

/** A comic read to the end, as a result for the teacher, or null when the profile is in no class. */
export function readingEntry(
	profile: LearnerProfile,
	input: { id: string; comic: string; versionHash: string; language: string },
	now: Date
): OutboxEntry | null {
	if (!profile.roster) return null;
	return {
		id: input.id,
		profileId: profile.id,
		classCode: profile.roster.classCode,
		submission: {
			id: input.id,
			classId: profile.roster.classId,
			studentId: profile.roster.studentId,
			kind: 'reading',
			comic: input.comic,
			versionHash: input.versionHash,
			language: input.language,
			finishedAt: now.toISOString(),
			answers: []
		},
		localScore: null,
		state: 'waiting',
		reason: null,
		createdAt: now.toISOString(),
		sentAt: null
	};
}

/** Entries of one profile (every state), oldest first. */
export async function entriesOf(db: PacksDb, profileId: string): Promise<OutboxEntry[]> {
	const all = await db.getAllFromIndex('outbox', 'by-profile', profileId);
	return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Entries in one state, oldest first. */
export async function entriesIn(db: PacksDb, state: OutboxState): Promise<OutboxEntry[]> {
	const all = await db.getAllFromIndex('outbox', 'by-state', state);
	return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The version hash of the comic this tablet has: the stored pack's approval, else the server's. */
export async function versionHashFor(
	db: PacksDb,
	slug: string,
	fetcher: typeof fetch = fetch
): Promise<string | null> {
	const signed = signedVersionHash(await db.get('packs', slug));
	if (signed) return signed;
	try {
		const response = await fetcher(`/api/comics/${encodeURIComponent(slug)}/version`);
		if (!response.ok) return null;
		const body = (await response.json()) as { versionHash?: unknown };
		return typeof body.versionHash === 'string' ? body.versionHash : null;
	} catch (error) {
		console.warn('comic version unknown offline', error);
		return null;
	}
}

/**
 * Queues the finished attempts of linked profiles that are not queued yet (finished after the
 * profile joined its class): a crash between the end of a quiz and its queueing loses nothing.
 */
export async function sweep(
	db: PacksDb,
	learners: LearnerStore,
	now: Date,
	fetcher: typeof fetch = fetch
): Promise<number> {
	let added = 0;
	for (const profile of await learners.listProfiles()) {
		const link = profile.roster;
		if (!link) continue;
		for (const attempt of await learners.attemptsOf(profile.id)) {
			if (!attempt.finishedAt || attempt.finishedAt < link.linkedAt) continue;
			if (await db.get('outbox', attempt.id)) continue;
			// The version the quiz was taken on; attempts from before it was recorded take the
			// version on the tablet now (what the outbox always did for them).
			const versionHash = attempt.versionHash ?? (await versionHashFor(db, attempt.comic, fetcher));
			if (!versionHash) continue;
			const entry = quizEntry(profile, attempt, await learners.answersOf(attempt.id), versionHash, now);
			if (entry && (await enqueue(db, entry))) added++;
		}
	}
	return added;
}

export interface FlushResult {
	sent: number;
	refused: number;
	/** True when the server could not be reached or failed: what is left waits for the next try. */
	failed: boolean;
}

/**
 * Sends every waiting entry, class by class, in batches. An entry is marked `sent` only after the
 * server's answer names it; a failed request leaves its batch waiting.
 */
export async function flush(db: PacksDb, fetcher: typeof fetch, now: () => Date): Promise<FlushResult> {
	const waiting = await entriesIn(db, 'waiting');
	const byCode = new Map<string, OutboxEntry[]>();
	for (const e of waiting) byCode.set(e.classCode, [...(byCode.get(e.classCode) ?? []), e]);
	const result: FlushResult = { sent: 0, refused: 0, failed: false };
	for (const [code, entries] of byCode) {
		for (let i = 0; i < entries.length; i += BATCH_SIZE) {
			const batch = entries.slice(i, i + BATCH_SIZE);
			let response: Response;
			try {
				response = await fetcher('/api/classroom/results', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ code, results: batch.map((e) => e.submission) })
				});
			} catch (error) {
				console.warn('results not sent (server unreachable)', error);
				return { ...result, failed: true };
			}
			if (response.status === 404) {
				// The class is gone (or its code changed): keep the results, say so, try no more now.
				await mark(
					db,
					batch.map((e) => ({ id: e.id, state: 'refused', reason: 'unknown-code' })),
					now()
				);
				result.refused += batch.length;
				continue;
			}
			if (!response.ok) return { ...result, failed: true };
			const body = (await response.json()) as {
				stored: string[];
				already: string[];
				refused: { id: string; reason: string }[];
			};
			const acknowledged = [...body.stored, ...body.already].map((id) => ({
				id,
				state: 'sent' as const,
				reason: null
			}));
			const refused = body.refused.map((r) => ({ id: r.id, state: 'refused' as const, reason: r.reason }));
			await mark(db, [...acknowledged, ...refused], now());
			result.sent += acknowledged.length;
			result.refused += refused.length;
		}
	}
	return result;
}

async function mark(
	db: PacksDb,
	changes: { id: string; state: OutboxState; reason: string | null }[],
	at: Date
): Promise<void> {
	const tx = db.transaction('outbox', 'readwrite');
	for (const c of changes) {
		const entry = await tx.store.get(c.id);
		if (!entry || entry.state === 'sent') continue;
		await tx.store.put({
			...entry,
			state: c.state,
			reason: c.reason,
			sentAt: c.state === 'sent' ? at.toISOString() : null
		});
	}
	await tx.done;
}

/** The waiting results of one class as a bundle for a USB stick or QR codes. */
export function bundleOf(entries: readonly OutboxEntry[]): ResultsBundle | null {
	const first = entries[0];
	if (!first) return null;
	const same = entries.filter((e) => e.submission.classId === first.submission.classId);
	return makeBundle(
		first.submission.classId,
		first.classCode,
		same.map((e) => e.submission)
	);
}

/** Keeps what the server said about a class for offline use. */
export async function saveClass(db: PacksDb, info: JoinInfo, now: Date): Promise<ClassOnTablet> {
	const record: ClassOnTablet = { ...info, id: info.class.id, fetchedAt: now.toISOString() };
	await db.put('classes', record);
	return record;
}

export async function getClass(db: PacksDb, classId: string): Promise<ClassOnTablet | undefined> {
	return db.get('classes', classId);
}

/** The outbox's state for the "Envoyer mes résultats" button. */
export interface OutboxStatus {
	waiting: number;
	refused: number;
	sending: boolean;
	/** What the last try gave: null before any. */
	last: 'sent' | 'notSent' | null;
}

/** How often the outbox tries again while the app is open. */
export const RETRY_MS = 30_000;

/**
 * The upload loop of this page: at start, on `online`, every RETRY_MS while open, and on demand.
 * One per page (`outboxSync()`): the layout starts it, "À faire" shows its status and its button.
 */
export class OutboxSync {
	status: OutboxStatus = { waiting: 0, refused: 0, sending: false, last: null };
	#listeners = new Set<(s: OutboxStatus) => void>();
	#timer: ReturnType<typeof setInterval> | null = null;
	#running: Promise<FlushResult> | null = null;
	#onOnline = () => void this.send();

	constructor(
		private readonly openDb: () => Promise<PacksDb>,
		private readonly openLearners: () => Promise<LearnerStore>,
		private readonly fetcher: typeof fetch = (...args) => fetch(...args),
		private readonly now: () => Date = () => new Date()
	) {}

	start(): void {
		if (this.#timer) return;
		addEventListener('online', this.#onOnline);
		this.#timer = setInterval(() => void this.send(), RETRY_MS);
		void this.send();
	}

	stop(): void {
		removeEventListener('online', this.#onOnline);
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	/** Calls `listener` now and on every change; returns its removal. */
	subscribe(listener: (s: OutboxStatus) => void): () => void {
		this.#listeners.add(listener);
		listener(this.status);
		return () => this.#listeners.delete(listener);
	}

	#set(patch: Partial<OutboxStatus>) {
		this.status = { ...this.status, ...patch };
		for (const l of this.#listeners) l(this.status);
	}

	/** Counts again (after something was queued). */
	async refresh(): Promise<void> {
		const db = await this.openDb();
		const [waiting, refused] = await Promise.all([
			db.countFromIndex('outbox', 'by-state', 'waiting'),
			db.countFromIndex('outbox', 'by-state', 'refused')
		]);
		this.#set({ waiting, refused });
	}

	/** Queues what a crash may have left out, then sends what waits. One send at a time. */
	send(): Promise<FlushResult> {
		this.#running ??= (async () => {
			this.#set({ sending: true });
			try {
				const db = await this.openDb();
				const learners = await this.openLearners();
				try {
					await sweep(db, learners, this.now(), this.fetcher);
				} finally {
					learners.close();
				}
				const result = await flush(db, this.fetcher, this.now);
				this.#set({ last: result.failed ? 'notSent' : 'sent' });
				return result;
			} finally {
				await this.refresh();
				this.#set({ sending: false });
				this.#running = null;
			}
		})();
		return this.#running;
	}
}

let shared: OutboxSync | null = null;

/**
 * The page's upload loop, started on first use. One per page so the layout's start, "À faire"'s
 * button and the quiz's end share one queue of sends (never two uploads of one batch at once).
 */
export function outboxSync(): OutboxSync {
	if (!shared) {
		shared = new OutboxSync(getPacksDb, openLearnerStore);
		shared.start();
	}
	return shared;
}

/**
 * Records that the student reading now read `comic` to the end, once per comic, and sends it.
 * Nothing happens for a profile in no class.
 */
export async function recordReading(comic: string, language: string): Promise<void> {
	const [db, learners] = await Promise.all([getPacksDb(), openLearnerStore()]);
	try {
		const profileId = await learners.currentProfileId();
		const profile = profileId ? await learners.getProfile(profileId) : undefined;
		if (!profile?.roster) return;
		const done = await entriesOf(db, profile.id);
		if (done.some((e) => e.submission.kind === 'reading' && e.submission.comic === comic)) return;
		const versionHash = await versionHashFor(db, comic);
		if (!versionHash) return;
		const entry = readingEntry(profile, { id: newId(), comic, versionHash, language }, new Date());
		if (entry) await enqueue(db, entry);
	} finally {
		learners.close();
	}
	await outboxSync().send();
}
