/**
 * Sharing a comic without internet: one zip file (fflate) holding the pack manifest and the
 * comic's stored files, carried by USB stick, SD card or Bluetooth and imported on another tablet.
 *
 * Import checks everything before storing anything: the pack manifest (schema and version hash),
 * the approval signature hook, the comic manifest, and the size and SHA-256 of every file it
 * keeps. Then it stores the comic in a single transaction, so a refusal or a full disk leaves
 * nothing partial.
 *
 * A tablet keeps one format of each narration file (src/lib/domain/packs/audio-choice.ts), so a
 * file from another tablet usually holds one format only: that is complete. The importing tablet
 * keeps the first received format it plays, and refuses, saying which languages and formats,
 * a file whose narration it cannot play at all (an Opus-only copy on a tablet without Opus).
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { manifestSchema } from '$lib/domain/manifest/schema';
import {
	QUIZ_PATH,
	audioAlternatives,
	chooseUnitFile,
	packUnits,
	type CanPlayType
} from '$lib/domain/packs/audio-choice';
import {
	COMIC_MANIFEST_PATH,
	PACK_FILES_DIR,
	PACK_MANIFEST_FILE,
	WITHDRAWALS_FILE,
	checkPackManifest,
	totalBytes,
	type PackFile
} from '$lib/domain/packs/format';
import { sha256Hex } from '$lib/domain/signing/hash';
import { isQuotaError, slugRange, storedFiles, type PacksDb, type StoredFile, type StoredPack } from './db';
import { browserCanPlayType, howlerFormat } from '$lib/audio/formats';
import { ImportRejectedError, StorageFullError, UnplayableAudioError, type ImportProblem } from './errors';
import { activeKeys } from '$lib/domain/signing/withdrawal';
import { verifyPackSignature } from './signature';
import { acceptWithdrawalList, refreshTrust, storedWithdrawals } from './trust';

/** File name extension of an exported comic. */
export const PACK_FILE_EXTENSION = '.kalanso.zip';

