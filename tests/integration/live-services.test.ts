/**
 * The live quiz on real databases: a session from start to classroom report, refusals with their
 * reasons, a duplicate answer acknowledged once, a tablet rejoining with its answer, a restart
 * (a new service on the same database) losing nothing, and on PostgreSQL one session across two
 * instances whose streams are fed through LISTEN/NOTIFY.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import type { Quiz } from '../../src/lib/domain/quiz/schema';
import { kyselyClassroomRepositories } from '../../src/lib/server/classroom/kysely-repositories';
import { ClassroomService, type QuizLookup } from '../../src/lib/server/classroom/service';
import { openDatabase } from '../../src/lib/server/db/connection';
import type { Database } from '../../src/lib/server/db/schema';
import { localFanout, postgresFanout, type Fanout } from '../../src/lib/server/live/fanout';
import { liveResultId } from '../../src/lib/server/live/ids';
import { kyselyLiveRepositories } from '../../src/lib/server/live/repositories';
import { COUNT_EVERY_MS, LiveService } from '../../src/lib/server/live/service';
import { liveStream } from '../../src/lib/server/live/stream';
import { isTabletEvent } from '../../src/lib/domain/live/events';
import { deadlineTimers } from '../../src/lib/server/live/timers';
import { PG_URL, engines, insertUsers } from './support/databases';

const VERSION = 'b'.repeat(64);
const quiz = {
	schemaVersion: 1,
	comic: 'eau',
	questions: [
		{
			id: 'q1',
			type: 'single',
			objectives: ['SMP-1'],
			prompt: { fr: '?' },
			explanation: { fr: '.' },
			options: [
				{ id: 'a', text: { fr: 'a' } },
				{ id: 'b', text: { fr: 'b' } }
			],
			answer: 'a'
		},
		{
			id: 'q2',
			type: 'find',
			objectives: ['SMP-2'],
			prompt: { fr: '?' },
			explanation: { fr: '.' },
			page: 'p1',
			targets: [{ panel: 'p1-1' }]
		}
	]
} as unknown as Quiz;
const manifest = {
	pages: [
		{
			id: 'p1',
			width: 100,
			height: 100,
			panels: [{ id: 'p1-1', region: { x: 0, y: 0, w: 50, h: 50 }, description: {}, bubbles: [] }]
		}
	]
} as unknown as Manifest;
const quizzes: QuizLookup = {
	async versionOf(hash) {
		return hash === VERSION ? { comic: 'eau', quiz, manifest } : null;
	}
};
const t1 = { id: 't1', role: 'teacher' as const };
const t2 = { id: 't2', role: 'teacher' as const };

async function teachers(db: Kysely<Database>) {
	await insertUsers(db, [t1, t2], '2026-10-01T00:00:00.000Z');
}

function liveService(
	db: Kysely<Database>,
	fanout: Fanout,
	now: () => Date = () => new Date(),
	onDeadline?: (sessionId: string, deadline: string) => void
) {
	return new LiveService({
		onDeadline,
		repos: kyselyLiveRepositories(db),
		classroom: kyselyClassroomRepositories(db),
		quizzes,
		fanout,
		now,
		newId: () => randomUUID(),
		randomBytes: (n) => randomBytes(n),
		resultId: liveResultId
	});
}

/** Reads a stream to its end (or 10 s): its SSE events, and whether the server closed it. */
async function readToEnd(stream: ReadableStream<Uint8Array>) {
	const reader = stream.getReader();
	const decoder = new TextDecoder();
	let text = '';
	let done = false;
	let timedOut = false;
	const timeout = setTimeout(() => {
		timedOut = true;
		void reader.cancel();
	}, 10_000);
	while (!done) {
		const chunk = await reader.read();
		done = chunk.done;
		if (chunk.value) text += decoder.decode(chunk.value, { stream: true });
		if (done) break;
	}
	clearTimeout(timeout);
	const events = [...text.matchAll(/^event: (.*)$/gm)].map((m) => m[1]);
	return { events, closedByServer: !timedOut };
}

