/**
 * Student profiles, quiz attempts and answers, reading positions and the reading session on this
 * tablet, in their own IndexedDB database ('kalanso-learners'), apart from the comic packs. Every
 * answer is written the moment it is given, in one transaction with its attempt, so a reload or a
 * crash resumes at the same question. Attempts and answers carry client-generated ids, ready for a
 * later upload.
 *
 * The profile model stays small on purpose (DESIGN.md §7): a profile is a display name and a
 * pictogram on this tablet, identified by a random id. Everything else a student leaves here
 * (attempts, answers, reading positions) is keyed by that id, so a later link to a class roster
 * only has to map profile ids to roster entries.
 *
 * Schema changes: add the next `if (oldVersion < n)` step in `upgradeLearnersDb`; never edit a
 * shipped one.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { LocalizedText } from '$lib/domain/manifest/schema';
import type { ObjectiveSummary } from '$lib/domain/quiz/history';
import type { Answer, Verdict } from '$lib/domain/quiz/scoring';
import { parseSession, type ReadingSession } from '$lib/domain/quiz/session';
import type { ShuffleAlgorithm } from '$lib/domain/quiz/shuffle';

export const LEARNERS_DB = 'kalanso-learners';
export const LEARNERS_DB_VERSION = 2;

export interface LearnerProfile {
	/** Random UUID made on this tablet; the only identifier that may ever leave it. */
	id: string;
	displayName: string;
	/** Id of a bundled pictogram (PROFILE_PICTURES). */
	picture: string;
	/** ISO 8601 */
	createdAt: string;
	/** The class roster entry this profile is (classroom: "Rejoindre une classe"); absent when none. */
	roster?: RosterLink | null;
}

/** A profile's place in a class: what its results are sent under. */
export interface RosterLink {
	classId: string;
	/** The roster entry's id on the server. */
	studentId: string;
	/** The class code the tablet joined with: it admits the uploads. */
	classCode: string;
	className: string;
	/** ISO 8601: results finished from then on go to the teacher, not older ones. */
	linkedAt: string;
}

export interface QuizAttempt {
	/** Random UUID made on this tablet, so the server accepts each attempt once. */
	id: string;
	profileId: string;
	/** The comic's slug. */
	comic: string;
	/** The comic's title, for "Mes résultats" (attempts started since v2 of the app). */
	comicTitle?: LocalizedText;
	/** schemaVersion of the quiz answered. */
	quizVersion: number;
	/**
	 * The approved version (content hash) of the comic the quiz was taken on, so the teacher's
	 * results tell versions apart even when the tablet updates the comic before the attempt is sent.
	 * Attempts started before it was recorded lack it (the outbox then sends the version on the
	 * tablet); null when the comic came from a server that did not say.
	 */
	versionHash?: string | null;
	/** Language the quiz was answered in. */
	language: string;
	/** Seed and algorithm of the option shuffle: replaying them gives the same order. */
	seed: number;
	shuffle: ShuffleAlgorithm;
	/** Question ids in the order asked. */
	questionIds: string[];
	/** Index of the question on screen (resume point). */
	currentIndex: number;
	startedAt: string;
	finishedAt: string | null;
	/** Mean credit 0…1 once finished. */
	score: number | null;
	/** When the server acknowledged it; null until then. */
	uploadedAt: string | null;
	/**
	 * Results per objective, kept when the attempt is finished (since v2 of the app; older finished
	 * attempts lack it), so "Mes résultats" needs no quiz to show them.
	 */
	objectives?: ObjectiveSummary[];
}

/** Where a student stopped in a comic (the reader's own record, kept per profile). Since v2. */
export interface ReadingPosition {
	profileId: string;
	comic: string;
	/** The reader's stored position, as the reader wrote it (JSON). */
	value: string;
	/** ISO 8601 */
	updatedAt: string;
}

export interface AnswerRecord {
	attemptId: string;
	questionId: string;
	answer: Answer;
	credit: number;
	verdict: Verdict;
	answeredAt: string;
}