/** The exported file of a ready comic, named after it and its version. */
export async function exportPack(db: PacksDb, slug: string): Promise<{ blob: Blob; fileName: string }> {
	const stored = await db.get('packs', slug);
	if (!stored || stored.status !== 'ready') throw new Error(`"${slug}" is not downloaded`);
	const entries: Zippable = {
		[PACK_MANIFEST_FILE]: new TextEncoder().encode(JSON.stringify(stored.pack, null, '\t'))
	};
	// The withdrawal list travels with every copy, so a tablet that never reaches the server learns
	// what was withdrawn from the files it receives.
	const { latest } = await storedWithdrawals(db);
	if (latest) entries[WITHDRAWALS_FILE] = new TextEncoder().encode(JSON.stringify(latest));
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

function reject(
	reason: ImportRejectedError['reason'],
	detail: string,
	problem: ImportProblem,
	params: Record<string, string> = {}
): never {
	throw new ImportRejectedError(reason, detail, problem, params);
}

export interface ImportOptions {
	now?: () => number;
	/** Whether this device plays an audio type (default: the browser's `canPlayType`). */
	canPlay?: CanPlayType;
	/** Reaches the server for keys and withdrawals when it can (default: `fetch`). */
	fetcher?: typeof fetch;
}

function parseJsonEntry(bytes: Uint8Array | undefined, name: string): unknown {
	if (!bytes) return undefined;
	try {
		return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch (error) {
		reject('manifest', `${name}: ${(error as Error).message}`, 'file-not-json', { file: name });
	}
}

/** Reads and checks an exported comic; stores it only if every check passes. */
export async function importPack(db: PacksDb, file: Blob, options: ImportOptions = {}): Promise<StoredPack> {
	const now = options.now ?? Date.now;
	const canPlay = options.canPlay ?? browserCanPlayType;
	let entries: Record<string, Uint8Array>;
	try {
		entries = unzipSync(new Uint8Array(await file.arrayBuffer()));
	} catch (error) {
		reject('not-a-pack', `not a zip file (${(error as Error).message})`, 'not-zip');
	}
	const packBytes = entries[PACK_MANIFEST_FILE];
	if (!packBytes) reject('not-a-pack', `${PACK_MANIFEST_FILE} is missing`, 'no-pack-json');
	let raw: unknown;
	try {
		raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(packBytes));
	} catch (error) {
		reject('manifest', `${PACK_MANIFEST_FILE}: ${(error as Error).message}`, 'pack-not-json');
	}
	const checked = checkPackManifest(raw);
	if ('problem' in checked) {
		const problems = {
			invalid: 'pack-invalid',
			'duplicate-file': 'pack-duplicate-file',
			'no-comic': 'pack-no-comic',
			altered: 'pack-altered'
		} as const;
		reject('manifest', `${PACK_MANIFEST_FILE}: ${checked.problem}`, problems[checked.code], {
			field: checked.at
		});
	}
	const { pack } = checked;

	const received = (path: string) => entries[PACK_FILES_DIR + path] !== undefined;
	if (!received(COMIC_MANIFEST_PATH))
		reject('file', `${COMIC_MANIFEST_PATH}: missing`, 'file-missing', { file: COMIC_MANIFEST_PATH });
	const units = packUnits(
		pack,
		audioAlternatives(
			parseJsonEntry(entries[PACK_FILES_DIR + COMIC_MANIFEST_PATH], COMIC_MANIFEST_PATH),
			// Only a listed quiz.json, which is checked below like every kept file.
			pack.files.some((f) => f.path === QUIZ_PATH)
				? parseJsonEntry(entries[PACK_FILES_DIR + QUIZ_PATH], QUIZ_PATH)
				: undefined
		)
	);
	// Which narration languages came along: every file (in some format) of a language, or none.
	// Quiz audio alone does not bring a language: an older tablet kept it in every language.
	const languages: string[] = [];
	const byLanguage = new Map<string, typeof units>();
	for (const unit of units)
		if (unit.language) byLanguage.set(unit.language, [...(byLanguage.get(unit.language) ?? []), unit]);
	for (const [tag, ofLanguage] of byLanguage) {
		const missing = ofLanguage.filter((u) => !u.options.some((o) => received(o.file.path)));
		if (missing.length === 0) languages.push(tag);
		else if (ofLanguage.some((u) => u.languageFrom === 'listing' && !missing.includes(u)))
			reject('file', `${missing[0]!.options[0]!.file.path}: missing`, 'file-missing', {
				file: missing[0]!.options[0]!.file.path
			});
	}
	languages.sort();
	// One file per unit of the core and of those languages: the first received format that plays.
	const chosen: PackFile[] = [];
	const unplayable = new Map<string, Set<string>>();
	for (const unit of units) {
		if (unit.language && !languages.includes(unit.language)) continue;
		const choice = chooseUnitFile(unit, canPlay, received);
		if (!choice)
			reject('file', `${unit.options[0]!.file.path}: missing`, 'file-missing', {
				file: unit.options[0]!.file.path
			});
		if (!choice.playable) {
			const types = unplayable.get(unit.language ?? '') ?? new Set<string>();
			for (const o of unit.options) if (received(o.file.path)) types.add(howlerFormat(o.type) ?? o.type);
			unplayable.set(unit.language ?? '', types);
		}
		chosen.push(choice.file);
	}
	// Listing order, as a download stores them.
	const order = new Map(pack.files.map((f, i) => [f.path, i]));
	chosen.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
	const files: StoredFile[] = [];
	for (const f of chosen) {
		const bytes = entries[PACK_FILES_DIR + f.path];
		if (!bytes) reject('file', `${f.path}: missing`, 'file-missing', { file: f.path });
		if (bytes.byteLength !== f.size)
			reject('file', `${f.path}: ${bytes.byteLength} bytes instead of ${f.size}`, 'file-size', {
				file: f.path
			});
		if (sha256Hex(bytes) !== f.sha256)
			reject('file', `${f.path}: SHA-256 does not match`, 'file-sha256', { file: f.path });
		files.push({
			slug: pack.slug,
			path: f.path,
			version: pack.version,
			sha256: f.sha256,
			size: f.size,
			blob: new Blob([bytes as BlobPart], { type: f.type })
		});
	}
	// Keys and withdrawals: the server's when it can be reached, else those kept on this tablet,
	// plus the withdrawal list the file carries (it counts only if a trusted key signed it).
	let trust = await refreshTrust(db, options.fetcher);
	const carried = entries[WITHDRAWALS_FILE];
	if (carried) {
		let list: unknown = null;
		try {
			list = JSON.parse(new TextDecoder().decode(carried));
		} catch (error) {
			console.warn(`[offline] ${WITHDRAWALS_FILE} of an imported file is not JSON`, error);
		}
		const withdrawals = await acceptWithdrawalList(db, list, trust.keys);
		trust = { keys: activeKeys(trust.keys, withdrawals), withdrawals };
	}
	const verdict = await verifyPackSignature(
		pack,
		new Map(chosen.map((f) => [f.path, entries[PACK_FILES_DIR + f.path]!])),
		trust
	);
	if (!verdict.ok) reject('signature', verdict.detail, verdict.problem, verdict.params);
	const comicJson = entries[PACK_FILES_DIR + COMIC_MANIFEST_PATH]!;
	let comic: unknown;
	try {
		comic = JSON.parse(new TextDecoder().decode(comicJson));
	} catch (error) {
		reject('manifest', `${COMIC_MANIFEST_PATH}: ${(error as Error).message}`, 'comic-invalid');
	}
	const parsedComic = manifestSchema.safeParse(comic);
	if (!parsedComic.success || parsedComic.data.id !== pack.slug)
		reject(
			'manifest',
			`${COMIC_MANIFEST_PATH}: not a valid comic manifest for "${pack.slug}"`,
			'comic-invalid'
		);

	// Last, so a damaged or altered file is reported as such first.
	if (unplayable.size > 0)
		throw new UnplayableAudioError(
			pack.slug,
			pack.title,
			[...unplayable.keys()].filter((tag) => tag !== '').sort(),
			[...new Set([...unplayable.values()].flatMap((types) => [...types]))].sort()
		);

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
