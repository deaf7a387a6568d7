/**
 * Live quiz figures (issue 14) with real HTTP and SSE clients (Node's fetch, one connection per
 * tablet): classes of 40 students, each tablet joined and listening to the session's event stream.
 * - "next" → tablet: from the teacher's POST of "next" until each tablet's stream delivers the
 *   question event (p99, and the last of 40);
 * - POST → ack: each tablet posts its answer at once; the time until its acknowledgement;
 * - answers per second over the whole burst, and the server's resident memory (VmRSS) after it.
 * Set-up goes through the app: the demo teacher creates the classes and students with the pages'
 * own form actions and starts each session with the start form.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import type { Quiz } from '../../src/lib/domain/quiz/schema';
import { newContext } from './browser';
import type { RunningServer } from './server';
import { signInTeacher } from './teacher';

const SLUG = 'trente-jours';

export interface LiveFigures {
	classes: number;
	students: number;
	nextToTabletMs: number[];
	/** Per class: the time until its last tablet received the question. */
	lastTabletMs: number[];
	postToAckMs: number[];
	answersPerSecond: number;
	serverRssMB: number | null;
	/**
	 * Server CPU time (user + system, from /proc) spent during the answer burst, per answer: less
	 * sensitive to a loaded machine than the wall-clock figures (a before/after comparison).
	 */
	serverCpuMsPerAnswer: number | null;
}

interface Tablet {
	received: Promise<number>;
	close(): void;
}

/** Opens the SSE stream and resolves with the time the first `question` event arrives. */
async function listen(baseUrl: string, sessionId: string, after: number): Promise<Tablet> {
	const controller = new AbortController();
	const response = await fetch(`${baseUrl}/api/live/${sessionId}/events?after=${after}`, {
		signal: controller.signal
	});
	if (!response.ok || !response.body) throw new Error(`event stream: HTTP ${response.status}`);
	const reader = response.body.getReader();
	const decoder = new TextDecoder();
	const received = (async () => {
		let text = '';
		for (;;) {
			const { value, done } = await reader.read();
			if (done) throw new Error('the event stream ended before the question');
			text += decoder.decode(value, { stream: true });
			if (text.includes('\nevent: question\n')) return performance.now();
		}
	})();
	received.catch(() => {});
	return { received, close: () => controller.abort() };
}

