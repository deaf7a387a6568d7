/**
 * School-server sync (issue 19) between two real Kalanso servers: national on PostgreSQL, school on
 * SQLite, with a TCP proxy between them that the test cuts, tampers with and restores.
 *
 * - A tampered pack is refused by the signature check (nothing shows in the school library, the
 *   reason is the school's last sync error); with the link honest again the comics install.
 * - A download cut in the middle of a file resumes with a Range request, and the comic then shows in
 *   the school's library with its approval verified.
 * - A result batch whose acknowledgement is lost on a cut link is sent again; the national database
 *   holds it once, with counts per class and objective and no student name or id.
 * - A national reviewer reads those results on /national, per school, comic, objective and week,
 *   in French and English, with no student's name; an admin is refused the page.
 * - A version withdrawn nationally leaves the school library at the next sync.
 *
 * The sync runs with `npm run sync:school`'s script against the school's data folder (the server
 * keeps running). No browser: HTTP and the two databases only.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { expect, test } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { CuttableProxy } from './support/cuttable-proxy';
import { changePassword, submitLogin } from './support/accounts';

const base = Number(process.env.E2E_PORT ?? 4173);
const [nationalPort, schoolPort, proxyPort] = [base + 81, base + 82, base + 83];
const PG_URL = process.env.KALANSO_TEST_PG_URL;
const comics = path.resolve('comics');

test.describe.configure({ mode: 'serial', timeout: 600_000 });
test.skip(
	!PG_URL,
	'needs PostgreSQL: set KALANSO_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test)'
);

let national: FixtureServer;
let school: FixtureServer;
let proxy: CuttableProxy;
let schema: string;
let nationalUrl: string;
let schoolEnv: Record<string, string>;

/** Runs a command of the project with `env`, returning its exit code and output. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
	return new Promise((resolve) => {
		const child = spawn('npx', ['tsx', ...args], { env: { ...process.env, ...env } });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('exit', (code) => resolve({ code: code ?? -1, out }));
	});
}

const syncSchool = () => run(['src/cli/sync-school.ts'], schoolEnv);

async function nationalQuery<T extends pg.QueryResultRow>(
	text: string,
	values: unknown[] = []
): Promise<T[]> {
	const client = new pg.Client({ connectionString: nationalUrl });
	await client.connect();
	try {
		return (await client.query<T>(text, values)).rows;
	} finally {
		await client.end();
	}
}

function schoolDb() {
	return new Database(path.join(school.dataDir, 'kalanso.db'));
}

async function schoolShows(slug: string): Promise<number> {
	return (await fetch(`${school.baseURL}/api/comics/${slug}`)).status;
}

test.beforeAll(async () => {
	// Two first starts (password hashing, seeding on PostgreSQL) on a busy machine.
	test.setTimeout(600_000);
	schema = `kalanso_sync_${randomBytes(4).toString('hex')}`;
	const admin = new pg.Client({ connectionString: PG_URL });
	await admin.connect();
	await admin.query(`create schema ${schema}`);
	await admin.end();
	nationalUrl = `${PG_URL}${PG_URL!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
	// National: the bundled samples, approved and published at first start (demo data).
	national = await startFixtureServer({ port: nationalPort, comics, env: { DATABASE_URL: nationalUrl } });
	const keys = (await (await fetch(`${national.baseURL}/api/keys`)).json()) as {
		signingKeyId: string;
		keys: Array<{ id: string; publicKey: string }>;
	};
	const nationalKey = keys.keys.find((k) => k.id === keys.signingKeyId)!.publicKey;
	const issued = await run(['src/cli/sync-credential.ts', 'ecole-sikoro', 'École de Sikoro'], {
		DATABASE_URL: nationalUrl,
		KALANSO_DATA: national.dataDir,
		KALANSO_QUIET: '1'
	});
	expect(issued.code, issued.out).toBe(0);
	const credential = issued.out.match(/^ecole-sikoro\.\S+$/m)![0];

	proxy = new CuttableProxy(proxyPort, { host: '127.0.0.1', port: nationalPort });
	await proxy.listen();
	schoolEnv = {
		KALANSO_NATIONAL_URL: `http://127.0.0.1:${proxyPort}`,
		KALANSO_SCHOOL_CREDENTIAL: credential,
		KALANSO_TRUSTED_KEYS: nationalKey,
		KALANSO_SYNC_INTERVAL_MINUTES: '0',
		KALANSO_SYNC_RETRY_MS: '300',
		KALANSO_QUIET: '1',
		DATABASE_URL: ''
	};
	// School: no comic of its own (KALANSO_DEMO=0); the comics folder gives languages and curriculum.
	school = await startFixtureServer({
		port: schoolPort,
		comics,
		env: { ...schoolEnv, KALANSO_DEMO: '0' }
	});
	schoolEnv.KALANSO_DATA = school.dataDir;
	schoolEnv.KALANSO_COMICS = comics;
});

test.afterAll(async () => {
	await school?.kill();
	await national?.kill();
	await proxy?.close();
	if (PG_URL && schema) {
		const { dropPgSchema } = await import('../../src/lib/server/db/connection');
		await dropPgSchema(PG_URL, schema);
	}
	for (const s of [school, national]) if (s) rmSync(s.dataDir, { recursive: true, force: true });
});

test('a tampered pack is refused by the signature check; nothing is installed', async () => {
	expect(await schoolShows('trente-jours')).toBe(404);
	proxy.tamper = /\/api\/sync\/versions\/[0-9a-f]{64}\/files\/[0-9a-f]{64}$/;
	const result = await syncSchool();
	proxy.tamper = null;
	expect(result.code, result.out).toBe(1);
	expect(result.out).toMatch(/do not match the approval: .*\(altered\)/);
	for (const slug of ['awa-et-le-cgs', 'le-robinet-de-sikoro', 'trente-jours']) {
		expect(await schoolShows(slug)).toBe(404);
	}
	const db = schoolDb();
	try {
		const state = db.prepare('select cursor, last_error, last_success_at from sync_state').get() as {
			cursor: string | null;
			last_error: string;
			last_success_at: string | null;
		};
		expect(state.last_error).toMatch(/^verify: comic ".*" refused: files of comic/);
		expect(state.cursor).toBeNull();
		expect(state.last_success_at).toBeNull();
		expect(
			db.prepare("select count(*) as n from review_versions where author_id = 'kalanso-national-sync'").get()
		).toEqual({ n: 0 });
	} finally {
		db.close();
	}
});

test('a download cut mid-file resumes with Range, and the comics show in the school library', async () => {
	proxy.requests.length = 0;
	// Cut inside the first asset larger than 30 KB (a page), and keep the line down 1.5 s.
	proxy.cutDuring(/\/files\/[0-9a-f]{64}$/, 30_000, 1500);
	const result = await syncSchool();
	expect(result.code, result.out).toBe(0);
	expect(proxy.fired).toBe(1);
	expect(result.out).toContain('3 comics installed');
	// The retry asked for the rest of the file only.
	expect(proxy.requests.some((r) => /\/files\/[0-9a-f]{64} range=bytes=[1-9]\d*-$/.test(r))).toBe(true);

	for (const slug of ['awa-et-le-cgs', 'le-robinet-de-sikoro', 'trente-jours']) {
		const response = await fetch(`${school.baseURL}/api/comics/${slug}`);
		expect(response.status).toBe(200);
		// Verified against the national key the school trusts (publishedComic checks the approval).
		const nationalKeyId = (await (await fetch(`${national.baseURL}/api/keys`)).json()).signingKeyId;
		expect(response.headers.get('x-kalanso-key-id')).toBe(nationalKeyId);
	}
	const library = await (await fetch(`${school.baseURL}/`)).text();
	expect(library).toContain('Trente jours');
	expect(library).toContain('Le robinet de Sikoro');

	const db = schoolDb();
	try {
		const state = db.prepare('select cursor, last_error, last_success_at from sync_state').get() as {
			cursor: string | null;
			last_error: string | null;
			last_success_at: string | null;
		};
		expect(state.cursor).not.toBeNull();
		expect(state.last_error).toBeNull();
		expect(state.last_success_at).not.toBeNull();
	} finally {
		db.close();
	}

	// Nothing new: a second run fetches no file.
	proxy.requests.length = 0;
	const again = await syncSchool();
	expect(again.code, again.out).toBe(0);
	expect(again.out).toContain('0 comics installed');
	expect(proxy.requests.filter((r) => r.includes('/files/'))).toEqual([]);
});

test('results go up aggregated, once, across a lost acknowledgement', async () => {
	const at = '2026-12-02T09:00:00.000Z';
	const db = schoolDb();
	try {
		db.prepare(
			`insert into users (id, username, display_name, role, password_hash, must_change_password, disabled, demo, created_at, updated_at)
			 values ('t1', 'teacher-sikoro', 'M. Traoré', 'teacher', 'x', 0, 0, 0, ?, ?)`
		).run(at, at);
		db.prepare(
			`insert into classroom_classes (id, teacher_id, name, grade, school_year, join_code, created_at, updated_at)
			 values ('class-7a', 't1', '7e A', '7e', '2026-2027', 'JOIN7A', ?, ?)`
		).run(at, at);
		const student = db.prepare(
			`insert into classroom_students (id, class_id, display_name, picture, private_note, created_at, removed_at)
			 values (?, 'class-7a', ?, 'star', null, ?, null)`
		);
		student.run('stu-aminata', 'Aminata', at);
		student.run('stu-moussa', 'Moussa', at);
		const result = db.prepare(
			`insert into classroom_results (id, class_id, student_id, kind, comic, version_hash, language, score, finished_at, received_at, source)
			 values (?, 'class-7a', ?, 'quiz', 'trente-jours', ?, 'fr', ?, ?, ?, 'outbox')`
		);
		const answer = db.prepare(
			`insert into classroom_answers (result_id, question_id, class_id, objectives, credit, choice, answer)
			 values (?, ?, 'class-7a', ?, ?, null, '{}')`
		);
		const hash = 'a'.repeat(64);
		result.run('res-1', 'stu-aminata', hash, 1, at, at);
		answer.run('res-1', 'q1', JSON.stringify(['SMP-ECM-7-COLL-04.1']), 1);
		answer.run('res-1', 'q2', JSON.stringify(['SMP-ECM-7-COLL-04.1', 'SMP-ECM-7-COLL-04.2']), 0.5);
		result.run('res-2', 'stu-moussa', hash, 0, at, at);
		answer.run('res-2', 'q1', JSON.stringify(['SMP-ECM-7-COLL-04.1']), 0);
	} finally {
		db.close();
	}

	proxy.requests.length = 0;
	// The national server stores the batch, but its answer never reaches the school.
	proxy.dropResponse(/^\/api\/sync\/results$/, 1500);
	const result = await syncSchool();
	expect(result.code, result.out).toBe(0);
	expect(result.out).toContain('1 result batches sent');
	expect(proxy.requests.filter((r) => r === 'POST /api/sync/results').length).toBe(2);

	const batches = await nationalQuery<{ school_id: string; row_count: number }>(
		'select school_id, row_count from sync_batches'
	);
	expect(batches).toEqual([{ school_id: 'ecole-sikoro', row_count: 2 }]);
	const rows = await nationalQuery<{
		objective: string;
		attempts: number;
		correct: number;
		week: string;
		grade: string;
	}>('select objective, attempts, correct, week, grade from sync_aggregates order by objective');
	expect(rows).toEqual([
		{ objective: 'SMP-ECM-7-COLL-04.1', attempts: 3, correct: 1.5, week: '2026-11-30', grade: '7e' },
		{ objective: 'SMP-ECM-7-COLL-04.2', attempts: 1, correct: 0.5, week: '2026-11-30', grade: '7e' }
	]);
	// Nothing that names or identifies a student, or the school's own class id, went up.
	const everything = JSON.stringify(await nationalQuery('select * from sync_aggregates'));
	for (const secret of ['Aminata', 'Moussa', 'stu-', 'class-7a', '7e A', 'res-1']) {
		expect(everything).not.toContain(secret);
	}

	// Marked sent only now; a further run sends nothing and the national count does not move.
	const again = await syncSchool();
	expect(again.code, again.out).toBe(0);
	expect(again.out).toContain('0 result batches sent');
	expect(await nationalQuery('select batch_id from sync_batches')).toHaveLength(1);
});

test('a national reviewer reads the pushed results per school, comic, objective and week', async ({
	page,
	context
}) => {
	/** Signs in on the national server (replacing a one-time password if asked). */
	const signIn = async (role: 'reviewer' | 'admin') => {
		const { username, password } = national.account(role);
		await page.goto(`${national.baseURL}/login`);
		await submitLogin(page, username, password);
		await expect(page.locator('[data-signed-in="yes"]')).toBeVisible();
		if (new URL(page.url()).pathname === '/password') {
			await changePassword(page, password, `${password}-e2e-own`);
			await expect(page).not.toHaveURL(/\/password/);
		}
	};
	await signIn('reviewer');
	await page.goto(`${national.baseURL}/review`);
	await page.getByTestId('national-report-link').click();
	await expect(page.locator('[data-ready="national-report"]')).toBeVisible();
	const rows = page.getByTestId('national-report').locator('tbody tr');
	await expect(page.getByTestId('report-count')).toHaveText('2 lignes');
	const civil = page.locator('tr[data-objective="SMP-ECM-7-COLL-04.1"]');
	await expect(civil).toHaveAttribute('data-school', 'ecole-sikoro');
	await expect(civil).toHaveAttribute('data-comic', 'trente-jours');
	await expect(civil).toHaveAttribute('data-week', '2026-11-30');
	await expect(civil).toContainText('École de Sikoro');
	await expect(civil).toContainText('semaine du 30 nov. 2026');
	// Each objective's title from the curriculum, with its code.
	await expect(civil.locator('[data-field="objective"]')).toHaveText(
		'SMP-ECM-7-COLL-04.1 Expliquer pourquoi et dans quel délai (30 jours) déclarer une naissance'
	);
	// Two students of one class: 3 answers, 1.5 credit.
	await expect(civil.locator('[data-field="classes"]')).toHaveText('1');
	await expect(civil.locator('[data-field="attempts"]')).toHaveText('3');
	await expect(civil.locator('[data-field="success"]')).toHaveText(/^50\s?%$/);
	const services = page.locator('tr[data-objective="SMP-ECM-7-COLL-04.2"]');
	await expect(services.locator('[data-field="attempts"]')).toHaveText('1');
	await expect(services.locator('[data-field="success"]')).toHaveText(/^50\s?%$/);
	const html = await page.content();
	for (const secret of ['Aminata', 'Moussa', '7e A', 'class-7a']) expect(html).not.toContain(secret);

	// Filtered by objective, in the URL.
	await page.getByLabel('Objectif').fill('SMP-ECM-7-COLL-04.2');
	await page.getByRole('button', { name: 'Filtrer' }).click();
	await expect(page).toHaveURL(/objective=SMP-ECM-7-COLL-04.2/);
	await expect(rows).toHaveCount(1);
	await page.goto(`${national.baseURL}/national?school=another-school`);
	await expect(page.getByTestId('report-empty')).toHaveText('Aucun résultat ne correspond à ces filtres.');

	// In English.
	await context.addCookies([{ name: 'kalanso-lang', value: 'en', url: national.baseURL }]);
	await page.goto(`${national.baseURL}/national`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('National results');
	await expect(page.getByTestId('report-count')).toHaveText('2 rows');
	const civilEn = page.locator('tr[data-objective="SMP-ECM-7-COLL-04.1"]');
	await expect(civilEn).toContainText('week of Nov 30, 2026');
	await expect(civilEn.locator('[data-field="objective"]')).toHaveText(
		'SMP-ECM-7-COLL-04.1 Explain why and within what time (30 days) a birth must be declared'
	);
	await expect(
		page.locator('tr[data-objective="SMP-ECM-7-COLL-04.2"] [data-field="objective"]')
	).toContainText('Describe the path of a birth declaration');

	// An admin runs the server, not the results: refused.
	await context.clearCookies();
	await signIn('admin');
	await page.goto(`${national.baseURL}/national`);
	await expect(page).toHaveURL(/\/login\?reason=forbidden/);
});