export interface LearnersSchema extends DBSchema {
	profiles: { key: string; value: LearnerProfile };
	attempts: {
		key: string;
		value: QuizAttempt;
		indexes: { 'by-profile': string; 'by-profile-comic': [string, string] };
	};
	answers: { key: [string, string]; value: AnswerRecord; indexes: { 'by-attempt': string } };
	/** Small device settings, e.g. who is reading now. */
	settings: { key: string; value: { key: string; value: string | null } };
	/** Since v2: reading positions per profile and comic. */
	positions: { key: [string, string]; value: ReadingPosition; indexes: { 'by-profile': string } };
}

export type LearnersDb = IDBPDatabase<LearnersSchema>;

/**
 * The upgrade ladder, up to `target` (tests open older versions with a lower target).
 * v1: profiles, attempts, answers, settings. v2: reading positions per profile.
 */
export function upgradeLearnersDb(db: LearnersDb, oldVersion: number, target: number): void {
	if (oldVersion < 1 && target >= 1) {
		db.createObjectStore('profiles', { keyPath: 'id' });
		const attempts = db.createObjectStore('attempts', { keyPath: 'id' });
		attempts.createIndex('by-profile', 'profileId');
		attempts.createIndex('by-profile-comic', ['profileId', 'comic']);
		const answers = db.createObjectStore('answers', { keyPath: ['attemptId', 'questionId'] });
		answers.createIndex('by-attempt', 'attemptId');
		db.createObjectStore('settings', { keyPath: 'key' });
	}
	if (oldVersion < 2 && target >= 2) {
		const positions = db.createObjectStore('positions', { keyPath: ['profileId', 'comic'] });
		positions.createIndex('by-profile', 'profileId');
	}
}

/**
 * A UUID v4: crypto.randomUUID where the context is secure (HTTPS, localhost); otherwise built
 * from crypto.getRandomValues, because a school server is often reached over plain HTTP on the
 * LAN, where randomUUID does not exist.
 */
