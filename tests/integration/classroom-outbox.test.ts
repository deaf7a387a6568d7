/**
 * The tablet's outbox against the real classroom service on a real SQLite database, with faults:
 * the network down, the server storing a batch and then dying before answering (the answer is
 * lost), reloads (a new IndexedDB connection and a new upload loop) and concurrent sends. Figures
 * are printed; the assertions are the promise of DESIGN.md §7: 0 acknowledged results lost, 0
 * duplicates on the server.
 */
import 'fake-indexeddb/auto';
import { randomBytes, randomUUID } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import type { Quiz } from '../../src/lib/domain/quiz/schema';
import { kyselyClassroomRepositories } from '../../src/lib/server/classroom/kysely-repositories';
import { ClassroomError, ClassroomService } from '../../src/lib/server/classroom/service';
import { openPacksDb } from '../../src/lib/offline/db';
import { openLearnerStore } from '../../src/lib/offline/learners';
import { entriesIn, enqueue, flush, OutboxSync, readingEntry, sweep } from '../../src/lib/offline/outbox';
import { engines, insertUsers } from './support/databases';

const VERSION = 'd'.repeat(64);
const quiz = {
	schemaVersion: 1,
	comic: 'eau',
	questions: [
		{
			id: 'q1',
			type: 'true-false',
			objectives: ['SMP-1'],
			prompt: { fr: '?' },
			explanation: { fr: '.' },
			answer: true
		}
	]
} as unknown as Quiz;

beforeEach(() => {
	globalThis.indexedDB = new IDBFactory();
});

async function world() {
	const { db } = await engines[0]!.open();
	await insertUsers(db, [{ id: 't1', role: 'teacher', name: 'T' }], '2026-10-01T00:00:00Z');
	const service = new ClassroomService({
		repos: kyselyClassroomRepositories(db),
		quizzes: {
			async versionOf(hash) {
				return hash === VERSION
					? { comic: 'eau', quiz, manifest: { pages: [] } as unknown as Manifest }
					: null;
			}
		},
		now: () => new Date(),
		newId: () => randomUUID(),
		randomBytes: (n) => randomBytes(n)
	});
	const teacher = { id: 't1', role: 'teacher' };
	const cls = await service.createClass(teacher, { name: '8e B', grade: '8e', schoolYear: '2026-2027' });
	const awa = await service.addStudent(teacher, cls.id, { displayName: 'Awa', picture: 'sun' });

	/** The server as a fetch, with faults: `down` refuses connections; `dieAfterStoring` loses the answer. */
	const faults = { down: false, dieAfterStoring: 0, requests: 0, bytes: 0 };
	const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const url = String(input);
		if (faults.down) throw new TypeError('Failed to fetch');
		faults.requests++;
		if (url.includes('/version')) return Response.json({ versionHash: VERSION });
		const body = JSON.parse(String(init!.body)) as { code: string; results: unknown[] };
		faults.bytes += String(init!.body).length;
		try {
			const outcome = await service.submitFromTablet(body.code, body.results);
			if (faults.dieAfterStoring > 0) {
				faults.dieAfterStoring--;
				throw new TypeError('connection reset');
			}
			return Response.json(outcome);
		} catch (e) {
			if (e instanceof ClassroomError) return Response.json({ code: e.code }, { status: e.status });
			throw e;
		}
	}) as typeof fetch;

	const learners = await openLearnerStore();
	const profile = await learners.addProfile(
		{ displayName: 'Awa', picture: 'sun' },
		new Date('2026-10-05T08:00:00Z')
	);
	const linked = await learners.linkRoster(profile.id, {
		classId: cls.id,
		studentId: awa.id,
		classCode: cls.joinCode,
		className: cls.name,
		linkedAt: '2026-10-05T08:00:00.000Z'
	});
	learners.close();
	const serverRows = async () =>
		(await db.selectFrom('classroom_results').select('id').execute()).map((r) => r.id);
	return { db, service, cls, linked, fetcher, faults, serverRows };
}

