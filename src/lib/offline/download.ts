/**
 * The download manager: fetches a comic's pack into IndexedDB, file by file.
 *
 * - Resumes without starting over: files already stored (and checked) are skipped, and the bytes
 *   of a file that was cut are kept and the rest asked for with an HTTP Range request.
 * - Checks the size and SHA-256 of every file before storing it; the comic becomes `ready` only
 *   when all its files are stored.
 * - Fetches one format of each narration file: the first the browser plays (Opus, else MP3). The
 *   listing names every format (the approval covers them all); comic.json and quiz.json, fetched
 *   first, say which files are formats of one another (src/lib/domain/packs/audio-choice.ts).
 * - Refuses up front a download the browser's estimate says will not fit, and if the quota is hit
 *   anyway, removes the partial comic and leaves every other comic as it was.
 */
import {
	QUIZ_PATH,
	audioAlternatives,
	devicePlan,
	planFiles,
	type CanPlayType,
	type DevicePlan
} from '$lib/domain/packs/audio-choice';
import {
	COMIC_MANIFEST_PATH,
	checkPackManifest,
	totalBytes,
	type PackFile,
	type PackManifest
} from '$lib/domain/packs/format';
import { sha256Hex } from '$lib/domain/signing/hash';
import { browserCanPlayType } from '$lib/audio/formats';
import { deletePack, isQuotaError, storedFiles, type PacksDb, type StoredFile, type StoredPack } from './db';
import {
	DownloadCancelledError,
	DownloadInterruptedError,
	FileCheckError,
	ImportRejectedError,
	NotEnoughSpaceError,
	PackUnavailableError,
	StorageFullError
} from './errors';
import { verifyPackSignature } from './signature';
import { refreshTrust, type DeviceTrust } from './trust';

export interface DownloadProgress {
	slug: string;
	/** Bytes stored or received so far, of `bytesTotal`. */
	bytesDone: number;
	bytesTotal: number;
	/** The file being fetched, or null between files. */
	file: string | null;
}

export interface DownloadOptions {
	/** Narration languages to store with the comic. */
	languages: readonly string[];
	fetcher?: typeof fetch;
	signal?: AbortSignal;
	onProgress?: (progress: DownloadProgress) => void;
	/** The browser's storage estimate; absent or without quota means "unknown", never "full". */
	estimate?: () => Promise<StorageEstimate | undefined>;
	now?: () => number;
	/** Received bytes between two saves of a partial file (survives a closed tab). */
	flushBytes?: number;
	/** Whether this device plays an audio type (default: the browser's `canPlayType`). */
	canPlay?: CanPlayType;
}

/** Room kept free besides the files themselves (IndexedDB overhead, the app's own caches). */
export const SPACE_MARGIN_BYTES = 2 * 1024 * 1024;

export function packUrl(slug: string): string {
	return `/packs/${encodeURIComponent(slug)}`;
}

export function packFileUrl(pack: Pick<PackManifest, 'slug' | 'version'>, path: string): string {
	const segments = path.split('/').map(encodeURIComponent).join('/');
	return `/packs/${encodeURIComponent(pack.slug)}/${pack.version}/files/${segments}`;
}

/** The server's current pack manifest of a comic, checked (schema, version hash, signature). */
export async function fetchPackManifest(
	slug: string,
	fetcher: typeof fetch,
	trust: DeviceTrust
): Promise<PackManifest> {
	const response = await fetcher(packUrl(slug));
	if (!response.ok) throw new PackUnavailableError(slug, response.status);
	const checked = checkPackManifest(await response.json());
	if ('problem' in checked) {
		throw new ImportRejectedError('manifest', checked.problem, 'pack-invalid', { field: checked.at });
	}
	const verdict = await verifyPackSignature(checked.pack, undefined, trust);
	if (!verdict.ok)
		throw new ImportRejectedError('signature', verdict.detail, verdict.problem, verdict.params);
	return checked.pack;
}

/** Checks a complete file against its pack entry. */
export async function checkFile(file: PackFile, blob: Blob): Promise<void> {
	if (blob.size !== file.size) throw new FileCheckError(file.path, 'size');
	if (sha256Hex(new Uint8Array(await blob.arrayBuffer())) !== file.sha256)
		throw new FileCheckError(file.path, 'sha256');
}

/** The files that say which audio files are formats of one another: comic.json, quiz.json. */
function describingFiles(pack: PackManifest): PackFile[] {
	return pack.files.filter((f) => f.path === COMIC_MANIFEST_PATH || f.path === QUIZ_PATH);
}

function parseJson(bytes: Uint8Array | undefined): unknown {
	if (!bytes) return undefined;
	try {
		return JSON.parse(new TextDecoder().decode(bytes));
	} catch (error) {
		// A manifest that is not JSON is refused by the approval check; here it just names no audio.
		console.warn('[offline] a pack manifest is not JSON', error);
		return undefined;
	}
}