export function newId(
	source: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = crypto
): string {
	if (typeof source.randomUUID === 'function') return source.randomUUID();
	const bytes = source.getRandomValues(new Uint8Array(16));
	bytes[6] = (bytes[6]! & 0x0f) | 0x40;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A random 32-bit seed for an attempt's shuffle. */
export function newSeed(source: Pick<Crypto, 'getRandomValues'> = crypto): number {
	return source.getRandomValues(new Uint32Array(1))[0]!;
}

const CURRENT_PROFILE = 'currentProfile';
const SESSION = 'session';

/** The learners database. Open one per page with openLearnerStore(); close() when done. */
export class LearnerStore {
	#db: IDBPDatabase<LearnersSchema>;

	constructor(db: IDBPDatabase<LearnersSchema>) {
		this.#db = db;
	}

	/** Profiles, oldest first. */
	async listProfiles(): Promise<LearnerProfile[]> {
		const all = await this.#db.getAll('profiles');
		return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
	}

	async getProfile(id: string): Promise<LearnerProfile | undefined> {
		return this.#db.get('profiles', id);
	}

	/** Adds a profile. The caller has checked the name with profileProblem(). */
	async addProfile(input: { displayName: string; picture: string }, now: Date): Promise<LearnerProfile> {
		const profile: LearnerProfile = {
			id: newId(),
			displayName: input.displayName,
			picture: input.picture,
			createdAt: now.toISOString()
		};
		await this.#db.add('profiles', profile);
		return profile;
	}

	/**
	 * Links a profile to a class roster entry (null unlinks). A profile is one student: linking it
	 * to another entry replaces the link.
	 */
	async linkRoster(profileId: string, link: RosterLink | null): Promise<LearnerProfile> {
		const tx = this.#db.transaction('profiles', 'readwrite');
		const profile = await tx.store.get(profileId);
		if (!profile) throw new Error(`no profile ${profileId}`);
		const linked = { ...profile, roster: link };
		await tx.store.put(linked);
		await tx.done;
		return linked;
	}

	/** Removes a profile with all its attempts and answers, in one transaction. */
	async removeProfile(id: string): Promise<void> {
		const tx = this.#db.transaction(
			['profiles', 'attempts', 'answers', 'settings', 'positions'],
			'readwrite'
		);
		const positions = await tx.objectStore('positions').index('by-profile').getAllKeys(id);
		for (const key of positions) await tx.objectStore('positions').delete(key);
		const attempts = await tx.objectStore('attempts').index('by-profile').getAllKeys(id);
		for (const attemptId of attempts) {
			const answerKeys = await tx.objectStore('answers').index('by-attempt').getAllKeys(attemptId);
			for (const key of answerKeys) await tx.objectStore('answers').delete(key);
			await tx.objectStore('attempts').delete(attemptId);
		}
		await tx.objectStore('profiles').delete(id);
		const current = await tx.objectStore('settings').get(CURRENT_PROFILE);
		if (current?.value === id) await tx.objectStore('settings').put({ key: CURRENT_PROFILE, value: null });
		const session = parseSession((await tx.objectStore('settings').get(SESSION))?.value);
		if (session?.profileId === id) await tx.objectStore('settings').delete(SESSION);
		await tx.done;
	}

	/** Who is reading now on this tablet (survives reloads), or null. */
	async currentProfileId(): Promise<string | null> {
		const id = (await this.#db.get('settings', CURRENT_PROFILE))?.value ?? null;
		if (id && !(await this.#db.get('profiles', id))) return null;
		return id;
	}

	async setCurrentProfile(id: string | null): Promise<void> {
		await this.#db.put('settings', { key: CURRENT_PROFILE, value: id });
	}

	/** The reading session stored on this tablet (see src/lib/domain/quiz/session.ts), or null. */
	async readingSession(): Promise<ReadingSession | null> {
		const session = parseSession((await this.#db.get('settings', SESSION))?.value);
		if (session && !(await this.#db.get('profiles', session.profileId))) return null;
		return session;
	}

	/** A student said "c'est moi": they are the current reader of this run from now on. */
	async beginSession(profileId: string, runId: string, now: Date): Promise<void> {
		const session: ReadingSession = { profileId, runId, lastActiveAt: now.toISOString() };
		const tx = this.#db.transaction('settings', 'readwrite');
		await Promise.all([
			tx.store.put({ key: SESSION, value: JSON.stringify(session) }),
			tx.store.put({ key: CURRENT_PROFILE, value: profileId }),
			tx.done
		]);
	}

	/** The current reader did something: the session stays open for another idle period. */
	async touchSession(profileId: string, runId: string, now: Date): Promise<void> {
		const tx = this.#db.transaction('settings', 'readwrite');
		const session = parseSession((await tx.store.get(SESSION))?.value);
		if (session?.profileId === profileId && session.runId === runId)
			await tx.store.put({
				key: SESSION,
				value: JSON.stringify({ ...session, lastActiveAt: now.toISOString() })
			});
		await tx.done;
	}

	/** The reader's stored position of this profile in this comic, or null. */
	async readingPosition(profileId: string, comic: string): Promise<string | null> {
		return (await this.#db.get('positions', [profileId, comic]))?.value ?? null;
	}

	/** Stores where this profile is in this comic. */
	async setReadingPosition(profileId: string, comic: string, value: string, now: Date): Promise<void> {
		await this.#db.put('positions', { profileId, comic, value, updatedAt: now.toISOString() });
	}

	/** Starts a new attempt at a comic's quiz. */
	async startAttempt(
		input: Pick<
			QuizAttempt,
			'profileId' | 'comic' | 'quizVersion' | 'language' | 'seed' | 'shuffle' | 'questionIds'
		> &
			Pick<Partial<QuizAttempt>, 'comicTitle' | 'versionHash'>,
		now: Date
	): Promise<QuizAttempt> {
		const attempt: QuizAttempt = {
			...input,
			id: newId(),
			currentIndex: 0,
			startedAt: now.toISOString(),
			finishedAt: null,
			score: null,
			uploadedAt: null
		};
		await this.#db.add('attempts', attempt);
		return attempt;
	}

	/** The latest unfinished attempt of this profile at this comic, to resume. */
	async openAttempt(profileId: string, comic: string): Promise<QuizAttempt | null> {
		const all = await this.#db.getAllFromIndex('attempts', 'by-profile-comic', [profileId, comic]);
		const open = all
			.filter((a) => a.finishedAt === null)
			.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
		return open[0] ?? null;
	}

	/** The latest attempt (finished or not) of this profile at this comic. */
	async latestAttempt(profileId: string, comic: string): Promise<QuizAttempt | null> {
		const all = await this.#db.getAllFromIndex('attempts', 'by-profile-comic', [profileId, comic]);
		return all.sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0] ?? null;
	}

	async getAttempt(id: string): Promise<QuizAttempt | undefined> {
		return this.#db.get('attempts', id);
	}

	/** Every attempt of a profile, newest first. */
	async attemptsOf(profileId: string): Promise<QuizAttempt[]> {
		const all = await this.#db.getAllFromIndex('attempts', 'by-profile', profileId);
		return all.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
	}

	/**
	 * Records an answer the moment it is given. The first answer to a question is the one that
	 * counts: a second call for the same question (a double tap, a replayed event) changes nothing
	 * and returns the stored record.
	 */
	async recordAnswer(record: AnswerRecord): Promise<AnswerRecord> {
		const tx = this.#db.transaction(['attempts', 'answers'], 'readwrite');
		const attempt = await tx.objectStore('attempts').get(record.attemptId);
		if (!attempt) throw new Error(`no attempt ${record.attemptId}`);
		if (attempt.finishedAt) throw new Error(`attempt ${record.attemptId} is finished`);
		const existing = await tx.objectStore('answers').get([record.attemptId, record.questionId]);
		if (existing) {
			await tx.done;
			return existing;
		}
		await tx.objectStore('answers').add(record);
		await tx.done;
		return record;
	}

	/** Answers of an attempt, by question id. */
	async answersOf(attemptId: string): Promise<Map<string, AnswerRecord>> {
		const all = await this.#db.getAllFromIndex('answers', 'by-attempt', attemptId);
		return new Map(all.map((a) => [a.questionId, a]));
	}

	/** Moves the resume point (the student went on to the next question). */
	async setCurrentIndex(attemptId: string, index: number): Promise<void> {
		const tx = this.#db.transaction('attempts', 'readwrite');
		const attempt = await tx.store.get(attemptId);
		if (attempt && attempt.finishedAt === null) await tx.store.put({ ...attempt, currentIndex: index });
		await tx.done;
	}

	/**
	 * Closes an attempt with its score and its results per objective; its answers stay for the
	 * results and the upload.
	 */
	async finishAttempt(
		attemptId: string,
		score: number,
		now: Date,
		objectives?: ObjectiveSummary[]
	): Promise<QuizAttempt> {
		const tx = this.#db.transaction('attempts', 'readwrite');
		const attempt = await tx.store.get(attemptId);
		if (!attempt) throw new Error(`no attempt ${attemptId}`);
		const done = attempt.finishedAt
			? attempt
			: { ...attempt, finishedAt: now.toISOString(), score, ...(objectives ? { objectives } : {}) };
		await tx.store.put(done);
		await tx.done;
		return done;
	}

	close(): void {
		this.#db.close();
	}
}

/** Opens (creating or upgrading) the learners database. */
export async function openLearnerStore(): Promise<LearnerStore> {
	const db = await openDB<LearnersSchema>(LEARNERS_DB, LEARNERS_DB_VERSION, {
		upgrade: (db, oldVersion) => upgradeLearnersDb(db, oldVersion, LEARNERS_DB_VERSION)
	});
	// Let a newer version of the app (another tab) upgrade: close instead of blocking it.
	db.addEventListener('versionchange', () => db.close());
	return new LearnerStore(db);
}
