/**
 * Classroom figures (issue 13): the class report of 40 students × 30 attempts (server time of the
 * report page, and its JavaScript), and the sync of 1,000 results queued on one tablet (time,
 * requests, bytes) through the real outbox and its "Envoyer mes résultats" button.
 *
 * Set-up through the app itself: the demo teacher signs in, creates a class and its 40 students;
 * 200 results go straight to the upload endpoint, then a tablet joins the class and 1,000 results
 * are written into its IndexedDB outbox (the shape outbox.ts stores) while uploads are held back,
 * then released and sent with the button.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import type { Quiz } from '../../src/lib/domain/quiz/schema';
import { newContext } from './browser';
import { measurePageJs, type PageJs } from './js-transfer';
import type { RunningServer } from './server';
import { signInTeacher } from './teacher';

export const STUDENTS = 40;
export const ATTEMPTS_PER_STUDENT = 30;
export const QUEUED = 1000;
const SLUG = 'trente-jours';
const REPORT_RUNS = 7;

export interface ClassroomFigures {
	reportServerMs: number[];
	reportJs: PageJs;
	reportStudents: number;
	sync: { results: number; ms: number; requests: number; requestBytes: number; responseBytes: number };
}

function submission(classId: string, studentId: string, n: number, quiz: Quiz, versionHash: string) {
	const hex = n.toString(16).padStart(12, '0');
	const answers = quiz.questions.flatMap((q, i) => {
		if (q.type === 'single')
			return [
				{ question: q.id, answer: { type: 'single', choice: q.options[(n + i) % q.options.length]!.id } }
			];
		if (q.type === 'true-false')
			return [{ question: q.id, answer: { type: 'true-false', value: (n + i) % 3 !== 0 } }];
		if (q.type === 'multiple')
			return [
				{
					question: q.id,
					answer: { type: 'multiple', choices: q.options.slice(0, 1 + (n % 2)).map((o) => o.id) }
				}
			];
		return [];
	});
	return {
		id: `bbbbbbbb-0000-4000-8000-${hex}`,
		classId,
		studentId,
		kind: 'quiz',
		comic: SLUG,
		versionHash,
		language: 'fr',
		// Ten weeks of a term, so the report has its progress over time.
		finishedAt: new Date(Date.UTC(2026, 9, 5) + (n % 70) * 86_400_000 + n * 1000).toISOString(),
		answers
	};
}

export async function measureClassroom(browser: Browser, server: RunningServer): Promise<ClassroomFigures> {
	const { baseUrl } = server;
	const quiz = JSON.parse(readFileSync(path.join(server.comicsRoot, SLUG, 'quiz.json'), 'utf8')) as Quiz;
	const version = (await (await fetch(`${baseUrl}/api/comics/${SLUG}/version`)).json()) as {
		versionHash: string;
	};

	// The teacher, their class and 40 students.
	const teacherContext = await newContext(browser);
	const teacher = await teacherContext.newPage();
	await signInTeacher(teacher, baseUrl, server.passwordsFile);
	await teacher.locator('input[name="name"]').fill('Bench 9e A');
	await teacher.locator('main form button[type="submit"]').last().click();
	await teacher.locator('[data-ready="class"]').waitFor();
	const classUrl = teacher.url();
	const code = (await teacher.getByTestId('join-code').textContent())!.trim();
	for (let i = 0; i < STUDENTS; i++) {
		const response = await teacher.request.post(`${classUrl}?/addStudent`, {
			form: { displayName: `Élève ${String(i + 1).padStart(2, '0')}`, picture: 'sun', privateNote: '' },
			headers: { origin: baseUrl }
		});
		if (!response.ok()) throw new Error(`adding a student: HTTP ${response.status()}`);
	}
	const info = (await (await fetch(`${baseUrl}/api/classroom/join?code=${code}`)).json()) as {
		class: { id: string };
		students: { id: string }[];
	};
	if (info.students.length !== STUDENTS) throw new Error(`the roster has ${info.students.length} students`);
	const all = Array.from({ length: STUDENTS * ATTEMPTS_PER_STUDENT }, (_, n) =>
		submission(info.class.id, info.students[n % STUDENTS]!.id, n, quiz, version.versionHash)
	);
	const direct = all.slice(0, all.length - QUEUED);
	for (let i = 0; i < direct.length; i += 100) {
		const response = await fetch(`${baseUrl}/api/classroom/results`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ code, results: direct.slice(i, i + 100) })
		});
		if (!response.ok) throw new Error(`direct upload: HTTP ${response.status}`);
	}

	// One tablet with 1,000 results queued, uploads held back while they are written.
	const tabletContext = await newContext(browser);
	const tablet = await tabletContext.newPage();
	await tablet.route('**/api/classroom/results', (route) => route.abort('connectionrefused'));
	await tablet.goto(`${baseUrl}/join?code=${code}`);
	await tablet.locator('button[data-student]').first().click();
	await tablet.locator('button[data-joined="yes"]').first().waitFor();
	const queued = all.slice(all.length - QUEUED).map((s) => ({
		id: s.id,
		profileId: 'bench',
		classCode: code,
		submission: s,
		localScore: null,
		state: 'waiting',
		reason: null,
		createdAt: s.finishedAt,
		sentAt: null
	}));
	await tablet.evaluate(async (entries) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('kalanso-packs');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction('outbox', 'readwrite');
			for (const e of entries) tx.objectStore('outbox').put(e);
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	}, queued);
	await tablet.goto(`${baseUrl}/`);
	await tablet
		.locator(`[data-testid="outbox-status"][data-waiting="${QUEUED}"]`)
		.waitFor({ timeout: 60_000 });
	await tablet.unroute('**/api/classroom/results');
	const sent: { requestBytes: number; response: Promise<number> }[] = [];
	tablet.on('request', (request) => {
		if (request.method() === 'POST' && request.url().endsWith('/api/classroom/results')) {
			sent.push({
				requestBytes: Buffer.byteLength(request.postData() ?? ''),
				response: request.response().then(async (r) => (r ? (await r.body()).length : 0))
			});
		}
	});
	const started = performance.now();
	await tablet.getByTestId('send-results').click();
	await tablet.locator('[data-testid="outbox-status"][data-waiting="0"]').waitFor({ timeout: 120_000 });
	const ms = performance.now() - started;
	const responseBytes = (await Promise.all(sent.map((s) => s.response))).reduce((a, b) => a + b, 0);
	await tabletContext.close();

	// The report: server time of the whole page (HTML rendered with its data), then its JavaScript.
	const cookies = await teacherContext.cookies();
	const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
	const reportUrl = `${classUrl}/report`;
	const reportServerMs: number[] = [];
	let reportStudents = 0;
	for (let i = 0; i < REPORT_RUNS + 1; i++) {
		const t0 = performance.now();
		const response = await fetch(reportUrl, { headers: { cookie: cookieHeader, accept: 'text/html' } });
		const html = await response.text();
		const elapsed = performance.now() - t0;
		if (!response.ok) throw new Error(`report: HTTP ${response.status}`);
		// The first run warms the process's caches (catalog, quiz files): not counted.
		if (i > 0) reportServerMs.push(elapsed);
		reportStudents = (html.match(/<tr data-student=/g) ?? []).length;
	}
	const reportJs = await measurePageJs(
		browser,
		reportUrl,
		async (page) => {
			await page.locator('[data-ready="report"]').waitFor();
		},
		cookies
	);
	await teacherContext.close();
	return {
		reportServerMs,
		reportJs,
		reportStudents,
		sync: {
			results: QUEUED,
			ms,
			requests: sent.length,
			requestBytes: sent.reduce((a, s) => a + s.requestBytes, 0),
			responseBytes
		}
	};
}
