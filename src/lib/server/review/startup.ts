/**
 * Server start for the review workflow, after the platform's (which opens the database and creates the
 * demo accounts): the signing key exists, the bundled sample comics are published as demo data, and
 * any other folder of comics/ is submitted for review (demo.ts).
 * `KALANSO_DEMO=0` skips the demo comics.
 */
import { readFileSync } from 'node:fs';
import { DEMO_ACCOUNTS } from '../auth/seed';
import { authServices } from '../auth/server';
import { comicsRoot } from '../content/comic-folder';
import { BUNDLED_SAMPLE_HASHES } from './bundled-samples';
import { seedDemoComics } from './demo';
import { contentContext } from './http';
import { reviewServices } from './server';
import { database } from '../db/server';
import { libraryRepository } from '../library/repository';
import { libraryService } from '../library/server';

const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
import type { ReviewUser } from './service';

/**
 * The version hashes seeding may publish: the bundled samples, plus the exact hashes listed in
 * `KALANSO_KNOWN_SAMPLES` (comma-separated) or in the file `KALANSO_KNOWN_SAMPLES_FILE` (one per
 * line: the generated 2,000-comic catalog has too many for an environment variable). For test
 * servers that seed their own fixture comics.
 */
export function knownSamples(env: NodeJS.ProcessEnv): ReadonlySet<string> {
	const listed = env.KALANSO_KNOWN_SAMPLES_FILE ? readFileSync(env.KALANSO_KNOWN_SAMPLES_FILE, 'utf8') : '';
	const extra = `${env.KALANSO_KNOWN_SAMPLES ?? ''},${listed}`
		.split(/[,\s]+/)
		.map((h) => h.trim())
		.filter((h) => /^[0-9a-f]{64}$/.test(h));
	return new Set([...BUNDLED_SAMPLE_HASHES, ...extra]);
}

export async function startReview(env: NodeJS.ProcessEnv = process.env): Promise<void> {
	const { service, signer } = await reviewServices();
	if (env.KALANSO_QUIET !== '1') console.log(`[review] approvals are signed with key ${signer.key.id}`);
	const started = Date.now();
	if (env.KALANSO_DEMO === '0') {
		await indexLibrary(started);
		return;
	}
	const { repos } = await authServices();
	const find = async (role: 'author' | 'reviewer'): Promise<ReviewUser | null> => {
		const username = DEMO_ACCOUNTS.find((a) => a.role === role)?.username;
		const user = username ? await repos.users.findByUsername(username) : undefined;
		return user && !user.disabled && user.role === role ? { id: user.id, role: user.role } : null;
	};
	const { db, engine } = await database();
	const ledger = libraryRepository(db, engine);
	const quiet = env.KALANSO_QUIET === '1';
	const outcomes = await seedDemoComics(
		service,
		{ author: await find('author'), reviewer: await find('reviewer') },
		comicsRoot(),
		// Loaded only if a folder changed: a restart with none parses no font (issue 19).
		contentContext,
		knownSamples(env),
		{
			folders: {
				recorded: () => ledger.folderDigests(),
				record: (folder, digest, hash, listing) =>
					ledger.setFolderDigest(folder, digest, hash, new Date().toISOString(), listing),
				relist: (entries) => ledger.setFolderListings(entries)
			},
			// The first import of a big catalog takes minutes: say how far it got (even when quiet).
			onProgress: (done, total) =>
				console.log(`[review] reading comics/: ${done} of ${total} changed folders (${elapsed(started)})`)
		}
	);
	const indexed = await indexLibrary(started);
	if (!quiet) {
		const unchanged = outcomes.filter((o) => o.outcome === 'unchanged').length;
		console.log(
			`[review] comics/: ${outcomes.length} folders, ${unchanged} unchanged; library: ${indexed} changes (${elapsed(started)})`
		);
	}
	for (const o of outcomes) {
		if (o.outcome === 'published' && !quiet) console.log(`[review] demo comic "${o.comicId}" published`);
		if (o.outcome === 'submitted') {
			console.warn(
				`[review] comic "${o.comicId}" from the comics folder is not a bundled sample: submitted for review, not published`
			);
		}
		if (o.outcome === 'blocked' || o.outcome === 'invalid') {
			console.warn(`[review] demo comic "${o.comicId}" not published: ${o.detail}`);
		}
	}
}

/**
 * The library's index follows the seeding: versions published now (or by reviewers while the server
 * was down) are verified once here, so the first library request after a start costs what later ones cost.
 */
async function indexLibrary(started: number): Promise<number> {
	const library = await libraryService();
	return library.sync((done, total) =>
		console.log(`[library] indexing published comics: ${done} of ${total} (${elapsed(started)})`)
	);
}
