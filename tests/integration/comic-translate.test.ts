/**
 * Comic texts translated by translators (issue 17) on real databases: a translator derives a draft
 * of their own from a published version, writes a Bambara text in the studio, is refused a change
 * to the French reference or to geometry and marking their own text reviewed, submits; a reviewer
 * sees what changed and approves. The author keeps full rights on their own versions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rubricCriteria } from '../../src/lib/domain/review/rubric';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import { contentChecks } from '../../src/lib/server/content/checks';
import { loadLanguages } from '../../src/lib/server/content/comic-folder';
import { ephemeralSigner } from '../../src/lib/server/review/keys';
import { kyselyReviewRepositories } from '../../src/lib/server/review/kysely-repositories';
import { ReviewError, ReviewService, type ReviewUser } from '../../src/lib/server/review/service';
import { SUITE_USERS } from '../../src/lib/server/review/services.suite';
import { BlobStore } from '../../src/lib/server/store/blobs';
import { prepareFromFolder } from '../../src/lib/server/store/prepare';
import { VersionStore } from '../../src/lib/server/store/versions';
import { applyStudioEdit, parseStudioEdit, type StudioEdit } from '../../src/lib/server/studio/text/edit';
import { engines, insertUsers } from './support/databases';

const FIXTURES = path.resolve('tests/fixtures/comics');
const dirs: string[] = [];
afterAll(async () => {
	await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const translator = {
	id: '00000000-0000-4000-8000-000000000010',
	role: 'translator',
	name: 'Kadi Traductrice'
} as const;
const translator2 = {
	id: '00000000-0000-4000-8000-000000000011',
	role: 'translator',
	name: 'Oumar Traducteur'
} as const;
const { author, reviewer } = SUITE_USERS;

/** The edit the studio would send for `manifest` unchanged. */
function editOf(manifest: Manifest): StudioEdit {
	return parseStudioEdit(
		JSON.stringify({
			pages: manifest.pages.map((page) => ({
				id: page.id,
				panels: page.panels.map((panel) => ({
					id: panel.id,
					region: panel.region,
					description: panel.description,
					bubbles: panel.bubbles.map((b) => ({ ...b, tail: b.tail ?? null }))
				}))
			}))
		})
	);
}

async function refusal(promise: Promise<unknown>): Promise<ReviewError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ReviewError);
	return error as ReviewError;
}

