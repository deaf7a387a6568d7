// Issue 19, a restart with 2,000 comics: start-up keeps each comic folder's listing in the ledger
// (comic_folders.listing, migration 014) and checks an unchanged folder with a `stat` per directory
// and file, without listing any of its directories again; yet every change to the folder is still
// seen: a file added in a nested folder, a file rewritten in place at the same size, a file removed,
// a folder renamed. On SQLite and PostgreSQL, with the real ledger (library/repository.ts).
import { cp, mkdtemp, readFile, rename, rm, utimes, writeFile, appendFile } from 'node:fs/promises';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Counts the directories start-up lists (readdirSync is how the folder walk lists them).
const listed = vi.hoisted(() => ({ dirs: [] as string[] }));
vi.mock('node:fs', async (importOriginal) => {
	const real = await importOriginal<typeof import('node:fs')>();
	const readdirSync = ((dir: fs.PathLike, ...rest: unknown[]) => {
		listed.dirs.push(String(dir));
		return (real.readdirSync as (...args: unknown[]) => unknown)(dir, ...rest);
	}) as typeof real.readdirSync;
	return { ...real, readdirSync, default: { ...real, readdirSync } };
});

const { contentChecks } = await import('../../src/lib/server/content/checks');
const { loadLanguages } = await import('../../src/lib/server/content/comic-folder');
const { libraryRepository } = await import('../../src/lib/server/library/repository');
const { seedDemoComics } = await import('../../src/lib/server/review/demo');
const { ephemeralSigner } = await import('../../src/lib/server/review/keys');
const { kyselyReviewRepositories } = await import('../../src/lib/server/review/kysely-repositories');
const { ReviewService } = await import('../../src/lib/server/review/service');
const { BlobStore } = await import('../../src/lib/server/store/blobs');
const { VersionStore } = await import('../../src/lib/server/store/versions');
const { engines, insertUsers } = await import('./support/databases');
type ReviewServiceType = InstanceType<typeof ReviewService>;

const FIXTURES = path.resolve('tests/fixtures/comics');
const author = { id: '00000000-0000-4000-8000-0000000000a1', role: 'author' as const };
const reviewer = { id: '00000000-0000-4000-8000-0000000000a2', role: 'reviewer' as const };

/** Every directory and file under `dir` (itself included) gets this mtime. */
async function backdate(dir: string, seconds: number): Promise<void> {
	for (const entry of await fs.promises.readdir(dir, { withFileTypes: true, recursive: true })) {
		const full = path.join(entry.parentPath, entry.name);
		await utimes(full, seconds, seconds);
	}
	await utimes(dir, seconds, seconds);
}