/** What this device downloads of a pack, from the bytes of its comic.json and quiz.json. */
export function planFromDescribingFiles(
	pack: PackManifest,
	bytes: ReadonlyMap<string, Uint8Array>,
	canPlay: CanPlayType
): DevicePlan {
	const alternatives = audioAlternatives(
		parseJson(bytes.get(COMIC_MANIFEST_PATH)),
		parseJson(bytes.get(QUIZ_PATH))
	);
	return devicePlan(pack, alternatives, canPlay);
}

/** A whole small file of the pack, checked against the listing (no resume: a few kilobytes). */
async function fetchWholeFile(
	pack: PackManifest,
	file: PackFile,
	fetcher: typeof fetch,
	signal: AbortSignal | undefined
): Promise<Uint8Array> {
	let blob: Blob;
	try {
		const response = await fetcher(packFileUrl(pack, file.path), { signal });
		if (!response.ok) {
			await response.body?.cancel();
			throw new PackUnavailableError(pack.slug, response.status);
		}
		blob = new Blob([await response.arrayBuffer()], { type: file.type });
	} catch (error) {
		if (error instanceof PackUnavailableError) throw error;
		if (aborted(signal)) throw new DownloadCancelledError(pack.slug);
		throw new DownloadInterruptedError(pack.slug, error);
	}
	await checkFile(file, blob);
	return new Uint8Array(await blob.arrayBuffer());
}

/**
 * The bytes of comic.json and quiz.json: from the device when stored and current, else fetched
 * (and checked against the listing).
 */
async function describingBytes(
	pack: PackManifest,
	have: ReadonlyMap<string, StoredFile>,
	fetcher: typeof fetch,
	signal: AbortSignal | undefined
): Promise<Map<string, Uint8Array>> {
	const bytes = new Map<string, Uint8Array>();
	for (const file of describingFiles(pack)) {
		const stored = have.get(file.path);
		bytes.set(
			file.path,
			stored?.sha256 === file.sha256
				? new Uint8Array(await stored.blob.arrayBuffer())
				: await fetchWholeFile(pack, file, fetcher, signal)
		);
	}
	return bytes;
}

/**
 * What this device would download of a comic on the server: the checked pack listing and its
 * plan (one audio format per narration file, bytes per language), for the download buttons.
 */
export async function fetchDeviceOffer(
	slug: string,
	db: PacksDb,
	options: { fetcher?: typeof fetch; canPlay?: CanPlayType } = {}
): Promise<{ pack: PackManifest; plan: DevicePlan }> {
	const fetcher = options.fetcher ?? fetch;
	const pack = await fetchPackManifest(slug, fetcher, await refreshTrust(db, fetcher));
	const bytes = await describingBytes(pack, new Map(), fetcher, undefined);
	return { pack, plan: planFromDescribingFiles(pack, bytes, options.canPlay ?? browserCanPlayType) };
}

function aborted(signal: AbortSignal | undefined): boolean {
	return signal?.aborted === true;
}

/**
 * Downloads (or resumes, or extends with more languages) a comic's pack. Resolves with the ready
 * comic; rejects with one of the errors of ./errors.ts, after leaving storage in the state that
 * error describes.
 */
