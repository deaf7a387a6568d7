/**
 * The pack store on the device: IndexedDB database `kalanso-packs` (the quiz keeps learners in
 * its own `kalanso-learners` database). The schema is a TypeScript type; upgrades are a ladder of
 * `if (oldVersion < n)` steps that never change once shipped.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { PackManifest } from '$lib/domain/packs/format';
import type { SignedWithdrawalList, WithdrawalState } from '$lib/domain/signing/withdrawal';
import type { ClassOnTablet, OutboxEntry } from './outbox';

export const PACKS_DB_NAME = 'kalanso-packs';
export const PACKS_DB_VERSION = 4;

/** One comic on the device. A comic is readable only when `status` is `ready`. */
export interface StoredPack {
	slug: string;
	version: string;
	pack: PackManifest;
	/** Narration languages stored with this comic. */
	languages: string[];
	/** `downloading` until every file is stored and its SHA-256 checked. */
	status: 'downloading' | 'ready';
	/** Bytes of the files chosen (core + languages). */
	bytes: number;
	/** How the comic arrived. */
	origin: 'download' | 'import';
	updatedAt: number;
}

/**
 * The approved version (content hash) of a comic ready on the device, from its signed approval;
 * null when it is not ready or carries none. What a result made with this copy is tied to.
 */
export function signedVersionHash(stored: StoredPack | undefined): string | null {
	const signed = (stored?.pack.signature as { versionHash?: unknown } | null | undefined)?.versionHash;
	return stored?.status === 'ready' && typeof signed === 'string' ? signed : null;
}

/** One verified file of a comic. */
export interface StoredFile {
	slug: string;
	path: string;
	version: string;
	sha256: string;
	size: number;
	blob: Blob;
}

/** The bytes received so far of a file whose download was cut, to resume with a Range request. */
export interface PartialFile {
	slug: string;
	path: string;
	version: string;
	blob: Blob;
}

/** A comic this tablet deleted because it was withdrawn, until the student has seen the message. */
export interface WithdrawnNotice {
	slug: string;
	title: Record<string, string>;
	versionHash: string;
	/** `version`: reviewers withdrew it; `key`: the key that approved it is no longer trusted. */
	kind: 'version' | 'key';
	at: number;
}

/** What the tablet trusts, kept from its first visit so packs verify with no network (issue 15). */
export type TrustRecord =
	/** As served by /api/keys; ids are derived again when read. */
	| { id: 'keys'; keys: unknown[] }
	| { id: 'withdrawals'; state: WithdrawalState; latest: SignedWithdrawalList | null }
	/** The last list received from the server, kept as is until something verifies it. */
	| { id: 'received'; list: unknown }
	| { id: 'notices'; notices: WithdrawnNotice[] };

export interface PacksSchema extends DBSchema {
	packs: { key: string; value: StoredPack };
	files: { key: [string, string]; value: StoredFile };
	/** Since version 2. */
	partials: { key: [string, string]; value: PartialFile };
	/** Since version 3: approval keys, the withdrawal list, withdrawal notices. */
	trust: { key: TrustRecord['id']; value: TrustRecord };
	/** Since version 4 (classroom): results waiting for the teacher, then kept as sent (outbox.ts). */
	outbox: { key: string; value: OutboxEntry; indexes: { 'by-state': string; 'by-profile': string } };
	/** Since version 4 (classroom): the classes joined on this tablet, for use offline. */
	classes: { key: string; value: ClassOnTablet };
}

export type PacksDb = IDBPDatabase<PacksSchema>;

type UpgradeTx = IDBPTransaction<PacksSchema, StoreNames<PacksSchema>[], 'versionchange'>;

/**
 * The upgrade ladder, up to `target` (tests open older versions with a lower target).
 * v1: packs and their files. v2: partial files, so a cut download resumes inside a file.
 * v3: what the tablet trusts (approval keys, withdrawal list) and withdrawal notices.
 * v4 (classroom): the results outbox and the classes joined on this tablet.
 */
export function upgradePacksDb(db: PacksDb, oldVersion: number, target: number, _tx?: UpgradeTx): void {
	if (oldVersion < 1 && target >= 1) {
		db.createObjectStore('packs', { keyPath: 'slug' });
		db.createObjectStore('files', { keyPath: ['slug', 'path'] });
	}
	if (oldVersion < 2 && target >= 2) {
		db.createObjectStore('partials', { keyPath: ['slug', 'path'] });
	}
	if (oldVersion < 3 && target >= 3) {
		db.createObjectStore('trust', { keyPath: 'id' });
	}
	if (oldVersion < 4 && target >= 4) {
		const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
		outbox.createIndex('by-state', 'state');
		outbox.createIndex('by-profile', 'profileId');
		db.createObjectStore('classes', { keyPath: 'id' });
	}
}

/** Opens (and upgrades) the pack store. `factory` is for tests that bring fake-indexeddb. */
export function openPacksDb(factory?: IDBFactory): Promise<PacksDb> {
	const previous = globalThis.indexedDB;
	// idb opens through the global factory; tests swap it for the duration of the call.
	if (factory) (globalThis as { indexedDB: IDBFactory }).indexedDB = factory;
	try {
		return openDB<PacksSchema>(PACKS_DB_NAME, PACKS_DB_VERSION, {
			upgrade: (db, oldVersion, _newVersion, tx) => upgradePacksDb(db, oldVersion, PACKS_DB_VERSION, tx),
			blocking: (_current, _next, event) => (event.target as IDBDatabase).close()
		});
	} finally {
		if (factory) (globalThis as { indexedDB: IDBFactory }).indexedDB = previous;
	}
}

/** Key range of every file (or partial) of one comic: arrays sort after strings in IndexedDB. */
export function slugRange(slug: string): IDBKeyRange {
	return IDBKeyRange.bound([slug], [slug, []]);
}

/** Removes a comic and everything stored for it, in one transaction. */
export async function deletePack(db: PacksDb, slug: string): Promise<void> {
	const tx = db.transaction(['packs', 'files', 'partials'], 'readwrite');
	await Promise.all([
		tx.objectStore('packs').delete(slug),
		tx.objectStore('files').delete(slugRange(slug)),
		tx.objectStore('partials').delete(slugRange(slug)),
		tx.done
	]);
}

/** Every comic on the device, ready or not, by slug. */
export async function listStoredPacks(db: PacksDb): Promise<StoredPack[]> {
	return db.getAll('packs');
}

/** A comic's verified files. */
export async function storedFiles(db: PacksDb, slug: string): Promise<StoredFile[]> {
	return db.getAll('files', slugRange(slug));
}

/** True for the error a browser raises when the origin's storage quota is used up. */
export function isQuotaError(error: unknown): boolean {
	const e = error as { name?: string; code?: number; inner?: unknown } | null;
	if (!e) return false;
	return e.name === 'QuotaExceededError' || e.code === 22 || (e.inner !== undefined && isQuotaError(e.inner));
}