/** User + system CPU time of a process so far, in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number | null {
	if (!pid) return null;
	try {
		// Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return null;
	}
}

function rssMB(pid: number | undefined): number | null {
	if (!pid) return null;
	try {
		const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kb ? Math.round(Number(kb) / 102.4) / 10 : null;
	} catch {
		return null;
	}
}

export async function measureLive(
	browser: Browser,
	server: RunningServer,
	classes: number,
	students: number
): Promise<LiveFigures> {
	const { baseUrl } = server;
	const quiz = JSON.parse(readFileSync(path.join(server.comicsRoot, SLUG, 'quiz.json'), 'utf8')) as Quiz;
	const first = quiz.questions[0]!;
	const answerOf = (n: number) =>
		first.type === 'single'
			? { type: 'single', choice: first.options[n % first.options.length]!.id }
			: first.type === 'true-false'
				? { type: 'true-false', value: n % 2 === 0 }
				: null;
	if (!answerOf(0)) throw new Error(`the first question of ${SLUG} is not a one-tap question`);
	const version = (await (await fetch(`${baseUrl}/api/comics/${SLUG}/version`)).json()) as {
		versionHash: string;
	};

	const context = await newContext(browser);
	const teacher = await context.newPage();
	await signInTeacher(teacher, baseUrl, server.passwordsFile);

	const sessions: Array<{ id: string; tablets: Tablet[]; participants: string[] }> = [];
	for (let c = 0; c < classes; c++) {
		await teacher.goto(`${baseUrl}/teacher`);
		await teacher.locator('input[name="name"]').fill(`Live ${c + 1}`);
		await teacher.locator('main form button[type="submit"]').last().click();
		await teacher.locator('[data-ready="class"]').waitFor();
		const classUrl = teacher.url();
		for (let i = 0; i < students; i++) {
			const r = await teacher.request.post(`${classUrl}?/addStudent`, {
				form: { displayName: `Élève ${String(i + 1).padStart(2, '0')}`, picture: 'sun', privateNote: '' },
				headers: { origin: baseUrl }
			});
			if (!r.ok()) throw new Error(`adding a student: HTTP ${r.status()}`);
		}
		const started = await teacher.request.post(`${classUrl}/live?/start`, {
			form: { versionHash: version.versionHash },
			headers: { origin: baseUrl },
			maxRedirects: 0
		});
		// A form action answers a non-browser request with JSON ({ type: 'redirect', location }).
		const location =
			started.headers()['location'] ??
			((await started.json().catch(() => ({}))) as { location?: string }).location ??
			'';
		const id = /\/teacher\/live\/([^/?]+)/.exec(location)?.[1];
		if (!id) throw new Error(`starting a session: HTTP ${started.status()} ${location}`);
		const state = (await (await fetch(`${baseUrl}/api/live/${id}/state`)).json()) as { code?: string };
		const code = state.code;
		if (!code) throw new Error('the session has no join code');
		const info = (await (await fetch(`${baseUrl}/api/live/join?code=${code}`)).json()) as {
			students: { id: string }[];
		};
		const participants: string[] = [];
		let seq = 0;
		for (const s of info.students) {
			const participantId = crypto.randomUUID();
			const joined = await fetch(`${baseUrl}/api/live/join`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ code, participantId, studentIds: [s.id], mode: 'solo' })
			});
			if (!joined.ok) throw new Error(`joining: HTTP ${joined.status}`);
			seq = ((await joined.json()) as { seq: number }).seq;
			participants.push(participantId);
		}
		const tablets = await Promise.all(participants.map(() => listen(baseUrl, id, seq)));
		sessions.push({ id, tablets, participants });
	}

	// Every class's teacher presses "next" at once.
	const nextToTabletMs: number[] = [];
	const lastTabletMs: number[] = [];
	await Promise.all(
		sessions.map(async (s) => {
			const t0 = performance.now();
			const r = await teacher.request.post(`${baseUrl}/teacher/live/${s.id}/control`, {
				data: { action: 'next' },
				headers: { origin: baseUrl }
			});
			if (!r.ok()) throw new Error(`next: HTTP ${r.status()}`);
			const times = (await Promise.all(s.tablets.map((t) => t.received))).map((t) => t - t0);
			nextToTabletMs.push(...times);
			lastTabletMs.push(Math.max(...times));
		})
	);

	// Every tablet answers at once.
	const postToAckMs: number[] = [];
	const burst = performance.now();
	const cpuBefore = cpuMs(server.pid);
	await Promise.all(
		sessions.flatMap((s) =>
			s.participants.map(async (participantId, n) => {
				const t0 = performance.now();
				const r = await fetch(`${baseUrl}/api/live/${s.id}/answers`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						id: crypto.randomUUID(),
						participantId,
						questionId: first.id,
						answer: answerOf(n)
					})
				});
				const body = (await r.json()) as { ack?: string };
				if (!r.ok || !body.ack) throw new Error(`answer: HTTP ${r.status}`);
				postToAckMs.push(performance.now() - t0);
			})
		)
	);
	const burstMs = performance.now() - burst;
	const cpuAfter = cpuMs(server.pid);
	const serverRssMB = rssMB(server.pid);
	for (const s of sessions) for (const t of s.tablets) t.close();
	await context.close();
	return {
		classes,
		students,
		nextToTabletMs,
		lastTabletMs,
		postToAckMs,
		answersPerSecond: Math.round((postToAckMs.length / burstMs) * 1000),
		serverRssMB,
		serverCpuMsPerAnswer:
			cpuBefore === null || cpuAfter === null
				? null
				: Math.round(((cpuAfter - cpuBefore) / postToAckMs.length) * 100) / 100
	};
}