describe('results outbox under faults (SQLite server)', () => {
	it('loses no acknowledged result and stores none twice: offline, server dying mid-upload, reloads', async () => {
		const w = await world();
		const N = 250;
		let packs = await openPacksDb();
		for (let i = 0; i < N; i++) {
			const entry = readingEntry(
				w.linked,
				{ id: randomUUID(), comic: 'eau', versionHash: VERSION, language: 'fr' },
				new Date(Date.UTC(2026, 9, 5, 9, 0, i))
			)!;
			await enqueue(packs, entry);
			// Queued twice (a double tap, a replayed event): still one entry.
			await enqueue(packs, entry);
		}
		expect(await entriesIn(packs, 'waiting')).toHaveLength(N);

		// 1. Offline: nothing leaves, nothing is marked.
		w.faults.down = true;
		expect(await flush(packs, w.fetcher, () => new Date())).toEqual({ sent: 0, refused: 0, failed: true });
		expect(await entriesIn(packs, 'waiting')).toHaveLength(N);

		// 2. Back online, but the server dies after storing the first batch, before answering.
		w.faults.down = false;
		w.faults.dieAfterStoring = 1;
		const cut = await flush(packs, w.fetcher, () => new Date());
		expect(cut.failed).toBe(true);
		const storedBeforeAck = (await w.serverRows()).length;
		// Stored but not acknowledged: still waiting on the tablet (it cannot know).
		expect(await entriesIn(packs, 'waiting')).toHaveLength(N);

		// 3. Reload: a new connection, a new upload loop; and two sends at once.
		packs.close();
		packs = await openPacksDb();
		const sync = new OutboxSync(openPacksDb, openLearnerStore, w.fetcher);
		const [a, b] = await Promise.all([sync.send(), sync.send()]);
		expect(a).toBe(b);
		expect(a.failed).toBe(false);

		const rows = await w.serverRows();
		const waiting = await entriesIn(packs, 'waiting');
		const sent = await entriesIn(packs, 'sent');
		console.info(
			`[outbox faults] queued ${N}; stored before the lost answer ${storedBeforeAck}; ` +
				`after reload: sent ${sent.length}, waiting ${waiting.length}, server rows ${rows.length}, ` +
				`distinct ${new Set(rows).size}; requests ${w.faults.requests}, bytes ${w.faults.bytes}`
		);
		expect(storedBeforeAck).toBe(100);
		expect(waiting).toHaveLength(0);
		expect(sent).toHaveLength(N);
		expect(rows).toHaveLength(N);
		expect(new Set(rows).size).toBe(N);
		expect(new Set(rows)).toEqual(new Set(sent.map((e) => e.id)));
		expect(sync.status).toMatchObject({ waiting: 0, refused: 0, sending: false, last: 'sent' });
	});

	it('queues a finished quiz left out by a crash, answers included, and the server scores it', async () => {
		const w = await world();
		const learners = await openLearnerStore();
		const attempt = await learners.startAttempt(
			{
				profileId: w.linked.id,
				comic: 'eau',
				quizVersion: 1,
				language: 'fr',
				seed: 1,
				shuffle: 'fy-mulberry32-v1',
				questionIds: ['q1']
			},
			new Date('2026-10-06T09:00:00Z')
		);
		await learners.recordAnswer({
			attemptId: attempt.id,
			questionId: 'q1',
			answer: { type: 'true-false', value: true },
			credit: 1,
			verdict: 'right',
			answeredAt: '2026-10-06T09:01:00.000Z'
		});
		await learners.finishAttempt(attempt.id, 1, new Date('2026-10-06T09:02:00Z'));
		const packs = await openPacksDb();
		expect(await sweep(packs, learners, new Date(), w.fetcher)).toBe(1);
		expect(await sweep(packs, learners, new Date(), w.fetcher)).toBe(0);
		learners.close();
		expect(await flush(packs, w.fetcher, () => new Date())).toEqual({ sent: 1, refused: 0, failed: false });
		const rows = await w.db.selectFrom('classroom_results').select(['id', 'score', 'kind']).execute();
		expect(rows).toEqual([{ id: attempt.id, score: 1, kind: 'quiz' }]);
	});
});
