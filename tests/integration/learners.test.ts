// The learners store on IndexedDB (fake-indexeddb): profiles, attempts, answers written at once,
// resume after a "reload" (a new connection), separation between profiles, upgrade ladder.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	LEARNERS_DB,
	LEARNERS_DB_VERSION,
	newId,
	newSeed,
	openLearnerStore,
	upgradeLearnersDb,
	type AnswerRecord,
	type LearnersSchema
} from '../../src/lib/offline/learners';
import { activeReader } from '../../src/lib/domain/quiz/session';

const now = new Date('2026-11-12T10:00:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

beforeEach(() => {
	// A fresh, empty IndexedDB for every test.
	globalThis.indexedDB = new IDBFactory();
});

async function withAttempt() {
	const store = await openLearnerStore();
	const awa = await store.addProfile({ displayName: 'Awa', picture: 'sun' }, now);
	const attempt = await store.startAttempt(
		{
			profileId: awa.id,
			comic: 'tiny',
			quizVersion: 1,
			language: 'fr',
			seed: 42,
			shuffle: 'fy-mulberry32-v1',
			questionIds: ['q1', 'q2', 'q3']
		},
		now
	);
	return { store, awa, attempt };
}

const answer = (attemptId: string, questionId: string, credit = 1): AnswerRecord => ({
	attemptId,
	questionId,
	answer: { type: 'single', choice: 'a' },
	credit,
	verdict: credit === 1 ? 'right' : 'wrong',
	answeredAt: later(1).toISOString()
});

describe('learners store', () => {
	it('creates the schema of the current version', async () => {
		(await openLearnerStore()).close();
		const db = await openDB(LEARNERS_DB);
		expect(db.version).toBe(LEARNERS_DB_VERSION);
		expect([...db.objectStoreNames].sort()).toEqual([
			'answers',
			'attempts',
			'positions',
			'profiles',
			'settings'
		]);
		db.close();
	});

	it('adds, lists and removes profiles, oldest first', async () => {
		const store = await openLearnerStore();
		const a = await store.addProfile({ displayName: 'Awa', picture: 'sun' }, now);
		const b = await store.addProfile({ displayName: 'Moussa', picture: 'drum' }, later(5));
		expect((await store.listProfiles()).map((p) => p.displayName)).toEqual(['Awa', 'Moussa']);
		expect(Object.keys(a).sort()).toEqual(['createdAt', 'displayName', 'id', 'picture']);
		await store.removeProfile(a.id);
		expect((await store.listProfiles()).map((p) => p.id)).toEqual([b.id]);
	});

	it('remembers who is reading across connections, and forgets a removed profile', async () => {
		const store = await openLearnerStore();
		const a = await store.addProfile({ displayName: 'Awa', picture: 'sun' }, now);
		await store.setCurrentProfile(a.id);
		store.close();
		const again = await openLearnerStore();
		expect(await again.currentProfileId()).toBe(a.id);
		await again.removeProfile(a.id);
		expect(await again.currentProfileId()).toBeNull();
	});

	it('writes each answer at once and resumes after a reload at the same question', async () => {
		const { store, awa, attempt } = await withAttempt();
		await store.recordAnswer(answer(attempt.id, 'q1'));
		await store.setCurrentIndex(attempt.id, 1);
		await store.recordAnswer(answer(attempt.id, 'q2', 0));
		store.close(); // the tab is reloaded

		const reopened = await openLearnerStore();
		const open = await reopened.openAttempt(awa.id, 'tiny');
		expect(open?.id).toBe(attempt.id);
		expect(open?.currentIndex).toBe(1);
		expect(open?.seed).toBe(42);
		const answers = await reopened.answersOf(attempt.id);
		expect([...answers.keys()].sort()).toEqual(['q1', 'q2']);
		expect(answers.get('q2')?.verdict).toBe('wrong');
	});

	it('keeps the first answer to a question', async () => {
		const { store, attempt } = await withAttempt();
		await store.recordAnswer(answer(attempt.id, 'q1', 0));
		const second = await store.recordAnswer(answer(attempt.id, 'q1', 1));
		expect(second.credit).toBe(0);
		expect((await store.answersOf(attempt.id)).get('q1')?.credit).toBe(0);
	});

	it('finishes an attempt; a finished attempt is not resumed and takes no more answers', async () => {
		const { store, awa, attempt } = await withAttempt();
		await store.recordAnswer(answer(attempt.id, 'q1'));
		const done = await store.finishAttempt(attempt.id, 1, later(3));
		expect(done.finishedAt).toBe(later(3).toISOString());
		expect(done.score).toBe(1);
		expect(await store.openAttempt(awa.id, 'tiny')).toBeNull();
		await expect(store.recordAnswer(answer(attempt.id, 'q2'))).rejects.toThrow('finished');
	});

	it('keeps two profiles apart', async () => {
		const { store, awa, attempt } = await withAttempt();
		const moussa = await store.addProfile({ displayName: 'Moussa', picture: 'fish' }, later(1));
		await store.recordAnswer(answer(attempt.id, 'q1'));
		expect(await store.openAttempt(moussa.id, 'tiny')).toBeNull();
		expect(await store.attemptsOf(moussa.id)).toEqual([]);
		const mine = await store.startAttempt({ ...attempt, profileId: moussa.id }, later(2));
		expect(mine.id).not.toBe(attempt.id);
		expect((await store.attemptsOf(awa.id)).map((a) => a.id)).toEqual([attempt.id]);
		expect((await store.answersOf(mine.id)).size).toBe(0);
	});

	it('removing a profile removes its attempts and answers only', async () => {
		const { store, awa, attempt } = await withAttempt();
		const moussa = await store.addProfile({ displayName: 'Moussa', picture: 'fish' }, later(1));
		const other = await store.startAttempt({ ...attempt, profileId: moussa.id }, later(2));
		await store.recordAnswer(answer(attempt.id, 'q1'));
		await store.recordAnswer(answer(other.id, 'q1'));
		await store.removeProfile(awa.id);
		expect(await store.getAttempt(attempt.id)).toBeUndefined();
		expect((await store.answersOf(attempt.id)).size).toBe(0);
		expect((await store.answersOf(other.id)).size).toBe(1);
	});
});

describe('client ids', () => {
	it('uses randomUUID where it exists', () => {
		expect(newId({ getRandomValues: (a) => a, randomUUID: () => 'u-u-i-d' })).toBe('u-u-i-d');
	});

	it('builds a v4 UUID from random bytes where randomUUID is missing (plain HTTP on a LAN)', () => {
		const source = { getRandomValues: crypto.getRandomValues.bind(crypto) };
		const ids = new Set(Array.from({ length: 200 }, () => newId(source)));
		expect(ids.size).toBe(200);
		for (const id of ids)
			expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	it('makes 32-bit seeds', () => {
		const seed = newSeed();
		expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
	});
});

describe('latest attempt', () => {
	it('is the newest, finished or not', async () => {
		const { store, awa, attempt } = await withAttempt();
		expect((await store.latestAttempt(awa.id, 'tiny'))?.id).toBe(attempt.id);
		await store.finishAttempt(attempt.id, 0.5, later(2));
		expect((await store.latestAttempt(awa.id, 'tiny'))?.finishedAt).not.toBeNull();
		const second = await store.startAttempt({ ...attempt }, later(3));
		expect((await store.latestAttempt(awa.id, 'tiny'))?.id).toBe(second.id);
		expect(await store.latestAttempt(awa.id, 'other')).toBeNull();
	});
});

describe('shared tablet (v2): sessions, positions and results per profile', () => {
	it('upgrades a v1 database in place: profiles, attempts and answers kept, positions added', async () => {
		const v1 = await openDB<LearnersSchema>(LEARNERS_DB, 1, {
			upgrade: (db, oldVersion) => upgradeLearnersDb(db, oldVersion, 1)
		});
		expect([...v1.objectStoreNames]).not.toContain('positions');
		await v1.put('profiles', { id: 'p1', displayName: 'Awa', picture: 'sun', createdAt: now.toISOString() });
		await v1.put('settings', { key: 'currentProfile', value: 'p1' });
		v1.close();

		const store = await openLearnerStore();
		expect((await store.listProfiles()).map((p) => p.displayName)).toEqual(['Awa']);
		expect(await store.currentProfileId()).toBe('p1');
		// A v1 tablet had no session: the next student is asked who is reading.
		expect(await store.readingSession()).toBeNull();
		await store.setReadingPosition('p1', 'tiny', '{"panelId":"p1-2"}', now);
		expect(await store.readingPosition('p1', 'tiny')).toBe('{"panelId":"p1-2"}');
	});

	it('keeps a reading position per profile and comic', async () => {
		const store = await openLearnerStore();
		const awa = await store.addProfile({ displayName: 'Awa', picture: 'sun' }, now);
		const moussa = await store.addProfile({ displayName: 'Moussa', picture: 'drum' }, now);
		await store.setReadingPosition(awa.id, 'tiny', '{"panelId":"p1-3"}', now);
		await store.setReadingPosition(awa.id, 'other', '{"panelId":"p2-1"}', now);
		store.close();
		const again = await openLearnerStore();
		expect(await again.readingPosition(awa.id, 'tiny')).toBe('{"panelId":"p1-3"}');
		expect(await again.readingPosition(moussa.id, 'tiny')).toBeNull();
		await again.setReadingPosition(moussa.id, 'tiny', '{"panelId":"p1-1"}', later(1));
		expect(await again.readingPosition(awa.id, 'tiny')).toBe('{"panelId":"p1-3"}');
		await again.removeProfile(awa.id);
		expect(await again.readingPosition(awa.id, 'tiny')).toBeNull();
		expect(await again.readingPosition(awa.id, 'other')).toBeNull();
		expect(await again.readingPosition(moussa.id, 'tiny')).toBe('{"panelId":"p1-1"}');
	});

	it('opens a session for one run; activity keeps it; idle time or a new run ends it', async () => {
		const store = await openLearnerStore();
		const awa = await store.addProfile({ displayName: 'Awa', picture: 'sun' }, now);
		const moussa = await store.addProfile({ displayName: 'Moussa', picture: 'drum' }, now);
		await store.beginSession(awa.id, 'run-1', now);
		expect(activeReader(await store.readingSession(), 'run-1', later(10))).toBe(awa.id);
		expect(activeReader(await store.readingSession(), 'run-2', later(1))).toBeNull();
		await store.touchSession(awa.id, 'run-1', later(15));
		expect(activeReader(await store.readingSession(), 'run-1', later(30))).toBe(awa.id);
		expect(activeReader(await store.readingSession(), 'run-1', later(35))).toBeNull();
		// Another profile's activity does not extend Awa's session.
		await store.touchSession(moussa.id, 'run-1', later(34));
		expect((await store.readingSession())?.lastActiveAt).toBe(later(15).toISOString());
		await store.beginSession(moussa.id, 'run-1', later(40));
		expect(activeReader(await store.readingSession(), 'run-1', later(41))).toBe(moussa.id);
		expect(await store.currentProfileId()).toBe(moussa.id);
		await store.removeProfile(moussa.id);
		expect(await store.readingSession()).toBeNull();
	});

	it('keeps results per objective with each finished attempt, per profile', async () => {
		const { store, awa, attempt } = await withAttempt();
		await store.recordAnswer(answer(attempt.id, 'q1'));
		const objectives = [{ code: 'SMP-A', mean: 1, known: true }];
		await store.finishAttempt(attempt.id, 1, later(2), objectives);
		store.close();
		const again = await openLearnerStore();
		const [mine] = await again.attemptsOf(awa.id);
		expect(mine?.objectives).toEqual(objectives);
		const moussa = await again.addProfile({ displayName: 'Moussa', picture: 'fish' }, later(3));
		expect(await again.attemptsOf(moussa.id)).toEqual([]);
	});
});