test('the national server refuses bad requests with a status and a reason', async () => {
	const url = `${national.baseURL}/api/sync/versions`;
	const anonymous = await fetch(url);
	expect(anonymous.status).toBe(401);
	expect((await anonymous.json()).reason).toContain('school credential');
	const wrong = await fetch(url, { headers: { authorization: `Bearer ecole-sikoro.${'x'.repeat(43)}` } });
	expect(wrong.status).toBe(401);
	const auth = { authorization: `Bearer ${schoolEnv.KALANSO_SCHOOL_CREDENTIAL}` };
	const badCursor = await fetch(`${url}?since=nonsense`, { headers: auth });
	expect(badCursor.status).toBe(400);
	expect((await badCursor.json()).error).toBe('bad-cursor');
	const badBatch = await fetch(`${national.baseURL}/api/sync/results`, {
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: JSON.stringify({ batchId: 'b'.repeat(64), rows: [{ classRef: 'c', studentName: 'Aminata' }] })
	});
	expect(badBatch.status).toBe(400);
	expect((await badBatch.json()).reason).toMatch(/^result batch refused: rows\.0/);
	expect(await nationalQuery('select * from sync_batches where batch_id = $1', ['b'.repeat(64)])).toEqual([]);
});

test('a version withdrawn nationally leaves the school library at the next sync', async () => {
	const withdrawn = await run(['tests/e2e/support/withdraw-version.ts', 'trente-jours'], {
		DATABASE_URL: nationalUrl,
		KALANSO_DATA: national.dataDir,
		KALANSO_QUIET: '1'
	});
	expect(withdrawn.code, withdrawn.out).toBe(0);
	const versionHash = withdrawn.out.match(/^[0-9a-f]{64}$/m)![0];
	expect(await schoolShows('trente-jours')).toBe(200);

	const result = await syncSchool();
	expect(result.code, result.out).toBe(0);
	expect(result.out).toContain('1 withdrawn');
	expect(await schoolShows('trente-jours')).toBe(404);
	expect(await schoolShows('le-robinet-de-sikoro')).toBe(200);
	expect(await (await fetch(`${school.baseURL}/`)).text()).not.toContain('Trente jours');
	// The school's own signed list now names it: its tablets delete it at their next contact.
	const list = (await (await fetch(`${school.baseURL}/api/withdrawals`)).json()) as {
		list: { versions: Array<{ versionHash: string }> };
	};
	expect(list.list.versions.map((v) => v.versionHash)).toContain(versionHash);
});

