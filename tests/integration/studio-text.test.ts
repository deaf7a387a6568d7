/**
 * The texts and bubbles studio's save (issue 16) on real databases: an edit makes a new draft
 * version through the one validation, with its per-bubble statuses and per-language shapes kept;
 * a refused edit stores nothing and its findings name the bubble they concern.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findingTarget } from '../../src/lib/domain/studio/finding-target';
import type { Manifest } from '../../src/lib/domain/manifest/schema';
import { contentChecks } from '../../src/lib/server/content/checks';
import { loadLanguages } from '../../src/lib/server/content/comic-folder';
import { ephemeralSigner } from '../../src/lib/server/review/keys';
import { kyselyReviewRepositories } from '../../src/lib/server/review/kysely-repositories';
import { ReviewError, ReviewService } from '../../src/lib/server/review/service';
import { SUITE_USERS } from '../../src/lib/server/review/services.suite';
import { BlobStore } from '../../src/lib/server/store/blobs';
import { prepareFromFolder } from '../../src/lib/server/store/prepare';
import { VersionStore } from '../../src/lib/server/store/versions';
import {
	applyStudioEdit,
	parseStudioEdit,
	StudioEditError,
	type StudioEdit
} from '../../src/lib/server/studio/text/edit';
import { engines, insertUsers } from './support/databases';

const FIXTURES = path.resolve('tests/fixtures/comics');
const dirs: string[] = [];
afterAll(async () => {
	await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

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

for (const engine of engines) {
	describe.skipIf(!engine.available)(`studio save on ${engine.title}`, () => {
		async function setUp() {
			const open = await engine.open();
			await insertUsers(
				open.db,
				Object.entries(SUITE_USERS).map(([username, u]) => ({ ...u, username }))
			);
			const dir = await mkdtemp(path.join(tmpdir(), 'kalanso-studio-'));
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
			const prepared = await prepareFromFolder(path.join(FIXTURES, 'tiny'), await loadLanguages(FIXTURES));
			if (!prepared.ok) throw new Error('tiny fixture invalid');
			const { version } = await service.importVersion(SUITE_USERS.author, prepared.version, {
				source: 'folder'
			});
			return { service, repos, v1: version.versionHash, manifest: prepared.version.document.manifest };
		}

		it('saves texts, a per-bubble status, a moved bubble and a per-language shape as a new draft version', async () => {
			const { service, v1, manifest } = await setUp();
			const edit = editOf(manifest);
			const b1 = edit.pages[0]!.panels[0]!.bubbles[0]!;
			b1.text.bm = 'A bɛ taa so.';
			b1.textStatus = { bm: 'reviewed' };
			b1.shape.region = { ...b1.shape.region, x: b1.shape.region.x - 40.4 };
			b1.shapeByLanguage = { fr: { kind: 'rounded', region: { x: 150, y: 20, w: 230, h: 110 } } };
			// Reading order: the caption before the speech bubble.
			edit.pages[0]!.panels[1]!.bubbles.reverse();

			const v2 = await service.reviseManifest(SUITE_USERS.author, v1, (m) => applyStudioEdit(m, edit));
			expect(v2.versionHash).not.toBe(v1);
			expect(v2).toMatchObject({ state: 'draft', source: 'edit', parentHash: v1 });
			const stored = (await service.detail(SUITE_USERS.author, v2.versionHash)).document.manifest;
			const bubble = stored.pages[0]!.panels[0]!.bubbles[0]!;
			expect(bubble.text.bm).toBe('A bɛ taa so.');
			expect(bubble.textStatus).toEqual({ bm: 'reviewed' });
			expect(bubble.shape?.region.x).toBe(140);
			expect(bubble.shapeByLanguage?.fr?.kind).toBe('rounded');
			expect(stored.pages[0]!.panels[1]!.bubbles.map((b) => b.id)).toEqual(['p1-2-b2', 'p1-2-b1']);
			// Nothing else moved: art, narration and the first version are as they were.
			expect(stored.pages[0]!.image).toBe(manifest.pages[0]!.image);
			expect(stored.narration).toEqual(manifest.narration);
			expect((await service.detail(SUITE_USERS.author, v1)).document.manifest).toEqual(manifest);
		});

		it('refuses an overflowing text with a finding on that bubble, and stores no version', async () => {
			const { service, repos, v1, manifest } = await setUp();
			const edit = editOf(manifest);
			edit.pages[0]!.panels[1]!.bubbles[0]!.text.fr = 'Bonjour Awa, comment vas-tu ce matin ? '
				.repeat(12)
				.trim();
			let revised: Manifest | null = null;
			const error = await service
				.reviseManifest(SUITE_USERS.author, v1, (m) => (revised = applyStudioEdit(m, edit)))
				.then(
					() => null,
					(e: unknown) => e
				);
			expect(error).toBeInstanceOf(ReviewError);
			const refusal = error as ReviewError;
			expect(refusal.code).toBe('content-refused');
			const overflow = refusal.issues.find((i) => i.code === 'textTooManyLines');
			expect(overflow?.path).toBe('$.pages[0].panels[1].bubbles[0].text.fr');
			expect(findingTarget(revised!, overflow!.path)).toBe('p1-2-b1');
			expect((await repos.versions.listByComic('tiny')).map((v) => v.versionHash)).toEqual([v1]);

			// Marking the bubble a draft does not let it overflow in a complete language.
			edit.pages[0]!.panels[1]!.bubbles[0]!.textStatus = { fr: 'draft' };
			await expect(
				service.reviseManifest(SUITE_USERS.author, v1, (m) => applyStudioEdit(m, edit))
			).rejects.toMatchObject({ code: 'content-refused' });
			expect(await repos.versions.listByComic('tiny')).toHaveLength(1);
		});

		it('an overflowing draft bubble is a warning, a reviewed one refuses the save', async () => {
			const { service, v1, manifest } = await setUp();
			const long = 'I ni ce Musa, i ka kɛnɛ wa? '.repeat(12).trim();
			const draft = editOf(manifest);
			draft.pages[0]!.panels[0]!.bubbles[0]!.text.bm = long;
			const saved = await service.reviseManifest(SUITE_USERS.author, v1, (m) => applyStudioEdit(m, draft));
			expect(saved.versionHash).not.toBe(v1);

			const reviewed = editOf(manifest);
			reviewed.pages[0]!.panels[0]!.bubbles[0]!.text.bm = long;
			reviewed.pages[0]!.panels[0]!.bubbles[0]!.textStatus = { bm: 'reviewed' };
			await expect(
				service.reviseManifest(SUITE_USERS.author, v1, (m) => applyStudioEdit(m, reviewed))
			).rejects.toMatchObject({ code: 'content-refused' });
		});

		it('refuses an edit that leaves out a stored bubble, and one for another author', async () => {
			const { service, v1, manifest } = await setUp();
			const edit = editOf(manifest);
			edit.pages[0]!.panels[1]!.bubbles.pop();
			await expect(
				service.reviseManifest(SUITE_USERS.author, v1, (m) => applyStudioEdit(m, edit))
			).rejects.toBeInstanceOf(StudioEditError);
			await expect(
				service.reviseManifest(SUITE_USERS.author2, v1, (m) => applyStudioEdit(m, editOf(manifest)))
			).rejects.toMatchObject({ code: 'not-your-version' });
		});
	});
}