export async function downloadPack(db: PacksDb, slug: string, options: DownloadOptions): Promise<StoredPack> {
	const fetcher = options.fetcher ?? fetch;
	const now = options.now ?? Date.now;
	const flushBytes = options.flushBytes ?? 512 * 1024;
	const { signal } = options;
	let pack: PackManifest;
	// Fresh keys and withdrawals: a version withdrawn since the last visit is not downloaded.
	const trust = await refreshTrust(db, fetcher);
	try {
		pack = await fetchPackManifest(slug, fetcher, trust);
	} catch (error) {
		if (error instanceof TypeError || (error as Error).name === 'AbortError')
			throw aborted(signal) ? new DownloadCancelledError(slug) : new DownloadInterruptedError(slug, error);
		throw error;
	}
	const languages = [...new Set(options.languages)].sort();

	const existing = await db.get('packs', slug);
	// A new version of a comic that is ready here: the old one stays readable until the new one is
	// complete and approved. New files wait in `partials` and replace the old ones in one transaction,
	// so the tablet always holds one whole, approved version. Unchanged files (same hash) are kept.
	const upgrading = existing?.status === 'ready' && existing.version !== pack.version;
	if (existing && existing.version !== pack.version && !upgrading) {
		// An unfinished download of an older version: nothing readable to keep.
		await deletePack(db, slug);
	}
	const have = new Map((await storedFiles(db, slug)).map((f) => [f.path, f]));
	// comic.json and quiz.json first: they say which files are formats of one another.
	const describing = await describingBytes(pack, have, fetcher, signal);
	const plan = planFromDescribingFiles(pack, describing, options.canPlay ?? browserCanPlayType);
	const wanted = planFiles(plan, languages);
	const bytesTotal = totalBytes(wanted);
	const allPartials = await db.getAll('partials', IDBKeyRange.bound([slug], [slug, []]));
	// Bytes of another version cannot be resumed: the file may have changed.
	for (const p of allPartials) if (p.version !== pack.version) await db.delete('partials', [slug, p.path]);
	const partials = new Map(allPartials.filter((p) => p.version === pack.version).map((p) => [p.path, p]));
	const todo = wanted.filter((f) => have.get(f.path)?.sha256 !== f.sha256);
	let bytesDone = totalBytes(wanted.filter((f) => have.get(f.path)?.sha256 === f.sha256));
	const partialBytes = todo.reduce((n, f) => n + (partials.get(f.path)?.blob.size ?? 0), 0);

	const estimate = await options.estimate?.().catch(() => undefined);
	if (estimate?.quota !== undefined && estimate.usage !== undefined) {
		const needed = totalBytes(todo) - partialBytes + SPACE_MARGIN_BYTES;
		const available = Math.max(0, estimate.quota - estimate.usage);
		if (needed > available) throw new NotEnoughSpaceError(needed, available);
	}

	const report = (file: string | null, extra = 0) =>
		options.onProgress?.({ slug, bytesDone: bytesDone + extra, bytesTotal, file });
	const record: StoredPack = {
		slug,
		version: pack.version,
		pack,
		languages,
		status: 'downloading',
		bytes: bytesTotal,
		origin: 'download',
		updatedAt: now()
	};

	/** Checked files of the new version waiting in `partials` (upgrades only). */
	const staged = new Map<string, Blob>();
	try {
		if (!upgrading) await db.put('packs', record);
		report(null);
		for (const file of todo) {
			if (aborted(signal)) throw new DownloadCancelledError(slug);
			const fetched = describing.get(file.path);
			const partial = partials.get(file.path)?.blob;
			if (fetched) {
				const blob = new Blob([fetched as BlobPart], { type: file.type });
				if (upgrading) staged.set(file.path, await stageFile(db, pack, file, blob));
				else await storeFile(db, pack, file, blob);
			} else if (upgrading && partial?.size === file.size && (await fileMatches(file, partial))) {
				staged.set(file.path, partial); // staged by an earlier, interrupted attempt
			} else {
				const blob = await fetchOneFile(db, pack, file, partial, {
					fetcher,
					signal,
					flushBytes,
					stage: upgrading,
					onBytes: (received) => report(file.path, received)
				});
				if (upgrading) staged.set(file.path, blob);
			}
			bytesDone += file.size;
			report(null);
		}
		// Every file matches the listing; now tie the listing to the approval, as an import does, so
		// a server (or a proxy) that swapped the listing's hashes cannot slip in unapproved content.
		const comicBytes = describing.get(COMIC_MANIFEST_PATH) ?? null;
		const approved = await verifyPackSignature(
			pack,
			new Map(comicBytes ? [[COMIC_MANIFEST_PATH, comicBytes]] : []),
			trust
		);
		if (!approved.ok) {
			await (upgrading ? dropStaged(db, slug) : deletePack(db, slug));
			throw new ImportRejectedError('signature', approved.detail, approved.problem, approved.params);
		}
		// Files of languages no longer chosen go (and formats this device does not play, which an
		// older version of the app stored), so the stored size is what the user picked.
		const keep = new Set(wanted.map((f) => f.path));
		const tx = db.transaction(['packs', 'files', 'partials'], 'readwrite');
		for (const path of have.keys()) if (!keep.has(path)) void tx.objectStore('files').delete([slug, path]);
		// An upgrade swaps in the staged files here, with the record: old or new, never a mix.
		for (const [path, blob] of staged) {
			const file = wanted.find((f) => f.path === path)!;
			void tx.objectStore('files').put(storedFile(pack, file, blob));
			void tx.objectStore('partials').delete([slug, path]);
		}
		const ready: StoredPack = { ...record, status: 'ready', updatedAt: now() };
		void tx.objectStore('packs').put(ready);
		await tx.done;
		return ready;
	} catch (error) {
		if (isQuotaError(error)) {
			await (upgrading ? dropStaged(db, slug) : deletePack(db, slug));
			throw new StorageFullError(slug);
		}
		if (error instanceof DownloadCancelledError || aborted(signal)) {
			await (upgrading ? dropStaged(db, slug) : deletePack(db, slug));
			throw error instanceof DownloadCancelledError ? error : new DownloadCancelledError(slug);
		}
		throw error;
	}
}

