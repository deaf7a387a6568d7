import { cp, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentChecks } from '../content/checks';
import { loadLanguages, type LanguageInfo } from '../content/comic-folder';
import { BlobStore } from '../store/blobs';
import { prepareFromFolder } from '../store/prepare';
import { VersionStore } from '../store/versions';
import { seedDemoComics } from './demo';
import { ephemeralSigner } from './keys';
import { memoryReviewRepositories } from './memory-repositories';
import { ReviewService, type ReviewUser } from './service';

const FIXTURES = path.resolve('tests/fixtures/comics');
const author: ReviewUser = { id: 'demo-author', role: 'author' };
const reviewer: ReviewUser = { id: 'demo-reviewer', role: 'reviewer' };

describe('demo comics at start-up', () => {
	let dir: string;
	let root: string;
	let service: ReviewService;
	let languages: LanguageInfo[];

	beforeEach(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'kalanso-demo-'));
		root = path.join(dir, 'comics');
		await cp(path.join(FIXTURES, 'tiny'), path.join(root, 'tiny'), { recursive: true });
		await cp(path.join(FIXTURES, 'languages.json'), path.join(root, 'languages.json'));
		languages = await loadLanguages(root);
		const signer = ephemeralSigner();
		service = new ReviewService({
			repos: memoryReviewRepositories(),
			store: new VersionStore(new BlobStore(path.join(dir, 'blobs'))),
			signer,
			trusted: [signer.key],
			validation: async () => ({ languages, checks: await contentChecks(root) })
		});
	});
	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	/** Version hashes of tiny's folder as it is now: the "bundled samples" of these tests. */
	const currentHashes = async () => {
		const prepared = await prepareFromFolder(path.join(root, 'tiny'), languages, await contentChecks(root));
		if (!prepared.ok) throw new Error(JSON.stringify(prepared.issues));
		return new Set([prepared.version.versionHash]);
	};
	let samples: Set<string>;
	const seed = async (known: ReadonlySet<string> = samples) =>
		seedDemoComics(
			service,
			{ author, reviewer },
			root,
			{ languages, checks: await contentChecks(root) },
			known
		);
	beforeEach(async () => {
		samples = await currentHashes();
	});

	it('imports, submits, approves and publishes each sample comic through the services, marked as demo', async () => {
		expect(await seed()).toEqual([{ comicId: 'tiny', outcome: 'published' }]);
		const [published] = await service.published();
		expect(published?.version).toMatchObject({
			comicId: 'tiny',
			demo: true,
			authorId: author.id,
			approvedBy: reviewer.id
		});
		const actions = (await service.detail(reviewer, published!.version.versionHash)).audit.map(
			(a) => a.action
		);
		expect(actions.filter((a) => a !== 'rate')).toEqual(['import', 'submit', 'approve', 'publish']);
	});

	it('does nothing on the next start, and only submits a changed sample comic, whose hash it does not know', async () => {
		await seed();
		expect(await seed()).toEqual([{ comicId: 'tiny', outcome: 'unchanged' }]);
		const file = path.join(root, 'tiny', 'comic.json');
		const manifest = JSON.parse(await readFile(file, 'utf8'));
		manifest.title.fr = 'Petite BD revue';
		await writeFile(file, JSON.stringify(manifest));
		expect(await seed()).toEqual([{ comicId: 'tiny', outcome: 'submitted' }]);
		const published = await service.published();
		expect(published.map((p) => p.document.manifest.title.fr)).toEqual(["Petite BD d'essai"]);
		const versions = await service.versionsOf('tiny');
		expect(versions.map((v) => [v.state, v.demo])).toEqual([
			['in_review', false],
			['published', true]
		]);
		expect((await service.queue()).versions.map((v) => v.state)).toContain('in_review');
	});

	it('publishes a changed sample comic in place of the old one once its new hash is a known sample', async () => {
		await seed();
		const file = path.join(root, 'tiny', 'comic.json');
		const manifest = JSON.parse(await readFile(file, 'utf8'));
		manifest.title.fr = 'Petite BD revue';
		await writeFile(file, JSON.stringify(manifest));
		expect(await seed(await currentHashes())).toEqual([{ comicId: 'tiny', outcome: 'published' }]);
		const published = await service.published();
		expect(published.map((p) => p.document.manifest.title.fr)).toEqual(['Petite BD revue']);
		expect((await service.versionsOf('tiny')).map((v) => v.state)).toEqual(['published', 'withdrawn']);
	});

	it('submits a folder that is no known sample for review instead of publishing it', async () => {
		expect(await seed(new Set())).toEqual([{ comicId: 'tiny', outcome: 'submitted' }]);
		expect(await service.published()).toEqual([]);
		const [version] = await service.versionsOf('tiny');
		expect(version).toMatchObject({ state: 'in_review', demo: false, approval: null });
	});

	it('leaves a comic alone once a real author has versions of it', async () => {
		await seed();
		const [first] = await service.versionsOf('tiny');
		const realAuthor: ReviewUser = { id: 'someone', role: 'author' };
		expect(first!.authorId).not.toBe(realAuthor.id);
		const file = path.join(root, 'tiny', 'comic.json');
		const manifest = JSON.parse(await readFile(file, 'utf8'));
		manifest.title.fr = 'Autre';
		await writeFile(file, JSON.stringify(manifest));
		const outcome = await seedDemoComics(
			service,
			{ author: realAuthor, reviewer },
			root,
			{ languages, checks: await contentChecks(root) },
			samples
		);
		expect(outcome).toEqual([
			{ comicId: 'tiny', outcome: 'skipped', detail: 'a real author owns this comic' }
		]);
	});

	it('skips seeding when the demo accounts do not exist (KALANSO_DEMO=0)', async () => {
		expect(
			await seedDemoComics(service, { author: null, reviewer }, root, { languages, checks: {} })
		).toEqual([]);
	});

	it('does not read a folder whose listing (names, sizes, mtimes) is unchanged since the last start', async () => {
		const ledger = new Map<string, { digest: string; versionHash: string }>();
		const folders = {
			recorded: async () => new Map(ledger),
			record: async (folder: string, digest: string, versionHash: string) => {
				ledger.set(folder, { digest, versionHash });
			}
		};
		const progress: number[] = [];
		const seedWithLedger = async () =>
			seedDemoComics(
				service,
				{ author, reviewer },
				root,
				{ languages, checks: await contentChecks(root) },
				samples,
				{
					folders,
					onProgress: (done) => progress.push(done)
				}
			);
		// A whole second: restoring it below is exact (a float of seconds can land a millisecond lower).
		const file = path.join(root, 'tiny', 'comic.json');
		const second = Math.floor(Date.now() / 1000) - 60;
		await utimes(file, second, second);
		expect(await seedWithLedger()).toEqual([{ comicId: 'tiny', outcome: 'published' }]);
		expect([...ledger.keys()]).toEqual(['tiny']);

		// Same size, same mtime, other bytes: the listing says "unchanged", so the folder is not read
		// again and no version is made from the new bytes.
		const text = await readFile(file, 'utf8');
		const altered = text.replace('"fr"', '"FR"');
		expect(altered).not.toBe(text);
		await writeFile(file, altered);
		await utimes(file, second, second);
		expect(await seedWithLedger()).toEqual([{ comicId: 'tiny', outcome: 'unchanged' }]);
		expect(await service.versionsOf('tiny')).toHaveLength(1);

		// A real change (its mtime moves): read, validated and submitted as before.
		const manifest = JSON.parse(text);
		manifest.title.fr = 'Autre titre';
		await writeFile(file, JSON.stringify(manifest));
		await utimes(file, second, second + 5);
		expect(await seedWithLedger()).toEqual([{ comicId: 'tiny', outcome: 'submitted' }]);
		expect(await service.versionsOf('tiny')).toHaveLength(2);
		expect(progress).toEqual([]);
	});
});