/** Reads SSE events from a stream until `count` events arrived. */
async function readEvents(stream: ReadableStream<Uint8Array>, count: number) {
	const reader = stream.getReader();
	const decoder = new TextDecoder();
	let text = '';
	const events: Array<{ id: number; event: string; data: unknown }> = [];
	const deadline = Date.now() + 10_000;
	while (events.length < count && Date.now() < deadline) {
		const { value, done } = await reader.read();
		if (done) break;
		text += decoder.decode(value, { stream: true });
		let end: number;
		while ((end = text.indexOf('\n\n')) >= 0) {
			const block = text.slice(0, end);
			text = text.slice(end + 2);
			const id = /^id: (\d+)$/m.exec(block);
			if (!id) continue;
			events.push({
				id: Number(id[1]),
				event: /^event: (.*)$/m.exec(block)![1]!,
				data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!)
			});
		}
	}
	await reader.cancel();
	return events;
}

for (const engine of engines) {
	describe.skipIf(!engine.available)(`live quiz on ${engine.title}`, () => {
		async function setup() {
			const opened = await engine.open();
			await teachers(opened.db);
			const classroom = new ClassroomService({
				repos: kyselyClassroomRepositories(opened.db),
				quizzes,
				now: () => new Date('2026-10-06T10:00:00.000Z'),
				newId: () => randomUUID(),
				randomBytes: (n) => randomBytes(n)
			});
			const cls = await classroom.createClass(t1, { name: '8e B', grade: '8e', schoolYear: '2026-2027' });
			const awa = await classroom.addStudent(t1, cls.id, { displayName: 'Awa', picture: 'sun' });
			const moussa = await classroom.addStudent(t1, cls.id, { displayName: 'Moussa', picture: 'moon' });
			const fatou = await classroom.addStudent(t1, cls.id, { displayName: 'Fatou', picture: 'star' });
			const fanout = localFanout();
			const live = liveService(opened.db, fanout);
			return { opened, classroom, cls, awa, moussa, fatou, fanout, live };
		}

		it('runs a session to the class report: teams, refusals, duplicates, rejoin, restart', async () => {
			const { opened, classroom, cls, awa, moussa, fatou, live } = await setup();
			await expect(live.start(t2, cls.id, { versionHash: VERSION, language: 'fr' })).rejects.toMatchObject({
				code: 'not-found',
				status: 404
			});
			const session = await live.start(t1, cls.id, { versionHash: VERSION, language: 'fr' });
			expect(session.options).toEqual({
				speedBonus: false,
				leaderboard: false,
				timerSec: null,
				tabletNarration: false
			});
			await expect(live.lookup('ZZZZZZ')).rejects.toMatchObject({ code: 'unknown-code', status: 404 });

			const tabletA = randomUUID();
			const tabletB = randomUUID();
			await live.join(session.code.toLowerCase(), {
				participantId: tabletA,
				studentIds: [awa.id],
				mode: 'solo'
			});
			await expect(
				live.join(session.code, { participantId: tabletB, studentIds: [moussa.id, fatou.id], mode: 'solo' })
			).rejects.toMatchObject({ code: 'malformed', status: 400 });
			const team = await live.join(session.code, {
				participantId: tabletB,
				studentIds: [moussa.id, fatou.id],
				mode: 'turns'
			});
			expect(team.participants).toBe(2);

			const answer = (participantId: string, questionId: string, a: unknown, id = randomUUID()) =>
				live.answer(session.id, { id, participantId, questionId, answer: a });
			// Before the first question is opened: closed.
			await expect(answer(tabletA, 'q1', { type: 'single', choice: 'a' })).rejects.toMatchObject({
				code: 'question-closed',
				status: 409
			});
			await live.next(t1, session.id);
			await expect(live.answer('nope', {})).rejects.toMatchObject({ code: 'unknown-session', status: 404 });
			await expect(live.answer(session.id, { id: 'x' })).rejects.toMatchObject({
				code: 'malformed',
				status: 400
			});
			await expect(answer(tabletA, 'q9', { type: 'single', choice: 'a' })).rejects.toMatchObject({
				code: 'unknown-question',
				status: 404
			});
			await expect(answer(randomUUID(), 'q1', { type: 'single', choice: 'a' })).rejects.toMatchObject({
				code: 'unknown-participant',
				status: 403
			});
			const id = randomUUID();
			expect(await answer(tabletA, 'q1', { type: 'single', choice: 'a' }, id)).toEqual({ ack: 'stored', id });
			expect(await answer(tabletA, 'q1', { type: 'single', choice: 'a' }, id)).toEqual({
				ack: 'already',
				id
			});
			// The tablet dropped and rejoins: it is at the current question with its answer.
			const rejoined = await live.join(session.code, {
				participantId: tabletA,
				studentIds: [awa.id],
				mode: 'solo'
			});
			expect(rejoined.question?.id).toBe('q1');
			expect(rejoined.yourAnswer).toEqual({ type: 'single', choice: 'a' });
			expect(rejoined.answered).toBe(1);
			expect((await live.snapshot(session.id, tabletB)).turn).toBe(moussa.id);

			// Restart: a new service on the same database carries on.
			const restarted = liveService(opened.db, localFanout());
			expect(
				await restarted.answer(session.id, {
					id: randomUUID(),
					participantId: tabletB,
					questionId: 'q1',
					answer: { type: 'single', choice: 'b' }
				})
			).toMatchObject({ ack: 'stored' });
			// Everyone answered: the question closed by itself; a late answer is refused.
			expect((await restarted.snapshot(session.id)).phase).toBe('closed');
			const revealed = await restarted.reveal(t1, session.id);
			expect(revealed.tally?.buckets).toEqual([
				{ key: 'a', count: 1, right: true },
				{ key: 'b', count: 1, right: false }
			]);
			await restarted.next(t1, session.id);
			expect((await restarted.snapshot(session.id, tabletB)).turn).toBe(fatou.id);
			await restarted.answer(session.id, {
				id: randomUUID(),
				participantId: tabletA,
				questionId: 'q2',
				answer: { type: 'find', point: { x: 10, y: 10 } }
			});
			await restarted.close(t1, session.id);
			await expect(
				restarted.answer(session.id, {
					id: randomUUID(),
					participantId: tabletB,
					questionId: 'q2',
					answer: { type: 'find', point: { x: 10, y: 10 } }
				})
			).rejects.toMatchObject({ code: 'question-closed', status: 409 });
			expect(await restarted.end(t1, session.id)).toEqual({ results: 3 });
			expect(await restarted.end(t1, session.id)).toEqual({ results: 3 });
			await expect(live.lookup(session.code)).rejects.toMatchObject({ code: 'unknown-code' });

			// The results are ordinary classroom results: the report has them per student.
			const rows = await opened.db
				.selectFrom('classroom_results')
				.select(['student_id', 'score', 'source'])
				.orderBy('student_id')
				.execute();
			expect(rows).toHaveLength(3);
			expect(new Set(rows.map((r) => r.source))).toEqual(new Set(['live']));
			const { report } = await classroom.report(t1, cls.id);
			const scoreOf = (sid: string) => rows.find((r) => r.student_id === sid)?.score;
			expect(scoreOf(awa.id)).toBe(1);
			expect(scoreOf(moussa.id)).toBe(0);
			expect(scoreOf(fatou.id)).toBe(0);
			expect(JSON.stringify(report)).toContain(awa.id);
		});

		it('refuses an answer after the timer and ranks by points only when the teacher asked', async () => {
			const { opened, cls, awa, moussa } = await setup();
			let clock = Date.parse('2026-10-06T10:00:00.000Z');
			const live = liveService(opened.db, localFanout(), () => new Date(clock));
			await expect(
				live.start(t1, cls.id, { versionHash: VERSION, language: 'fr', options: { timerSec: 2 } })
			).rejects.toMatchObject({ code: 'malformed' });
			const session = await live.start(t1, cls.id, {
				versionHash: VERSION,
				language: 'fr',
				options: { timerSec: 20, leaderboard: true, speedBonus: true }
			});
			const [a, b] = [randomUUID(), randomUUID()];
			await live.join(session.code, { participantId: a, studentIds: [awa.id], mode: 'solo' });
			await live.join(session.code, { participantId: b, studentIds: [moussa.id], mode: 'solo' });
			const opened1 = await live.next(t1, session.id);
			expect(opened1.deadline).toBe('2026-10-06T10:00:20.000Z');
			clock += 5_000;
			await live.answer(session.id, {
				id: randomUUID(),
				participantId: a,
				questionId: 'q1',
				answer: { type: 'single', choice: 'a' }
			});
			clock += 16_000;
			await expect(
				live.answer(session.id, {
					id: randomUUID(),
					participantId: b,
					questionId: 'q1',
					answer: { type: 'single', choice: 'a' }
				})
			).rejects.toMatchObject({ code: 'question-closed', status: 409 });
			await live.reveal(t1, session.id);
			const events = await live.eventsAfter(session.id, 0);
			const revealed = events.find((e) => e.type === 'revealed')!.data as {
				leaderboard: Array<{ participantId: string; points: number }>;
			};
			// 1000 for the right answer, + 500 × (1 − 5 s / 20 s) for the speed.
			expect(revealed.leaderboard).toEqual([{ participantId: a, points: 1375 }]);
		});

		it('streams events in order and resumes after Last-Event-ID', async () => {
			const { cls, awa, live, fanout } = await setup();
			const session = await live.start(t1, cls.id, { versionHash: VERSION, language: 'fr' });
			const tablet = randomUUID();
			await live.join(session.code, { participantId: tablet, studentIds: [awa.id], mode: 'solo' });
			const first = readEvents(liveStream(live, fanout, session.id, 0, 50), 3);
			await live.next(t1, session.id);
			const events = await first;
			expect(events.map((e) => [e.id, e.event])).toEqual([
				[1, 'lobby'],
				[2, 'joined'],
				[3, 'question']
			]);
			await live.follow(t1, session.id, 'p1-1');
			const resumed = await readEvents(liveStream(live, fanout, session.id, 3, 50), 1);
			expect(resumed).toEqual([{ id: 4, event: 'follow', data: { panel: 'p1-1' } }]);
		});

		it("a tablet's stream carries only what a tablet acts on: no class counts, no classmates' names", async () => {
			const { cls, awa, moussa, live, fanout } = await setup();
			const session = await live.start(t1, cls.id, { versionHash: VERSION, language: 'fr' });
			const a = randomUUID();
			const m = randomUUID();
			await live.join(session.code, { participantId: a, studentIds: [awa.id], mode: 'solo' });
			const tablet = readEvents(liveStream(live, fanout, session.id, 0, 50, isTabletEvent), 3);
			const teacher = readEvents(liveStream(live, fanout, session.id, 0, 50), 7);
			await live.join(session.code, { participantId: m, studentIds: [moussa.id], mode: 'solo' });
			await live.next(t1, session.id);
			for (const [participantId, choice] of [
				[a, 'a'],
				[m, 'b']
			] as const)
				await live.answer(session.id, {
					id: randomUUID(),
					participantId,
					questionId: 'q1',
					answer: { type: 'single', choice }
				});
			await live.settled();
			await live.follow(t1, session.id, 'p1-1');
			const all = await teacher;
			expect(all.map((e) => e.event)).toEqual(
				expect.arrayContaining(['lobby', 'joined', 'count', 'question'])
			);
			const seen = await tablet;
			expect(seen.map((e) => e.event)).toEqual(['question', 'closed', 'follow']);
			expect(JSON.stringify(seen)).not.toContain('Moussa');
			// The ids are the session's own: a tablet resuming after the last one it saw misses nothing.
			const follow = all.find((e) => e.event === 'follow')!;
			expect(seen.at(-1)!.id).toBe(follow.id);
		});
	});
}