interface FetchContext {
	fetcher: typeof fetch;
	signal: AbortSignal | undefined;
	flushBytes: number;
	/** Keep the checked file in `partials` (an upgrade's staging) instead of storing it. */
	stage?: boolean;
	onBytes: (received: number) => void;
}

/**
 * Fetches one file (resuming from `partial`), checks it, and stores it (dropping its partial) or,
 * when staging, keeps it whole in `partials`. Returns the checked file.
 */
async function fetchOneFile(
	db: PacksDb,
	pack: PackManifest,
	file: PackFile,
	partial: Blob | undefined,
	ctx: FetchContext
): Promise<Blob> {
	const key: [string, string] = [pack.slug, file.path];
	let saved: Blob = partial && partial.size < file.size ? partial : new Blob([]);
	const headers: Record<string, string> = saved.size > 0 ? { range: `bytes=${saved.size}-` } : {};
	let response: Response;
	try {
		response = await ctx.fetcher(packFileUrl(pack, file.path), { headers, signal: ctx.signal });
	} catch (error) {
		if (aborted(ctx.signal)) throw new DownloadCancelledError(pack.slug);
		throw new DownloadInterruptedError(pack.slug, error);
	}
	if (response.status === 206) {
		const start = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '')?.[1];
		if (Number(start) !== saved.size) {
			await response.body?.cancel();
			await db.delete('partials', key);
			throw new DownloadInterruptedError(pack.slug, new Error('unexpected Content-Range'));
		}
	} else if (response.ok) {
		saved = new Blob([]); // The server sent the whole file: start this file over.
	} else {
		await response.body?.cancel();
		throw new PackUnavailableError(pack.slug, response.status);
	}

	let pending: Uint8Array[] = [];
	let pendingBytes = 0;
	const flush = async () => {
		if (pendingBytes === 0) return;
		saved = new Blob([saved, ...(pending as BlobPart[])]);
		pending = [];
		pendingBytes = 0;
		await db.put('partials', { slug: pack.slug, path: file.path, version: pack.version, blob: saved });
	};
	const reader = response.body?.getReader();
	try {
		ctx.onBytes(saved.size);
		while (reader) {
			const { done, value } = await reader.read();
			if (done) break;
			if (aborted(ctx.signal)) {
				await reader.cancel();
				throw new DownloadCancelledError(pack.slug);
			}
			pending.push(value);
			pendingBytes += value.byteLength;
			ctx.onBytes(saved.size + pendingBytes);
			if (pendingBytes >= ctx.flushBytes) await flush();
		}
	} catch (error) {
		if (isQuotaError(error) || error instanceof DownloadCancelledError) throw error;
		if (aborted(ctx.signal)) throw new DownloadCancelledError(pack.slug);
		// Keep what arrived, so the next attempt asks only for the rest.
		await flush();
		throw new DownloadInterruptedError(pack.slug, error);
	}
	const blob = new Blob([saved, ...(pending as BlobPart[])], { type: file.type });
	try {
		await checkFile(file, blob);
	} catch (error) {
		await db.delete('partials', key);
		throw error;
	}
	if (ctx.stage) return stageFile(db, pack, file, blob);
	await storeFile(db, pack, file, blob);
	return blob;
}

/** Whether a whole file matches its pack entry. */
async function fileMatches(file: PackFile, blob: Blob): Promise<boolean> {
	try {
		await checkFile(file, blob);
		return true;
	} catch {
		return false;
	}
}

/** Keeps a checked file of a new version in `partials` until the whole version is in. */
async function stageFile(db: PacksDb, pack: PackManifest, file: PackFile, blob: Blob): Promise<Blob> {
	await db.put('partials', { slug: pack.slug, path: file.path, version: pack.version, blob });
	return blob;
}

/** Drops an upgrade's staged files; the version already on the tablet stays as it was. */
async function dropStaged(db: PacksDb, slug: string): Promise<void> {
	await db.delete('partials', IDBKeyRange.bound([slug], [slug, []]));
}

function storedFile(pack: PackManifest, file: PackFile, blob: Blob): StoredFile {
	return {
		slug: pack.slug,
		path: file.path,
		version: pack.version,
		sha256: file.sha256,
		size: file.size,
		blob
	};
}

/** Stores a checked file and drops its partial, in one transaction. */
async function storeFile(db: PacksDb, pack: PackManifest, file: PackFile, blob: Blob): Promise<void> {
	const tx = db.transaction(['files', 'partials'], 'readwrite');
	await Promise.all([
		tx.objectStore('files').put(storedFile(pack, file, blob)),
		tx.objectStore('partials').delete([pack.slug, file.path]),
		tx.done
	]);
}
