/**
 * Sharing a comic without internet: one zip file (fflate) holding the pack manifest and the
 * comic's stored files, carried by USB stick, SD card or Bluetooth and imported on another tablet.
 *
 * Import checks everything before storing anything: the pack manifest (schema and version hash),
 * the approval signature hook, the comic manifest, and the size and SHA-256 of every file. Then
 * it stores the comic in a single transaction, so a refusal or a full disk leaves nothing partial.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { manifestSchema } from '$lib/domain/manifest/schema';
import {
	COMIC_MANIFEST_PATH,
	PACK_FILES_DIR,
	PACK_MANIFEST_FILE,
	checkPackManifest,
	packLanguages,
	sha256HexOf,
	totalBytes,
	type PackFile
} from '$lib/domain/packs/format';
import { isQuotaError, slugRange, storedFiles, type PacksDb, type StoredFile, type StoredPack } from './db';
import { ImportRejectedError, StorageFullError } from './errors';
import { verifyPackSignature } from './signature';

/** File name extension of an exported comic. */
export const PACK_FILE_EXTENSION = '.kalanso.zip';

/** The exported file of a ready comic, named after it and its version. */
export async function exportPack(db: PacksDb, slug: string): Promise<{ blob: Blob; fileName: string }> {
	const stored = await db.get('packs', slug);
	if (!stored || stored.status !== 'ready') throw new Error(`"${slug}" is not downloaded`);
	const entries: Zippable = {
		[PACK_MANIFEST_FILE]: new TextEncoder().encode(JSON.stringify(stored.pack, null, '\t'))
	};
	for (const file of await storedFiles(db, slug)) {
		// Page art and Opus/MP3 audio are already compressed: store them as they are.
		entries[PACK_FILES_DIR + file.path] = [new Uint8Array(await file.blob.arrayBuffer()), { level: 0 }];
	}
	const zip = zipSync(entries, { level: 6 });
	return {
		blob: new Blob([zip as BlobPart], { type: 'application/zip' }),
		fileName: `${slug}-${stored.version.slice(0, 12)}${PACK_FILE_EXTENSION}`
	};
}

function reject(reason: ImportRejectedError['reason'], detail: string): never {
	throw new ImportRejectedError(reason, detail);
}

/** Reads and checks an exported comic; stores it only if every check passes. */
export async function importPack(db: PacksDb, file: Blob, now: () => number = Date.now): Promise<StoredPack> {
	let entries: Record<string, Uint8Array>;
	try {
		entries = unzipSync(new Uint8Array(await file.arrayBuffer()));
	} catch (error) {
		reject('not-a-pack', `not a zip file (${(error as Error).message})`);
	}
	const packBytes = entries[PACK_MANIFEST_FILE];
	if (!packBytes) reject('not-a-pack', `${PACK_MANIFEST_FILE} is missing`);
	let raw: unknown;
	try {
		raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(packBytes));
	} catch (error) {
		reject('manifest', `${PACK_MANIFEST_FILE}: ${(error as Error).message}`);
	}
	const checked = checkPackManifest(raw);
	if ('problem' in checked) reject('manifest', `${PACK_MANIFEST_FILE}: ${checked.problem}`);
	const { pack } = checked;

	// Which narration languages came along: all their files, or none of them.
	const languages: string[] = [];
	for (const { tag } of packLanguages(pack)) {
		const files = pack.files.filter((f) => f.language === tag);
		const present = files.filter((f) => entries[PACK_FILES_DIR + f.path]);
		if (present.length === files.length) languages.push(tag);
		else if (present.length > 0) {
			const missing = files.find((f) => !entries[PACK_FILES_DIR + f.path])!;
			reject('file', `${missing.path}: missing`);
		}
	}
	const chosen: PackFile[] = pack.files.filter((f) => !f.language || languages.includes(f.language));
	const files: StoredFile[] = [];
	for (const f of chosen) {
		const bytes = entries[PACK_FILES_DIR + f.path];
		if (!bytes) reject('file', `${f.path}: missing`);
		if (bytes.byteLength !== f.size)
			reject('file', `${f.path}: ${bytes.byteLength} bytes instead of ${f.size}`);
		if (sha256HexOf(bytes) !== f.sha256) reject('file', `${f.path}: SHA-256 does not match`);
		files.push({
			slug: pack.slug,
			path: f.path,
			version: pack.version,
			sha256: f.sha256,
			size: f.size,
			blob: new Blob([bytes as BlobPart], { type: f.type })
		});
	}
	const verdict = await verifyPackSignature(
		pack,
		new Map(chosen.map((f) => [f.path, entries[PACK_FILES_DIR + f.path]!]))
	);
	if (!verdict.ok) reject('signature', verdict.reason);
	const comicJson = entries[PACK_FILES_DIR + COMIC_MANIFEST_PATH]!;
	let comic: unknown;
	try {
		comic = JSON.parse(new TextDecoder().decode(comicJson));
	} catch (error) {
		reject('manifest', `${COMIC_MANIFEST_PATH}: ${(error as Error).message}`);
	}
	const parsedComic = manifestSchema.safeParse(comic);
	if (!parsedComic.success || parsedComic.data.id !== pack.slug)
		reject('manifest', `${COMIC_MANIFEST_PATH}: not a valid comic manifest for "${pack.slug}"`);

	const record: StoredPack = {
		slug: pack.slug,
		version: pack.version,
		pack,
		languages,
		status: 'ready',
		bytes: totalBytes(chosen),
		origin: 'import',
		updatedAt: now()
	};
	// One transaction: the previous copy of this comic is replaced only if everything is written.
	const tx = db.transaction(['packs', 'files', 'partials'], 'readwrite');
	try {
		const writes: Promise<unknown>[] = [
			tx.objectStore('files').delete(slugRange(pack.slug)),
			tx.objectStore('partials').delete(slugRange(pack.slug)),
			...files.map((f) => tx.objectStore('files').put(f)),
			tx.objectStore('packs').put(record)
		];
		await Promise.all([...writes, tx.done]);
	} catch (error) {
		abortQuietly(tx);
		if (isQuotaError(error)) throw new StorageFullError(pack.slug);
		throw error;
	}
	return record;
}

/** Rolls a transaction back after a failed write; the browser may already have aborted it. */
function abortQuietly(tx: { abort(): void }): void {
	try {
		tx.abort();
	} catch (alreadyFinished) {
		// InvalidStateError: the transaction was aborted by the failure itself, which is the goal.
		void alreadyFinished;
	}
}
