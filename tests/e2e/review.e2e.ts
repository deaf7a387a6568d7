/**
 * The review workflow end to end on the production build: an author uploads a comic, the reviewer
 * pins a comment on a bubble, the author fixes the text in a new version, the reviewer approves
 * (signs) and publishes it, and students see it in the library with a signature that verifies.
 * Also: a student (no session) reaches no author, reviewer or admin page or API.
 *
 * Accounts: the demo accounts seeded at first start (tests/e2e/support/accounts.ts).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { verifySignedVersion } from '../../src/lib/domain/signing/verify';
import { signInAs } from './support/accounts';
import { tinyPack } from './support/packs';

async function signIn(browser: Browser, role: 'author' | 'reviewer'): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signInAs(page, role);
	return page;
}

/** The author uploads the tiny comic and lands on its new version's page. */
async function uploadTiny(author: Page): Promise<void> {
	await author.goto('/author');
	await author.getByTestId('upload-form').locator('input[type="file"]').setInputFiles({
		name: 'tiny.zip',
		mimeType: 'application/zip',
		buffer: tinyPack()
	});
	await author.getByTestId('upload-form').locator('button[type="submit"]').click();
	await expect(author.getByTestId('author-version')).toBeVisible();
}

test('a student (no session) reaches no author, reviewer or admin page or API', async ({ request }) => {
	for (const url of [
		'/author',
		'/review',
		'/admin',
		`/author/${'a'.repeat(64)}`,
		`/review/${'a'.repeat(64)}`
	]) {
		const page = await request.get(url, { maxRedirects: 0, headers: { accept: 'text/html' } });
		expect(page.status(), url).toBe(303);
		expect(page.headers().location, url).toMatch(/^\/login\?/);
	}
	for (const url of [
		`/api/versions/${'a'.repeat(64)}`,
		`/api/versions/${'a'.repeat(64)}/art/page-1.webp`,
		'/api/admin/users'
	]) {
		const response = await request.get(url, { maxRedirects: 0 });
		expect(response.status(), url).toBe(401);
	}
	const upload = await request.post('/author?/upload', {
		maxRedirects: 0,
		multipart: { pack: { name: 'tiny.zip', mimeType: 'application/zip', buffer: tinyPack() } }
	});
	expect([401, 403]).toContain(upload.status());
	const decide = await request.post(`/review/${'a'.repeat(64)}?/decide`, {
		maxRedirects: 0,
		form: { action: 'approve' }
	});
	expect([401, 403]).toContain(decide.status());
});

test('the sample comics are published as demo data at first start', async ({ browser, request }) => {
	const keys = await (await request.get('/api/keys')).json();
	expect(keys.keys.length).toBeGreaterThan(0);
	const reviewer = await signIn(browser, 'reviewer');
	await reviewer.goto('/review');
	await expect(reviewer.getByTestId('review-queue')).toHaveAttribute('data-ready', 'true');
	await expect(reviewer.getByTestId('demo-badge').first()).toBeVisible();
	await reviewer.context().close();
});

test('an author deletes a draft never submitted; reviewers never see drafts', async ({ browser }) => {
	const author = await signIn(browser, 'author');
	await uploadTiny(author);
	const draft = await author.getByTestId('author-version').getAttribute('data-version');

	// A reviewer cannot open a draft, nor find it in the queue.
	const reviewer = await signIn(browser, 'reviewer');
	const refused = await reviewer.goto(`/review/${draft}`);
	expect(refused?.status()).toBe(403);
	await reviewer.goto('/review');
	await expect(reviewer.getByTestId('review-queue')).toHaveAttribute('data-ready', 'true');
	await expect(reviewer.locator(`[data-version="${draft}"]`)).toHaveCount(0);

	// The author deletes it after confirming; it is gone from their list and its page.
	author.once('dialog', (dialog) => void dialog.accept());
	await author.getByTestId('delete-version').click();
	await expect(author.getByTestId('deleted')).toBeVisible();
	await expect(author.locator(`[href="/author/${draft}"]`)).toHaveCount(0);
	expect((await author.goto(`/author/${draft}`))?.status()).toBe(404);
	await author.context().close();
	await reviewer.context().close();
});