describe.skipIf(!PG_URL)('live quiz across two instances on one PostgreSQL', () => {
	it('a tablet on instance B receives what the teacher does on instance A, and answers there', async () => {
		const engine = engines.find((e) => e.name === 'PostgreSQL')!;
		const a = await engine.open();
		const b = await openDatabase({ databaseUrl: a.url!, pgSchema: a.pgSchema });
		await teachers(a.db);
		const fanA = await postgresFanout(a.url!);
		const fanB = await postgresFanout(a.url!);
		try {
			const classroom = new ClassroomService({
				repos: kyselyClassroomRepositories(a.db),
				quizzes,
				now: () => new Date(),
				newId: () => randomUUID(),
				randomBytes: (n) => randomBytes(n)
			});
			const cls = await classroom.createClass(t1, { name: '8e C', grade: '8e', schoolYear: '2026-2027' });
			const awa = await classroom.addStudent(t1, cls.id, { displayName: 'Awa', picture: 'sun' });
			const instanceA = liveService(a.db, fanA);
			const instanceB = liveService(b.db, fanB);
			const session = await instanceA.start(t1, cls.id, { versionHash: VERSION, language: 'fr' });
			const tablet = randomUUID();
			await instanceB.join(session.code, { participantId: tablet, studentIds: [awa.id], mode: 'solo' });
			// Long heartbeat: only NOTIFY can bring the question event in time.
			const onB = readEvents(liveStream(instanceB, fanB, session.id, 2, 60_000), 1);
			const onA = readEvents(liveStream(instanceA, fanA, session.id, 3, 60_000), 2);
			await new Promise((r) => setTimeout(r, 100));
			await instanceA.next(t1, session.id);
			expect((await onB)[0]).toMatchObject({ id: 3, event: 'question' });
			expect(
				await instanceB.answer(session.id, {
					id: randomUUID(),
					participantId: tablet,
					questionId: 'q1',
					answer: { type: 'single', choice: 'a' }
				})
			).toMatchObject({ ack: 'stored' });
			expect((await onA).map((e) => e.event)).toEqual(['count', 'closed']);
		} finally {
			await fanA.close();
			await fanB.close();
			await b.close();
		}
	});

	it('a class answering on both instances: the question closes once everyone answered', async () => {
		const engine = engines.find((e) => e.name === 'PostgreSQL')!;
		const a = await engine.open();
		const b = await openDatabase({ databaseUrl: a.url!, pgSchema: a.pgSchema });
		await teachers(a.db);
		const fanA = await postgresFanout(a.url!);
		const fanB = await postgresFanout(a.url!);
		try {
			const classroom = new ClassroomService({
				repos: kyselyClassroomRepositories(a.db),
				quizzes,
				now: () => new Date(),
				newId: () => randomUUID(),
				randomBytes: (n) => randomBytes(n)
			});
			const cls = await classroom.createClass(t1, { name: '8e E', grade: '8e', schoolYear: '2026-2027' });
			const students = [];
			for (const name of ['Awa', 'Moussa', 'Fatou'])
				students.push(await classroom.addStudent(t1, cls.id, { displayName: name, picture: 'sun' }));
			const instanceA = liveService(a.db, fanA);
			const instanceB = liveService(b.db, fanB);
			const session = await instanceA.start(t1, cls.id, { versionHash: VERSION, language: 'fr' });
			const tablets = students.map(() => randomUUID());
			for (const [i, s] of students.entries())
				await instanceB.join(session.code, { participantId: tablets[i]!, studentIds: [s.id], mode: 'solo' });
			const opened = await instanceA.next(t1, session.id);
			const answer = (service: LiveService, participantId: string) =>
				service.answer(session.id, {
					id: randomUUID(),
					participantId,
					questionId: 'q1',
					answer: { type: 'single', choice: 'a' }
				});
			// Neither instance sees all three answers by itself (B: the 1st and 3rd, A: the 2nd).
			await answer(instanceB, tablets[0]!);
			await answer(instanceA, tablets[1]!);
			await answer(instanceB, tablets[2]!);
			// The batched counts read the database: one of them finds all three and closes.
			const until = Date.now() + 20_000;
			let phase = (await instanceA.snapshot(session.id)).phase;
			while (phase === 'question' && Date.now() < until) {
				await new Promise((r) => setTimeout(r, 50));
				phase = (await instanceA.snapshot(session.id)).phase;
			}
			expect(phase).toBe('closed');
			await Promise.all([instanceA.settled(), instanceB.settled()]);
			const events = await instanceA.eventsAfter(session.id, opened.seq);
			const counts = events.filter((e) => e.type === 'count').map((e) => e.data as { answered: number });
			expect(Math.max(...counts.map((c) => c.answered))).toBe(3);
			expect(events.filter((e) => e.type === 'closed')).toHaveLength(1);
		} finally {
			await fanA.close();
			await fanB.close();
			await b.close();
		}
	});
});

