/**
 * The library at scale (issue 19): the index of published versions is kept in step with the review
 * workflow by `sync()` (at start-up, and before every library page: two indexed queries when nothing
 * changed), so a request never rebuilds or re-verifies the catalog. A version enters the index only
 * once its approval signature verified (ReviewViews.publishedDocument, the one check students rely
 * on), and a page lists only entries whose approval key is still trusted.
 */
import { summarize, type ComicSummary } from '../../domain/library';
import { foldText, parseLibraryQuery, type LibraryQuery } from '../../domain/library-search';
import type { VersionRecord } from '../review/repositories';
import type { VersionDocument } from '../../domain/signing/version';
import type { PackSummary } from '../packs/build';
import type { LibraryEntry, LibraryFacets, LibraryPage, LibraryRepository } from './repository';

/** What the library needs of the review service. */
export interface PublishedSource {
	getVersion(versionHash: string): Promise<VersionRecord | undefined>;
	publishedDocument(version: VersionRecord): Promise<VersionDocument | null>;
	/**
	 * The version's pack as `/packs` lists it, computed once when it enters the index so listing
	 * packs builds none (issue 19). Null when it cannot be built (a file missing from the store).
	 */
	packSummary?(version: VersionRecord, document: VersionDocument): Promise<PackSummary | null>;
}

/** How many comics a teacher's picker shows at once: type words to find one beyond them. */
export const PICK_LIMIT = 50;

export class LibraryService {
	#syncing: Promise<number> | null = null;
	#facets: Promise<LibraryFacets> | null = null;
	/** The trusted key ids the cached facets were counted with (a key withdrawn later recounts them). */
	#facetsKeys = '';

	constructor(
		private readonly repo: LibraryRepository,
		private readonly source: PublishedSource,
		private readonly trustedKeyIds: () => readonly string[]
	) {}

	/**
	 * Brings the index in step with published versions; returns how many entries changed. Calls that
	 * arrive while one runs wait for it (one sync at a time, no double insert).
	 */
	sync(onProgress?: (done: number, total: number) => void): Promise<number> {
		const run = (this.#syncing ?? Promise.resolve(0)).then(() => this.#sync(onProgress));
		this.#syncing = run.catch(() => 0);
		return run;
	}

	async #sync(onProgress?: (done: number, total: number) => void): Promise<number> {
		const gone = await this.repo.noLongerPublished();
		await this.repo.remove(gone);
		const missing = await this.repo.publishedMissing();
		const batch: LibraryEntry[] = [];
		let done = 0;
		for (const hash of missing) {
			const version = await this.source.getVersion(hash);
			const document = version && (await this.source.publishedDocument(version));
			if (version && document && version.approval) {
				const card = summarize(document.manifest, 'quiz.json' in document.assets);
				const title = card.title[card.referenceLanguage] ?? Object.values(card.title)[0] ?? card.slug;
				const pack = await this.source.packSummary?.(version, document);
				batch.push({
					versionHash: hash,
					comicId: version.comicId,
					keyId: version.approval.keyId,
					sortTitle: foldText(title),
					card,
					...(pack ? { pack } : {})
				});
			}
			done++;
			if (batch.length >= 100) await this.repo.insert(batch.splice(0));
			if (done % 100 === 0) onProgress?.(done, missing.length);
		}
		await this.repo.insert(batch);
		if (gone.length || missing.length) this.#facets = null;
		if (gone.length + missing.length >= 100) await this.repo.analyze();
		return gone.length + missing.length;
	}

	/** One page of results for a library URL's query. */
	async page(query: LibraryQuery): Promise<LibraryPage> {
		await this.sync();
		return this.repo.search(query, this.trustedKeyIds());
	}

	/**
	 * Every comic students can see, as library cards with their version: for pickers that list the
	 * whole catalog (a teacher assigning a comic) without loading and verifying each document.
	 */
	async published(): Promise<Array<{ versionHash: string; card: ComicSummary }>> {
		await this.sync();
		return this.repo.all(this.trustedKeyIds());
	}

	/**
	 * The first `limit` comics students can see whose title, summary or characters hold the words
	 * `q` (the library's own search), with their versions: a teacher's picker, which never lists the
	 * whole catalog.
	 */
	async pick(
		q: string,
		limit = PICK_LIMIT
	): Promise<{ items: Array<{ versionHash: string; card: ComicSummary }>; total: number }> {
		await this.sync();
		return this.repo.pick(parseLibraryQuery(new URLSearchParams({ q })), limit, this.trustedKeyIds());
	}

	/** Those of the comics `slugs` that students can see (published, approved by a trusted key). */
	async publishedComics(
		slugs: readonly string[]
	): Promise<Array<{ versionHash: string; card: ComicSummary }>> {
		await this.sync();
		return this.repo.some(slugs, this.trustedKeyIds());
	}

	/** The filter choices; kept until the index or the trusted keys change. */
	facets(): Promise<LibraryFacets> {
		const keys = this.trustedKeyIds();
		if (keys.join(',') !== this.#facetsKeys) {
			this.#facets = null;
			this.#facetsKeys = keys.join(',');
		}
		this.#facets ??= this.repo.facets(keys).catch((error: unknown) => {
			this.#facets = null;
			throw error;
		});
		return this.#facets;
	}
}