for (const engine of engines) {
	describe.skipIf(!engine.available)(`comic texts translated on ${engine.title}`, () => {
		async function setUp() {
			const open = await engine.open();
			await insertUsers(
				open.db,
				[...Object.entries(SUITE_USERS), ['kadi', translator] as const, ['oumar', translator2] as const].map(
					([username, u]) => ({ ...u, username })
				)
			);
			const dir = await mkdtemp(path.join(tmpdir(), 'kalanso-translate-'));
			dirs.push(dir);
			const repos = kyselyReviewRepositories(open.db);
			const signer = ephemeralSigner();
			const service = new ReviewService({
				repos,
				store: new VersionStore(new BlobStore(path.join(dir, 'blobs'))),
				signer,
				trusted: [signer.key],
				validation: async () => ({
					languages: await loadLanguages(FIXTURES),
					checks: await contentChecks(FIXTURES)
				})
			});
			const approve = async (hash: string) => {
				const doc = (await service.detail(reviewer, hash)).document;
				for (const c of rubricCriteria(doc.manifest.languages.map((l) => l.tag)))
					await service.rate(reviewer, hash, c, 'meets');
				return service.act(reviewer, hash, 'approve');
			};
			const prepared = await prepareFromFolder(path.join(FIXTURES, 'tiny'), await loadLanguages(FIXTURES));
			if (!prepared.ok) throw new Error('tiny fixture invalid');
			const { version } = await service.importVersion(author, prepared.version, { source: 'folder' });
			const v1 = version.versionHash;
			await service.act(author, v1, 'submit');
			await approve(v1);
			await service.act(reviewer, v1, 'publish');
			const manifestOf = async (user: ReviewUser, hash: string) =>
				(await service.detail(user, hash)).document.manifest;
			return { service, repos, v1, approve, manifestOf };
		}

		it('a translator derives a draft, writes Bambara, submits, and a reviewer sees the change and approves', async () => {
			const { service, repos, v1, approve, manifestOf } = await setUp();
			// The translator's list: the published comic, with its texts per language (text-status.ts).
			const listed = await service.translatable(['fr', 'bm', 'ses']);
			expect(listed.items.map((i) => [i.comicId, i.state, i.counts])).toEqual([
				[
					'tiny',
					'published',
					{ bm: { missing: 2, draft: 1, reviewed: 0 }, ses: { missing: 3, draft: 0, reviewed: 0 } }
				]
			]);
			const t1 = await service.startTranslation(translator, v1, 'ses');
			expect(t1).toMatchObject({
				state: 'draft',
				authorId: translator.id,
				source: 'translation',
				parentHash: v1,
				comicId: 'tiny'
			});
			// The new language is declared as a draft and the translator credited.
			const started = await manifestOf(translator, t1.versionHash);
			expect(started.languages.find((l) => l.tag === 'ses')?.status).toBe('draft');
			expect(started.credits).toContainEqual({ role: 'translation', name: translator.name, language: 'ses' });
			// Asking again opens the same draft; the published version is left as it was.
			expect((await service.startTranslation(translator, v1, 'ses')).versionHash).toBe(t1.versionHash);
			expect((await repos.versions.get(v1))?.state).toBe('published');
			const log = await repos.audit.list({ versionHash: t1.versionHash });
			expect(log.map((a) => [a.action, a.actorId, a.detail.language])).toEqual([
				['start_translation', translator.id, 'ses']
			]);

			// Translating into Bambara, which the comic has: a text written and kept as a draft.
			const b = await service.startTranslation(translator, v1, 'bm');
			const edit = editOf(await manifestOf(translator, b.versionHash));
			const bubble = edit.pages[0]!.panels[1]!.bubbles[0]!;
			bubble.text.bm = 'I ni ce Awa.';
			bubble.textStatus = { bm: 'draft' };
			const t2 = await service.reviseManifest(translator, b.versionHash, (m) => applyStudioEdit(m, edit));
			expect(t2).toMatchObject({
				state: 'draft',
				authorId: translator.id,
				source: 'translation',
				parentHash: b.versionHash
			});
			const written = await manifestOf(translator, t2.versionHash);
			expect(written.pages[0]!.panels[1]!.bubbles[0]!.text).toMatchObject({
				fr: 'Bonjour Awa.',
				bm: 'I ni ce Awa.'
			});

			// The translator cannot approve it, submitted or not; a reviewer sees the Bambara change and approves.
			expect((await refusal(service.act(translator, t2.versionHash, 'approve'))).status).toBe(403);
			await service.act(translator, t2.versionHash, 'submit');
			expect((await refusal(service.act(translator, t2.versionHash, 'approve'))).code).toBe(
				'role-not-allowed'
			);
			const seen = await service.detail(reviewer, t2.versionHash);
			expect(seen.since?.versionHash).toBe(v1);
			expect(seen.since?.changes).toContainEqual(
				expect.objectContaining({
					scope: 'bubble',
					id: 'p1-2-b1',
					texts: { bm: { before: undefined, after: 'I ni ce Awa.' } }
				})
			);
			const approved = await approve(t2.versionHash);
			expect(approved).toMatchObject({ state: 'approved', approvedBy: reviewer.id });
			await service.act(reviewer, t2.versionHash, 'publish');
			const published = await service.publishedComic('tiny');
			expect(published?.version.versionHash).toBe(t2.versionHash);
			expect(published?.document.manifest.pages[0]!.panels[1]!.bubbles[0]!.text.bm).toBe('I ni ce Awa.');

			expect((await service.translatable(['bm'])).items[0]?.counts.bm).toEqual({
				missing: 1,
				draft: 2,
				reviewed: 0
			});

			// The author still works on the comic: a translator's version does not take it from them.
			const authorEdit = editOf(await manifestOf(author, v1));
			authorEdit.pages[0]!.panels[1]!.bubbles[0]!.text.fr = 'Bonjour, Awa.';
			const a2 = await service.reviseManifest(author, v1, (m) => applyStudioEdit(m, authorEdit));
			expect(a2).toMatchObject({ authorId: author.id, source: 'edit', state: 'draft' });
		});

		it('refuses a translator a French or geometry change, and marking their own text reviewed; nothing is stored', async () => {
			const { service, repos, v1, manifestOf } = await setUp();
			const t1 = await service.startTranslation(translator, v1, 'bm');
			const before = (await repos.versions.listByComic('tiny')).length;
			const manifest = await manifestOf(translator, t1.versionHash);

			const french = editOf(manifest);
			french.pages[0]!.panels[1]!.bubbles[0]!.text.fr = 'Salut Awa.';
			const refusedFrench = await refusal(
				service.reviseManifest(translator, t1.versionHash, (m) => applyStudioEdit(m, french))
			);
			expect(refusedFrench).toMatchObject({
				status: 403,
				code: 'translator-reference',
				params: { target: 'p1-2-b1', language: 'fr' }
			});

			const moved = editOf(manifest);
			const shape = moved.pages[0]!.panels[0]!.bubbles[0]!.shape;
			shape.region = { ...shape.region, x: shape.region.x + 30 };
			expect(
				await refusal(service.reviseManifest(translator, t1.versionHash, (m) => applyStudioEdit(m, moved)))
			).toMatchObject({ status: 403, code: 'translator-layout' });

			const selfReviewed = editOf(manifest);
			const own = selfReviewed.pages[0]!.panels[1]!.bubbles[0]!;
			own.text.bm = 'I ni ce Awa.';
			own.textStatus = { bm: 'reviewed' };
			expect(
				await refusal(
					service.reviseManifest(translator, t1.versionHash, (m) => applyStudioEdit(m, selfReviewed))
				)
			).toMatchObject({
				status: 403,
				code: 'own-text-reviewed',
				params: { target: 'p1-2-b1', language: 'bm' }
			});

			// Not in one save, nor in the next: the text is still theirs in the version after.
			own.textStatus = { bm: 'draft' };
			const t2 = await service.reviseManifest(translator, t1.versionHash, (m) =>
				applyStudioEdit(m, selfReviewed)
			);
			const later = editOf(await manifestOf(translator, t2.versionHash));
			later.pages[0]!.panels[1]!.bubbles[0]!.textStatus = { bm: 'reviewed' };
			expect(
				await refusal(service.reviseManifest(translator, t2.versionHash, (m) => applyStudioEdit(m, later)))
			).toMatchObject({ code: 'own-text-reviewed' });
			expect((await repos.versions.listByComic('tiny')).length).toBe(before + 1);

			// Another translator may mark it reviewed: they did not write it.
			await service.act(translator, t2.versionHash, 'submit');
			const u1 = await service.startTranslation(translator2, t2.versionHash, 'bm');
			const check = editOf(await manifestOf(translator2, u1.versionHash));
			check.pages[0]!.panels[1]!.bubbles[0]!.textStatus = { bm: 'reviewed' };
			const u2 = await service.reviseManifest(translator2, u1.versionHash, (m) => applyStudioEdit(m, check));
			expect(
				(await manifestOf(translator2, u2.versionHash)).pages[0]!.panels[1]!.bubbles[0]!.textStatus
			).toEqual({
				bm: 'reviewed'
			});

			// A translator edits only their own versions, and starts only from submitted or published ones.
			expect((await refusal(service.reviseManifest(translator, v1, (m) => m))).code).toBe('not-your-version');
			expect((await refusal(service.startTranslation(translator, u2.versionHash, 'bm'))).code).toBe(
				'not-translatable'
			);
			expect((await refusal(service.startTranslation(translator, v1, 'fr'))).code).toBe('reference-language');
			expect((await refusal(service.startTranslation(author, v1, 'bm'))).code).toBe('role-not-allowed');
		});
	});
}
