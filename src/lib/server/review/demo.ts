/**
 * Demo data (issue 6): on start, the folders of comics/ go through the SAME service code as real
 * comics, after the one validation (content/validate-version.ts). Only the bundled samples, known by
 * their exact version hash (bundled-samples.ts), are then rated, approved (signed) and published by
 * the demo reviewer, so a newcomer sees approved comics at once; those versions are marked `demo`
 * and the reviewer UI labels them. Any other folder (a new comic, a sample changed on disk) becomes
 * a draft of the demo author submitted for review: no human review, no publication (issue 11, gap 13).
 * Runs after the platform's seeding (it needs the demo accounts).
 *
 * Idempotent: a comic whose folder hashes to a version that already exists is left alone. A comic a
 * real author took over is never touched. With a folder ledger (issue 19), a folder whose listing
 * (names, sizes, mtimes) is the one recorded at a previous start is not even read: start-up work is
 * proportional to what changed. A folder whose stored listing still holds (a `stat` per directory and
 * file, content/folder-digest.ts) is not even walked, and when no folder needs reading the validation
 * context (fonts parsed for text fitting, curriculum, cast) is never loaded.
 */
import path from 'node:path';
import { rubricCriteria } from '../../domain/review/rubric';
import type { ComicChecks, LanguageInfo } from '../content/comic-folder';
import { listComicDirs } from '../content/comic-folder';
import {
	decodeListing,
	encodeListing,
	listingUnchanged,
	readFolderListing,
	type FolderListing
} from '../content/folder-digest';
import { formatIssue } from '../../domain/manifest/issues';
import { prepareFromFolder } from '../store/prepare';
import { BUNDLED_SAMPLE_HASHES } from './bundled-samples';
import { ReviewError, type ReviewService, type ReviewUser } from './service';

export interface DemoOutcome {
	comicId: string;
	/** `submitted`: not a known sample, so it waits in the review queue. */
	outcome: 'published' | 'submitted' | 'unchanged' | 'skipped' | 'invalid' | 'blocked';
	detail?: string;
}

/** Where start-up remembers what each folder's listing produced (library/repository.ts stores it). */
export interface FolderLedger {
	/** Per folder: its listing digest, the version it produced, and the listing as JSON when kept. */
	recorded(): Promise<Map<string, { digest: string; versionHash: string; listing?: string | null }>>;
	record(folder: string, digest: string, versionHash: string, listing: string | null): Promise<void>;
	/** Keeps the listings of folders walked again whose digest had not changed. */
	relist?(entries: Array<{ folder: string; listing: string | null }>): Promise<void>;
}

/** What reading a folder validates against. */
export interface SeedContext {
	languages: readonly LanguageInfo[];
	checks: ComicChecks;
}

export interface SeedOptions {
	folders?: FolderLedger;
	/** Called every few comics while folders are read (the first import of a big catalog). */
	onProgress?: (done: number, total: number) => void;
}

export async function seedDemoComics(
	service: ReviewService,
	accounts: { author: ReviewUser | null; reviewer: ReviewUser | null },
	comicsRoot: string,
	/** Or how to load it: called only when some folder must be read (fonts cost ≈ 10 MB of heap). */
	context: SeedContext | (() => Promise<SeedContext>),
	knownSamples: ReadonlySet<string> = BUNDLED_SAMPLE_HASHES,
	options: SeedOptions = {}
): Promise<DemoOutcome[]> {
	const { author, reviewer } = accounts;
	if (!author || !reviewer) return [];
	const outcomes: DemoOutcome[] = [];
	const recorded =
		(await options.folders?.recorded()) ?? new Map<string, { digest: string; listing?: string | null }>();
	const dirs = await listComicDirs(comicsRoot);
	const toRead: Array<{ dir: string; digest: string | null; listing: FolderListing | null }> = [];
	const relisted: Array<{ folder: string; listing: string | null }> = [];
	for (const dir of dirs) {
		if (!options.folders) {
			toRead.push({ dir, digest: null, listing: null });
			continue;
		}
		const folder = path.basename(dir);
		const known = recorded.get(folder);
		const stored = decodeListing(known?.listing);
		if (known && stored && listingUnchanged(dir, stored)) {
			outcomes.push({ comicId: folder, outcome: 'unchanged' });
			continue;
		}
		const { digest, listing } = readFolderListing(dir);
		if (known?.digest === digest) {
			outcomes.push({ comicId: folder, outcome: 'unchanged' });
			if (listing || known.listing) relisted.push({ folder, listing: listing && encodeListing(listing) });
		} else toRead.push({ dir, digest, listing });
	}
	await options.folders?.relist?.(relisted);
	let loading: Promise<SeedContext> | undefined;
	const loadContext = () =>
		(loading ??= typeof context === 'function' ? context() : Promise.resolve(context));
	let done = 0;
	for (const { dir, digest, listing } of toRead) {
		if (done > 0 && done % 50 === 0) options.onProgress?.(done, toRead.length);
		done++;
		const { languages, checks } = await loadContext();
		const prepared = await prepareFromFolder(dir, languages, checks);
		if (!prepared.ok) {
			outcomes.push({
				comicId: dir,
				outcome: 'invalid',
				detail: prepared.issues.map(formatIssue).join('; ')
			});
			continue;
		}
		const comicId = prepared.version.document.comicId;
		const remember = () =>
			digest
				? options.folders?.record(
						path.basename(dir),
						digest,
						prepared.version.versionHash,
						listing && encodeListing(listing)
					)
				: undefined;
		const existing = await service.versionsOf(comicId);
		if (existing.some((v) => v.versionHash === prepared.version.versionHash)) {
			await remember();
			outcomes.push({ comicId, outcome: 'unchanged' });
			continue;
		}
		if (existing.some((v) => v.authorId !== author.id)) {
			outcomes.push({ comicId, outcome: 'skipped', detail: 'a real author owns this comic' });
			continue;
		}
		try {
			const sample = knownSamples.has(prepared.version.versionHash);
			const { version } = await service.importVersion(author, prepared.version, {
				source: 'folder',
				demo: sample
			});
			const hash = version.versionHash;
			await service.act(author, hash, 'submit');
			// From here the version exists: the next start finds it unchanged whatever happens below.
			await remember();
			if (!sample) {
				outcomes.push({ comicId, outcome: 'submitted' });
				continue;
			}
			const languagesOfComic = prepared.version.document.manifest.languages.map((l) => l.tag);
			for (const criterion of rubricCriteria(languagesOfComic)) {
				await service.rate(reviewer, hash, criterion, 'meets');
			}
			await service.act(reviewer, hash, 'approve');
			await service.act(reviewer, hash, 'publish');
			outcomes.push({ comicId, outcome: 'published' });
		} catch (error) {
			// A sample comic with gaps stays in review, where the demo reviewer sees why.
			if (!(error instanceof ReviewError)) throw error;
			outcomes.push({ comicId, outcome: 'blocked', detail: error.message });
		}
	}
	return outcomes;
}