for (const engine of engines) {
	describe.skipIf(!engine.available)(`a restart of the comics folder on ${engine.title}`, () => {
		let base: string;
		let root: string;
		let tiny: string;
		let service: ReviewServiceType;
		let ledger: ReturnType<typeof libraryRepository>;
		/** How many times start-up loaded the validation context (the fonts): once per start that reads. */
		let contextLoads: number;
		/** A minute ago, in whole seconds: far from the racy window, and exact when put back. */
		const past = Math.floor(Date.now() / 1000) - 60;

		beforeEach(async () => {
			base = await mkdtemp(path.join(tmpdir(), 'kalanso-restart-'));
			root = path.join(base, 'comics');
			tiny = path.join(root, 'tiny');
			await cp(path.join(FIXTURES, 'tiny'), tiny, { recursive: true });
			await cp(path.join(FIXTURES, 'languages.json'), path.join(root, 'languages.json'));
			// Folders untouched for a minute (a fresh copy's directories are too recent to trust).
			await backdate(tiny, past);
			const open = await engine.open();
			await insertUsers(open.db, [author, reviewer]);
			const signer = ephemeralSigner();
			const languages = await loadLanguages(root);
			service = new ReviewService({
				repos: kyselyReviewRepositories(open.db),
				store: new VersionStore(new BlobStore(path.join(base, 'blobs'))),
				signer,
				trusted: [signer.key],
				validation: async () => ({ languages, checks: await contentChecks(root) })
			});
			ledger = libraryRepository(open.db, open.engine);
			contextLoads = 0;
		});
		afterEach(async () => {
			await rm(base, { recursive: true, force: true });
		});

		/** One start's seeding, as review/startup.ts runs it, with the real ledger. */
		const start = async () => {
			listed.dirs = [];
			return seedDemoComics(
				service,
				{ author, reviewer },
				root,
				async () => {
					contextLoads++;
					return { languages: await loadLanguages(root), checks: await contentChecks(root) };
				},
				new Set(),
				{
					folders: {
						recorded: () => ledger.folderDigests(),
						record: (folder, digest, hash, listing) =>
							ledger.setFolderDigest(folder, digest, hash, new Date().toISOString(), listing),
						relist: (entries) => ledger.setFolderListings(entries)
					}
				}
			);
		};
		/** Directories of the comic listed during the last start (its own folder and below). */
		const listedInComic = () => listed.dirs.filter((d) => d === tiny || d.startsWith(tiny + path.sep));

		it('lists none of an unchanged comic’s directories and loads no validation context', async () => {
			expect(await start()).toEqual([{ comicId: 'tiny', outcome: 'submitted' }]);
			expect(contextLoads).toBe(1);
			// The first start walked the comic: its folder and its four subfolders.
			expect(
				listedInComic()
					.map((d) => path.relative(tiny, d))
					.sort()
			).toEqual(['', 'art', 'audio', 'audio/en', 'audio/fr']);
			const [row] = [...(await ledger.folderDigests()).values()];
			expect(row?.listing).toBeTruthy();

			expect(await start()).toEqual([{ comicId: 'tiny', outcome: 'unchanged' }]);
			expect(listedInComic()).toEqual([]);
			expect(contextLoads).toBe(1);
			expect(await service.versionsOf('tiny')).toHaveLength(1);
		});

		it('reads the comic again when a file is added in a nested folder', async () => {
			await start();
			// Added fifty seconds after the last start's copy (not this very tick: see the last test).
			const added = path.join(tiny, 'audio', 'fr', 'notes.txt');
			await writeFile(added, 'à réenregistrer');
			await utimes(added, past + 10, past + 10);
			await utimes(path.dirname(added), past + 10, past + 10);
			expect(await start()).toEqual([{ comicId: 'tiny', outcome: 'unchanged' }]);
			// Read and validated again (the new file is no asset of the comic: same version).
			expect(contextLoads).toBe(2);
			expect(listedInComic().length).toBeGreaterThan(0);
			// The new listing is kept: the start after that lists and reads nothing.
			expect(await start()).toEqual([{ comicId: 'tiny', outcome: 'unchanged' }]);
			expect(contextLoads).toBe(2);
			expect(listedInComic()).toEqual([]);
		});

		it('submits a new version when a file is rewritten in place with the same size', async () => {
			await start();
			const file = path.join(tiny, 'comic.json');
			const text = await readFile(file, 'utf8');
			const changed = text.replace("Petite BD d'essai", "Petite BD d'ESSAI");
			expect(changed.length).toBe(text.length);
			await writeFile(file, changed);
			await utimes(file, past, past + 5);
			expect(await start()).toEqual([{ comicId: 'tiny', outcome: 'submitted' }]);
			const versions = await service.versionsOf('tiny');
			expect(versions).toHaveLength(2);
			const titles = await Promise.all(
				versions.map(async (v) => (await service.detail(reviewer, v.versionHash)).document.manifest.title.fr)
			);
			expect(titles.sort()).toEqual(["Petite BD d'ESSAI", "Petite BD d'essai"]);
		});

		it('refuses the comic when one of its files is removed', async () => {
			await start();
			await rm(path.join(tiny, 'audio', 'en', 'p1.mp3'));
			const [outcome] = await start();
			expect(outcome?.outcome).toBe('invalid');
			expect(outcome?.detail).toContain('audio/en/p1.mp3');
		});

		it('refuses the comic when a nested folder is renamed', async () => {
			await start();
			await rename(path.join(tiny, 'audio', 'fr'), path.join(tiny, 'audio', 'fr-old'));
			const [outcome] = await start();
			expect(outcome?.outcome).toBe('invalid');
			expect(outcome?.detail).toContain('audio/fr/p1.ogg');
		});

		it('sees a file added even when its folder’s mtime is put back (the folder’s ctime moved)', async () => {
			await start();
			await appendFile(path.join(tiny, 'art', 'notes.txt'), 'x');
			await utimes(path.join(tiny, 'art'), past, past);
			await start();
			expect(contextLoads).toBe(2);
		});
	});
}