test('the school admin sees the sync state and syncs on demand', async ({ page }) => {
	const { username, password } = school.account('admin');
	await page.goto(`${school.baseURL}/login`);
	await submitLogin(page, username, password);
	await expect(page.locator('[data-signed-in="yes"]')).toBeVisible();
	if (new URL(page.url()).pathname === '/password') {
		await changePassword(page, password, `${password}-e2e-own`);
		await expect(page).not.toHaveURL(/\/password/);
	}
	await page.goto(`${school.baseURL}/admin/sync`);
	await expect(page.locator('[data-ready="admin-sync"]')).toBeVisible();
	const status = page.getByTestId('sync-status');
	await expect(status.locator('[data-field="last-error"]')).toHaveText('aucune');
	await expect(status.locator('[data-field="last-success"]')).toHaveText(/^\d{4}-\d{2}-\d{2}T/);
	await expect(status.locator('[data-field="totals"]')).toContainText('3 BD installées, 1 retirées');
	// No key withdrawn nationally so far; one remembered by a sync (school-sync-keys.test.ts holds the
	// sync itself) is listed with its dates.
	await expect(page.getByTestId('sync-withdrawn-keys-none')).toHaveText(
		'Aucune clé retirée par la liste nationale.'
	);
	const db = schoolDb();
	try {
		db.prepare(
			`insert into sync_withdrawn_keys (key_id, public_key, withdrawn_at, reason, received_at)
			 values ('0123456789abcdef', ?, '2026-12-01T08:00:00.000Z', 'key-compromised', '2026-12-06T10:00:00.000Z')`
		).run('ab'.repeat(32));
	} finally {
		db.close();
	}
	await page.reload();
	const key = page.getByTestId('sync-withdrawn-keys').locator('tr[data-key-id="0123456789abcdef"]');
	await expect(key).toContainText('2026-12-01T08:00:00.000Z');
	await expect(key).toContainText('2026-12-06T10:00:00.000Z');
	const before = await status.locator('[data-field="last-success"]').textContent();

	// The national server unreachable: the button's run fails and says why; nothing is lost.
	proxy.cutDuring(/^\/api\/sync\/withdrawals$/, 0, 60_000);
	await page.getByTestId('sync-now').click();
	await expect(page.locator('p.error[role="alert"]')).toContainText("La synchronisation n'a pas abouti", {
		timeout: 60_000
	});
	await expect(status.locator('[data-field="last-error"]')).toContainText('withdrawals');
	await expect(status.locator('[data-field="last-success"]')).toHaveText(before!);
});
