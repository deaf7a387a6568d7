/**
 * A review workflow on in-memory repositories and a real content store in a temporary folder, to
 * publish (and withdraw) comic versions the way reviewers do, for tests of what reaches students.
 */
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Manifest } from '../../../src/lib/domain/manifest/schema';
import { rubricCriteria } from '../../../src/lib/domain/review/rubric';
import { loadLanguages } from '../../../src/lib/server/content/comic-folder';
import { contentChecks } from '../../../src/lib/server/content/checks';
import { ephemeralSigner, type Signer } from '../../../src/lib/server/review/keys';
import { memoryReviewRepositories } from '../../../src/lib/server/review/memory-repositories';
import type { ReviewRepositories } from '../../../src/lib/server/review/repositories';
import { ReviewService, type ReviewUser } from '../../../src/lib/server/review/service';
import { BlobStore } from '../../../src/lib/server/store/blobs';
import { prepareVersion, VersionStore, type PreparedVersion } from '../../../src/lib/server/store/versions';

const FIXTURES = 'tests/fixtures/comics';

export const author: ReviewUser = { id: '00000000-0000-4000-8000-0000000000a1', role: 'author' };
export const reviewer: ReviewUser = { id: '00000000-0000-4000-8000-0000000000b1', role: 'reviewer' };
export const admin: ReviewUser = { id: '00000000-0000-4000-8000-0000000000c1', role: 'admin' };

export interface ReviewWorld {
	dir: string;
	repos: ReviewRepositories;
	store: VersionStore;
	signer: Signer;
	service: ReviewService;
	/** Imports, submits, rates, approves and publishes a version; returns its hash. */
	publish(prepared: PreparedVersion): Promise<string>;
	close(): Promise<void>;
}

export async function reviewWorld(): Promise<ReviewWorld> {
	const dir = await mkdtemp(path.join(tmpdir(), 'kalanso-world-'));
	const repos = memoryReviewRepositories({ [author.id]: 'Awa', [reviewer.id]: 'Fatou', [admin.id]: 'Admin' });
	const store = new VersionStore(new BlobStore(path.join(dir, 'blobs')));
	const signer = ephemeralSigner();
	// The one validation, with the fixtures' languages and checks (as comics:check would run them).
	const service = new ReviewService({
		repos,
		store,
		signer,
		trusted: [signer.key],
		validation: async () => ({
			languages: await loadLanguages(FIXTURES),
			checks: await contentChecks(FIXTURES)
		})
	});
	return {
		dir,
		repos,
		store,
		signer,
		service,
		async publish(prepared) {
			const { version } = await service.importVersion(author, prepared, { source: 'upload' });
			const hash = version.versionHash;
			await service.act(author, hash, 'submit');
			const languages = prepared.document.manifest.languages.map((l) => l.tag);
			for (const c of rubricCriteria(languages)) await service.rate(reviewer, hash, c, 'meets');
			await service.act(reviewer, hash, 'approve');
			await service.act(reviewer, hash, 'publish');
			return hash;
		},
		close: () => rm(dir, { recursive: true, force: true })
	};
}

/** Every file of a comic folder by its path inside it (SVG sources left out, as uploads do). */
export async function folderFiles(dir: string): Promise<Map<string, Uint8Array>> {
	const files = new Map<string, Uint8Array>();
	const walk = async (sub: string) => {
		for (const name of await readdir(path.join(dir, sub))) {
			const rel = sub ? `${sub}/${name}` : name;
			if ((await stat(path.join(dir, rel))).isDirectory()) await walk(rel);
			else if (!name.endsWith('.svg')) files.set(rel, new Uint8Array(await readFile(path.join(dir, rel))));
		}
	};
	await walk('');
	return files;
}

/** The tiny fixture comic as a version, with `edit` applied to its manifest and files first. */
export async function tinyVersion(
	edit: (manifest: Manifest, files: Map<string, Uint8Array>) => Manifest = (m) => m
): Promise<PreparedVersion> {
	const all = await folderFiles('tests/fixtures/comics/tiny');
	const manifest = JSON.parse(new TextDecoder().decode(all.get('comic.json'))) as Manifest;
	all.delete('comic.json');
	const edited = edit(manifest, all);
	return prepareVersion(edited, all);
}