for (const engine of engines) {
	describe.skipIf(!engine.available)(`live session end and question timer on ${engine.title}`, () => {
		async function setup() {
			const opened = await engine.open();
			await teachers(opened.db);
			const classroom = new ClassroomService({
				repos: kyselyClassroomRepositories(opened.db),
				quizzes,
				now: () => new Date(),
				newId: () => randomUUID(),
				randomBytes: (n) => randomBytes(n)
			});
			const cls = await classroom.createClass(t1, { name: '8e D', grade: '8e', schoolYear: '2026-2027' });
			const awa = await classroom.addStudent(t1, cls.id, { displayName: 'Awa', picture: 'sun' });
			const moussa = await classroom.addStudent(t1, cls.id, { displayName: 'Moussa', picture: 'moon' });
			return { opened, cls, awa, moussa };
		}

		it('ending a session sends "ended" on every open stream and closes them', async () => {
			const { opened, cls, awa } = await setup();
			const fanout = localFanout();
			const live = liveService(opened.db, fanout);
			const session = await live.start(t1, cls.id, { versionHash: VERSION, language: 'fr' });
			await live.join(session.code, { participantId: randomUUID(), studentIds: [awa.id], mode: 'solo' });
			// A projector stream and a tablet stream (resumed after the join), long heartbeats.
			const projectorStream = readToEnd(liveStream(live, fanout, session.id, 0, 60_000));
			const tabletStream = readToEnd(liveStream(live, fanout, session.id, 2, 60_000));
			await new Promise((r) => setTimeout(r, 50));
			await live.next(t1, session.id);
			const started = Date.now();
			await live.end(t1, session.id);
			const [projector, tablet] = await Promise.all([projectorStream, tabletStream]);
			expect(Date.now() - started).toBeLessThan(5_000);
			expect(projector.events).toEqual(['lobby', 'joined', 'question', 'ended']);
			expect(projector.closedByServer).toBe(true);
			expect(tablet.events).toEqual(['question', 'ended']);
			expect(tablet.closedByServer).toBe(true);
			// A stream opened after the end gets what it missed, the end included, and closes too.
			const late = await readToEnd(liveStream(live, fanout, session.id, 3, 60_000));
			expect(late.events).toEqual(['ended']);
			// A client that saw the end is told there is nothing more (the route answers 204).
			expect(await live.endedBy(session.id, 4)).toBe(true);
			expect(await live.endedBy(session.id, 3)).toBe(false);
		});

		it('a class of 40 answering at once: every answer acknowledged, events numbered without a gap', async () => {
			const { opened, cls } = await setup();
			const classroom = new ClassroomService({
				repos: kyselyClassroomRepositories(opened.db),
				quizzes,
				now: () => new Date(),
				newId: () => randomUUID(),
				randomBytes: (n) => randomBytes(n)
			});
			const live = liveService(opened.db, localFanout());
			const students = [];
			for (let i = 0; i < 38; i++)
				students.push(await classroom.addStudent(t1, cls.id, { displayName: `É${i}`, picture: 'sun' }));
			const session = await live.start(t1, cls.id, { versionHash: VERSION, language: 'fr' });
			const roster = (await live.lookup(session.code)).students;
			expect(roster).toHaveLength(40);
			const tablets = roster.map(() => randomUUID());
			for (const [i, s] of roster.entries())
				await live.join(session.code, { participantId: tablets[i]!, studentIds: [s.id], mode: 'solo' });
			await live.next(t1, session.id);
			const acks = await Promise.all(
				tablets.map((participantId, i) =>
					live.answer(session.id, {
						id: randomUUID(),
						participantId,
						questionId: 'q1',
						answer: { type: 'single', choice: i % 2 ? 'a' : 'b' }
					})
				)
			);
			expect(acks.every((a) => a.ack === 'stored')).toBe(true);
			const events = await live.eventsAfter(session.id, 0);
			expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
			// Counts are batched (one event per 40 answers at once would make 40 × 41 stream writes):
			// fewer than one per answer, the last one says all 40, then the question closed once.
			const counts = events.filter((e) => e.type === 'count');
			expect(counts.length).toBeGreaterThan(0);
			expect(counts.length).toBeLessThan(40);
			expect(counts.at(-1)!.data).toEqual({ questionId: 'q1', answered: 40, participants: 40 });
			expect(events.filter((e) => e.type === 'closed')).toHaveLength(1);
			expect(events.findIndex((e) => e.type === 'closed')).toBeGreaterThan(events.indexOf(counts.at(-1)!));
			expect((await live.snapshot(session.id)).answered).toBe(40);
		});

		it('batches the answer count; the projector gets the final number; a restarted server counts on', async () => {
			const { opened, cls, awa, moussa } = await setup();
			const fatou = await new ClassroomService({
				repos: kyselyClassroomRepositories(opened.db),
				quizzes,
				now: () => new Date(),
				newId: () => randomUUID(),
				randomBytes: (n) => randomBytes(n)
			}).addStudent(t1, cls.id, { displayName: 'Fatou', picture: 'star' });
			const fanout = localFanout();
			// A batch as long as the test: only `settled()` (or everyone answering) tells the count.
			const live = new LiveService({
				repos: kyselyLiveRepositories(opened.db),
				classroom: kyselyClassroomRepositories(opened.db),
				quizzes,
				fanout,
				now: () => new Date(),
				newId: () => randomUUID(),
				randomBytes: (n) => randomBytes(n),
				resultId: liveResultId,
				countEveryMs: 600_000
			});
			const session = await live.start(t1, cls.id, { versionHash: VERSION, language: 'fr' });
			const tablets = [randomUUID(), randomUUID(), randomUUID()];
			for (const [i, s] of [awa, moussa, fatou].entries())
				await live.join(session.code, { participantId: tablets[i]!, studentIds: [s.id], mode: 'solo' });
			const question = await live.next(t1, session.id);
			// The projector's stream, from the question on.
			const projector = readEvents(liveStream(live, fanout, session.id, question.seq, 60_000), 3);
			const answer = (service: LiveService, participantId: string, id = randomUUID()) =>
				service.answer(session.id, {
					id,
					participantId,
					questionId: 'q1',
					answer: { type: 'single', choice: 'a' }
				});
			expect((await Promise.all(tablets.slice(0, 2).map((t) => answer(live, t)))).map((a) => a.ack)).toEqual([
				'stored',
				'stored'
			]);
			// Stored and acknowledged, not yet told: no count event per answer.
			const told = async () =>
				(await live.eventsAfter(session.id, question.seq)).map((e) => [e.type, e.data]);
			expect(await told()).toEqual([]);
			expect((await live.snapshot(session.id)).answered).toBe(2);
			await live.settled();
			expect(await told()).toEqual([['count', { questionId: 'q1', answered: 2, participants: 3 }]]);

			// A restarted server (nothing in memory) counts the answers stored before: the last one
			// closes the question before its acknowledgement, with the final number told first.
			const restarted = liveService(opened.db, fanout);
			const lastId = randomUUID();
			expect(await answer(restarted, tablets[2]!, lastId)).toEqual({ ack: 'stored', id: lastId });
			expect((await restarted.snapshot(session.id)).phase).toBe('closed');
			// Its acknowledgement lost, the tablet sends it again: acknowledged again, even closed.
			expect(await answer(restarted, tablets[2]!, lastId)).toEqual({ ack: 'already', id: lastId });
			await expect(answer(restarted, tablets[2]!)).rejects.toMatchObject({ code: 'question-closed' });
			const final = [
				['count', { questionId: 'q1', answered: 2, participants: 3 }],
				['count', { questionId: 'q1', answered: 3, participants: 3 }],
				['closed', { questionId: 'q1' }]
			];
			expect(await told()).toEqual(final);
			expect((await projector).map((e) => [e.event, e.data])).toEqual(final);
		});

		it("a class's 40 streams share one read of the database per event", async () => {
			const { opened, cls, awa } = await setup();
			const fanout = localFanout();
			const live = liveService(opened.db, fanout);
			const session = await live.start(t1, cls.id, { versionHash: VERSION, language: 'fr' });
			await live.join(session.code, { participantId: randomUUID(), studentIds: [awa.id], mode: 'solo' });
			let reads = 0;
			const counting = {
				eventsAfter: (id: string, seq: number) => {
					reads++;
					return live.eventsAfter(id, seq);
				}
			};
			const streams = Array.from({ length: 40 }, () =>
				readEvents(liveStream(counting, fanout, session.id, 2, 60_000), 1)
			);
			await new Promise((r) => setTimeout(r, 100));
			const before = reads;
			await live.next(t1, session.id);
			const got = await Promise.all(streams);
			expect(got.every((events) => events[0]?.event === 'question')).toBe(true);
			// The first reads at start-up are shared too; the question is one read, not forty.
			expect(before).toBe(1);
			expect(reads - before).toBe(1);
		});

		it('the teacher lets the tablets narrate: stored with the session and told to the streams', async () => {
			const { opened, cls } = await setup();
			const live = liveService(opened.db, localFanout());
			const session = await live.start(t1, cls.id, { versionHash: VERSION, language: 'fr' });
			expect((await live.snapshot(session.id)).options.tabletNarration).toBe(false);
			await expect(live.setTabletNarration(t2, session.id, true)).rejects.toMatchObject({
				code: 'not-found'
			});
			expect((await live.setTabletNarration(t1, session.id, true)).options.tabletNarration).toBe(true);
			const row = await opened.db
				.selectFrom('live_sessions')
				.select('options')
				.where('id', '=', session.id)
				.executeTakeFirstOrThrow();
			expect(JSON.parse(row.options)).toMatchObject({ tabletNarration: true, speedBonus: false });
			expect((await live.eventsAfter(session.id, 0)).at(-1)).toMatchObject({
				type: 'options',
				data: { tabletNarration: true }
			});
		});

		it('the question timer closes the question on the server, with no projector, and after a restart', async () => {
			const { opened, cls, awa, moussa } = await setup();
			let clock = Date.parse('2026-10-06T10:00:00.000Z');
			const now = () => new Date(clock);
			// Timers fired by hand: what the server's setTimeout would do at the deadline.
			const armed: Array<{ sessionId: string; deadline: string }> = [];
			const live = liveService(opened.db, localFanout(), now, (sessionId, deadline) =>
				armed.push({ sessionId, deadline })
			);
			const session = await live.start(t1, cls.id, {
				versionHash: VERSION,
				language: 'fr',
				options: { timerSec: 20 }
			});
			const [a, b] = [randomUUID(), randomUUID()];
			await live.join(session.code, { participantId: a, studentIds: [awa.id], mode: 'solo' });
			await live.join(session.code, { participantId: b, studentIds: [moussa.id], mode: 'solo' });
			await live.next(t1, session.id);
			expect(armed).toEqual([{ sessionId: session.id, deadline: '2026-10-06T10:00:20.000Z' }]);
			await live.answer(session.id, {
				id: randomUUID(),
				participantId: a,
				questionId: 'q1',
				answer: { type: 'single', choice: 'a' }
			});
			// Too early: nothing closes.
			clock += 10_000;
			expect(await live.expire(session.id)).toBe(false);
			clock += 10_000;
			expect(await live.expire(session.id)).toBe(true);
			// Once: a second timer (another instance) finds it closed.
			expect(await live.expire(session.id)).toBe(false);
			const phase = await opened.db
				.selectFrom('live_sessions')
				.select('phase')
				.where('id', '=', session.id)
				.executeTakeFirstOrThrow();
			expect(phase.phase).toBe('closed');
			const types = (await live.eventsAfter(session.id, 0)).map((e) => e.type);
			expect(types.filter((t) => t === 'closed')).toHaveLength(1);
			// The answer's batched count is told before 'closed' (the final count), and none after it.
			const closedAt = types.indexOf('closed');
			expect(types.slice(0, closedAt)).toContain('count');
			await new Promise((r) => setTimeout(r, COUNT_EVERY_MS * 2));
			expect((await live.eventsAfter(session.id, 0)).map((e) => e.type).slice(closedAt)).toEqual(['closed']);

			// Next question on the timer, then the server goes down before the deadline.
			await live.reveal(t1, session.id);
			await live.next(t1, session.id);
			clock += 60_000;
			// A restarted server on the same database arms the stored deadline again, with a real timer.
			const timers = deadlineTimers(() => restarted, now);
			const restarted: LiveService = liveService(opened.db, localFanout(), now, (id, d) => timers.arm(id, d));
			try {
				expect(await restarted.resumeDeadlines()).toBe(1);
				const until = Date.now() + 20_000;
				let row = { phase: 'question' };
				while (row.phase === 'question' && Date.now() < until) {
					await new Promise((r) => setTimeout(r, 50));
					row = await opened.db
						.selectFrom('live_sessions')
						.select('phase')
						.where('id', '=', session.id)
						.executeTakeFirstOrThrow();
				}
				expect(row.phase).toBe('closed');
				const last = (await restarted.eventsAfter(session.id, 0)).at(-1)!;
				expect(last).toMatchObject({ type: 'closed', data: { questionId: 'q2' } });
				await expect(
					restarted.answer(session.id, {
						id: randomUUID(),
						participantId: b,
						questionId: 'q2',
						answer: { type: 'find', point: { x: 1, y: 1 } }
					})
				).rejects.toMatchObject({ code: 'question-closed' });
			} finally {
				timers.stop();
			}
		});
	});
}