test('author submits → reviewer comments on a bubble → author fixes → reviewer approves → students see it', async ({
	browser,
	page: student,
	request
}) => {
	// The author uploads the comic and submits it.
	const author = await signIn(browser, 'author');
	await uploadTiny(author);
	const v1 = await author.getByTestId('author-version').getAttribute('data-version');
	expect(v1).toMatch(/^[0-9a-f]{64}$/);
	await author.getByTestId('submit-version').click();
	await expect(author.getByTestId('version-state')).toHaveAttribute('data-state', 'in_review');

	// Students do not see it yet.
	await student.goto('/');
	await expect(student.locator('[data-testid="comic-card"][data-slug="tiny"]')).toHaveCount(0);

	// The reviewer pins a comment to a bubble, in Bambara, and requests changes.
	const reviewer = await signIn(browser, 'reviewer');
	await reviewer.goto('/review');
	// The queue names the comic by its title, with its languages and how long it has waited.
	const queued = reviewer.locator(`[data-testid="queue-in_review"] tr[data-version="${v1}"]`);
	await expect(queued).toContainText("Petite BD d'essai");
	await expect(queued.getByTestId('queue-languages')).toHaveText('FR, EN, BM');
	await expect(queued.getByTestId('queue-waiting')).toHaveText(/^\d+ heures?$/);
	await queued.locator('a').click();
	await expect(reviewer.getByTestId('review-version')).toHaveAttribute('data-state', 'in_review');
	await expect(reviewer.getByTestId('language-matrix')).toBeVisible();
	// Objectives come with their wording, not only their codes (and the sample codes say so).
	await expect(
		reviewer.locator('[data-objective="SMP-ECM-7-COLL-01.1"] [data-testid="objective-wording"]')
	).toContainText(/\p{L}{4,}.*code d'exemple/u);
	const form = reviewer.getByTestId('comment-form-p1-1');
	// A comment of blanks is refused, saying why in the reviewer's language (French by default).
	await form.locator('textarea[name="body"]').fill('   ');
	await form.locator('button[type="submit"]').click();
	const refusal = reviewer.locator('[data-testid="review-failure"][data-code="comment-length"]');
	await expect(refusal).toContainText('Un commentaire fait de 1 à 2000 caractères.');
	await expect(refusal).not.toContainText('a comment needs');
	await expect(reviewer.locator('[data-testid="comment"]')).toHaveCount(0);
	await form.locator('select[name="target"]').selectOption('bubble:p1-1-b1');
	await form.locator('select[name="language"]').selectOption('bm');
	await form.locator('textarea[name="body"]').fill('Écrire « I ni ce, Musa! » avec une virgule.');
	await form.locator('button[type="submit"]').click();
	await expect(
		reviewer.locator('[data-testid="comment"][data-anchor="p1-1-b1"][data-language="bm"]')
	).toBeVisible();
	// The reviewer comments on a moment of the narration: plays the clip, which stops at its end.
	const moment = reviewer.getByTestId('narration-comment-p1-1');
	await moment.getByTestId('moment-clip').selectOption('fr|p1-1-b1');
	await moment.getByTestId('moment-play').click();
	await expect(moment.getByTestId('moment-at')).toContainText(/à \d\.\d\d s/);
	await expect(moment.getByTestId('moment-play')).toBeEnabled();
	const atSec = Number(await moment.locator('input[name="atSec"]').inputValue());
	expect(atSec).toBeGreaterThanOrEqual(0.25);
	expect(atSec).toBeLessThanOrEqual(1.005);
	await moment.getByTestId('moment-body').fill('Ici la voix hésite.');
	await moment.getByTestId('moment-submit').click();
	const onNarration = reviewer.locator('[data-testid="comment"][data-anchor="p1-1-b1"][data-language="fr"]');
	await expect(onNarration).toContainText('Ici la voix hésite.');
	await expect(onNarration).toContainText(`${atSec} s`);

	await reviewer.getByTestId('decide-request_changes').click();
	await expect(reviewer.getByTestId('review-version')).toHaveAttribute('data-state', 'changes_requested');

	// The author sees the comment in place, fixes the text as a new version and submits it.
	await author.reload();
	await expect(author.getByTestId('version-state')).toHaveAttribute('data-state', 'changes_requested');
	await expect(
		author.locator(
			'[data-testid="bubble"][data-bubble="p1-1-b1"] [data-testid="comment"][data-language="bm"]'
		)
	).toContainText('virgule');
	await author.getByTestId('edit-p1-1-b1-bm').fill('I ni ce, Musa!');
	await author.getByTestId('save-new-version').click();
	await expect(author.getByTestId('author-version')).not.toHaveAttribute('data-version', v1!);
	const v2 = await author.getByTestId('author-version').getAttribute('data-version');
	// The comments carry over to the new version, open; the author marks the fixed one resolved.
	const carried = author.locator('[data-testid="comment"][data-anchor="p1-1-b1"][data-language="bm"]');
	await expect(carried).toHaveAttribute('data-carried', 'true');
	await expect(carried).toHaveAttribute('data-resolved', 'false');
	await carried.getByTestId('comment-resolve').click();
	await expect(carried).toHaveAttribute('data-resolved', 'true');
	await expect(carried.getByTestId('comment-status')).toContainText('résolu par');
	await author.getByTestId('submit-version').click();
	await expect(author.getByTestId('version-state')).toHaveAttribute('data-state', 'in_review');

	// The reviewer sees what changed since the version they reviewed, fills the rubric, approves and publishes.
	await reviewer.goto(`/review/${v2}`);
	await expect(reviewer.locator('[data-change="bubble:p1-1-b1"]')).toContainText('I ni ce, Musa!');
	// The reviewer sees the resolved comment, and the narration one still open, on the new version.
	await expect(
		reviewer.locator('[data-testid="comment"][data-anchor="p1-1-b1"][data-language="bm"]')
	).toHaveAttribute('data-resolved', 'true');
	await expect(
		reviewer.locator('[data-testid="comment"][data-anchor="p1-1-b1"][data-language="fr"]')
	).toHaveAttribute('data-carried', 'true');
	// The whole rubric is one form, saved once.
	const rows = reviewer.locator('[data-testid="rubric"] tr');
	const count = await rows.count();
	// Four criteria and language quality for each of the three languages (fr, en, bm).
	expect(count).toBe(7);
	for (let i = 0; i < count; i++) await rows.nth(i).locator('select').selectOption('meets');
	await reviewer.getByTestId('rubric-save').click();
	for (let i = 0; i < count; i++) await expect(rows.nth(i)).toHaveAttribute('data-rating', 'meets');
	await expect(reviewer.getByTestId('ready')).toBeVisible();
	await reviewer.getByTestId('decide-approve').click();
	await expect(reviewer.getByTestId('review-version')).toHaveAttribute('data-state', 'approved');
	await expect(reviewer.getByTestId('signature')).toBeVisible();
	await reviewer.getByTestId('decide-publish').click();
	await expect(reviewer.getByTestId('review-version')).toHaveAttribute('data-state', 'published');

	// The reviewer and the author export the version as a Readium Web Publication (Divina + one
	// Guided Navigation document per language), from their version pages.
	for (const [who, url] of [
		[reviewer, `/review/${v2}`],
		[author, `/author/${v2}`]
	] as const) {
		await who.goto(url);
		const [download] = await Promise.all([
			who.waitForEvent('download'),
			who.getByTestId('export-readium').click()
		]);
		const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
		const publication = JSON.parse(new TextDecoder().decode(files['manifest.json']));
		expect(publication.metadata.conformsTo).toBe('https://readium.org/webpub-manifest/profiles/divina');
		expect(publication.readingOrder).toHaveLength(1);
		expect(Object.keys(files)).toEqual(
			expect.arrayContaining(['guided.json', 'guided-en.json', 'guided-bm.json'])
		);
		const guidedBm = new TextDecoder().decode(files['guided-bm.json']);
		expect(guidedBm).toContain('I ni ce, Musa!');
	}

	// Students see it in the library, with the fixed text and a signature that verifies offline.
	await student.goto('/');
	await expect(student.locator('[data-testid="comic-card"][data-slug="tiny"]')).toBeVisible();
	const manifest = await (await request.get('/api/comics/tiny')).json();
	expect(manifest.pages[0].panels[0].bubbles[0].text.bm).toBe('I ni ce, Musa!');
	const signed = await (await request.get('/api/comics/tiny/version')).json();
	expect(signed.versionHash).toBe(v2);
	const { keys } = await (await request.get('/api/keys')).json();
	const files = new Map<string, Uint8Array>();
	for (const asset of Object.keys(signed.document.assets)) {
		const response = await request.get(`/comics/tiny/${asset}`);
		expect(response.status(), asset).toBe(200);
		files.set(asset, new Uint8Array(await response.body()));
	}
	const verdict = verifySignedVersion({ document: signed.document, approval: signed.approval, files }, keys);
	expect(verdict).toMatchObject({ ok: true, versionHash: v2, comicId: 'tiny' });
	files.set('art/page-1.webp', new Uint8Array([1, 2, 3]));
	expect(
		verifySignedVersion({ document: signed.document, approval: signed.approval, files }, keys)
	).toMatchObject({
		ok: false,
		problem: 'asset-altered'
	});
	await author.context().close();
	await reviewer.context().close();
});
