import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { IDBFactory } from 'fake-indexeddb';
import { packVersion } from '../../src/lib/domain/packs/format';
import { sha256Hex } from '../../src/lib/domain/signing/hash';
import {
	PACKS_DB_NAME,
	deletePack,
	openPacksDb,
	storedFiles,
	upgradePacksDb,
	type PacksDb,
	type PacksSchema
} from '../../src/lib/offline/db';
import { downloadPack, type DownloadProgress } from '../../src/lib/offline/download';
import {
	DownloadCancelledError,
	DownloadInterruptedError,
	FileCheckError,
	ImportRejectedError,
	NotEnoughSpaceError,
	StorageFullError
} from '../../src/lib/offline/errors';
import { openDeviceSource } from '../../src/lib/offline/device-source';
import {
	fakeAudio,
	fakeServer,
	freshDb,
	makeTestPack,
	quotaAfter as quotaAfterHelper
} from './offline-helpers';

const restorers: (() => void)[] = [];
afterEach(() => restorers.splice(0).forEach((restore) => restore()));

/** See offline-helpers' quotaAfter; undone after each test. */
function quotaAfter(db: PacksDb, limit: number): void {
	restorers.push(quotaAfterHelper(db, limit));
}

describe('downloading a pack into IndexedDB', () => {
	it('stores the core and the chosen language only, checks every file and marks the comic ready', async () => {
		const { db } = await freshDb();
		const tp = makeTestPack();
		const server = fakeServer(tp);
		const progress: DownloadProgress[] = [];
		const stored = await downloadPack(db, 'tiny', {
			languages: ['fr'],
			fetcher: server.fetch,
			onProgress: (p) => progress.push(p)
		});
		expect(stored.status).toBe('ready');
		expect(stored.languages).toEqual(['fr']);
		const files = await storedFiles(db, 'tiny');
		expect(files.map((f) => f.path).sort()).toEqual(['art/page-1.webp', 'audio/fr/p1.ogg', 'comic.json']);
		for (const f of files) {
			expect(sha256Hex(new Uint8Array(await f.blob.arrayBuffer()))).toBe(
				tp.pack.files.find((p) => p.path === f.path)!.sha256
			);
		}
		const total = files.reduce((n, f) => n + f.size, 0);
		expect(stored.bytes).toBe(total);
		// Progress is in bytes, grows monotonically, and ends at the total.
		expect(progress.at(-1)).toMatchObject({ bytesDone: total, bytesTotal: total });
		for (let i = 1; i < progress.length; i++)
			expect(progress[i]!.bytesDone).toBeGreaterThanOrEqual(progress[i - 1]!.bytesDone);
		expect(progress.some((p) => p.bytesDone > 0 && p.bytesDone < total)).toBe(true);
		expect(server.requests.some((r) => r.path.startsWith('audio/bm'))).toBe(false);
	});

	it('refuses a corrupted file and does not mark the comic ready', async () => {
		const { db } = await freshDb();
		const tp = makeTestPack();
		const server = fakeServer(tp);
		const art = tp.bytes.get('art/page-1.webp')!;
		const bad = art.slice();
		bad[100] = bad[100]! ^ 0xff;
		server.corrupt('art/page-1.webp', bad);
		await expect(downloadPack(db, 'tiny', { languages: [], fetcher: server.fetch })).rejects.toBeInstanceOf(
			FileCheckError
		);
		expect((await db.get('packs', 'tiny'))?.status).toBe('downloading');
		expect((await storedFiles(db, 'tiny')).map((f) => f.path)).not.toContain('art/page-1.webp');
		expect(await openDeviceSource(db, 'tiny')).toBeNull();
	});

	it('refuses files that match a rewritten listing but not the approved version, and stores nothing', async () => {
		const { db } = await freshDb();
		const tp = makeTestPack();
		// A mirror swaps the art and rewrites the listing's hash to match; the approval stays.
		const art = tp.bytes.get('art/page-1.webp')!.slice();
		art[100] = art[100]! ^ 0xff;
		const files = tp.pack.files.map((f) =>
			f.path === 'art/page-1.webp' ? { ...f, sha256: sha256Hex(art), size: art.byteLength } : f
		);
		const { format, formatVersion, slug, title, signature } = tp.pack;
		const listing = { format, formatVersion, slug, title, files };
		const bytes = new Map(tp.bytes).set('art/page-1.webp', art);
		const server = fakeServer({
			...tp,
			bytes,
			pack: { ...listing, version: packVersion(listing), signature }
		});
		const refused = downloadPack(db, 'tiny', { languages: ['fr'], fetcher: server.fetch });
		await expect(refused).rejects.toBeInstanceOf(ImportRejectedError);
		expect(await db.get('packs', 'tiny')).toBeUndefined();
		expect(await storedFiles(db, 'tiny')).toEqual([]);
		expect(await openDeviceSource(db, 'tiny')).toBeNull();
	});

	it('resumes after a dropped connection: finished files are not fetched again and a cut file continues with Range', async () => {
		const { db } = await freshDb();
		const tp = makeTestPack('tiny', 600_000);
		const server = fakeServer(tp);
		server.dropOnce('audio/fr/p1.ogg', 200_000);
		await expect(
			downloadPack(db, 'tiny', { languages: ['fr'], fetcher: server.fetch, flushBytes: 64 * 1024 })
		).rejects.toBeInstanceOf(DownloadInterruptedError);
		const partial = await db.get('partials', ['tiny', 'audio/fr/p1.ogg']);
		expect(partial!.blob.size).toBeGreaterThanOrEqual(200_000);
		const before = server.requests.length;

		const stored = await downloadPack(db, 'tiny', { languages: ['fr'], fetcher: server.fetch });
		expect(stored.status).toBe('ready');
		const again = server.requests.slice(before);
		expect(again).toEqual([{ path: 'audio/fr/p1.ogg', range: `bytes=${partial!.blob.size}-` }]);
		const audio = (await storedFiles(db, 'tiny')).find((f) => f.path === 'audio/fr/p1.ogg')!;
		expect(new Uint8Array(await audio.blob.arrayBuffer())).toEqual(tp.bytes.get('audio/fr/p1.ogg'));
		expect(await db.getAll('partials')).toEqual([]);
	});

	it('keeps what it has when the network is down before the pack manifest arrives', async () => {
		const { db } = await freshDb();
		const server = fakeServer(makeTestPack());
		server.offline = true;
		await expect(downloadPack(db, 'tiny', { languages: [], fetcher: server.fetch })).rejects.toBeInstanceOf(
			DownloadInterruptedError
		);
		expect(await db.getAll('packs')).toEqual([]);
	});

	it('refuses up front a comic the storage estimate says will not fit, with the numbers', async () => {
		const { db } = await freshDb();
		const server = fakeServer(makeTestPack());
		const error = await downloadPack(db, 'tiny', {
			languages: ['fr'],
			fetcher: server.fetch,
			estimate: async () => ({ usage: 10_000_000, quota: 10_500_000 })
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NotEnoughSpaceError);
		expect((error as NotEnoughSpaceError).availableBytes).toBe(500_000);
		expect((error as NotEnoughSpaceError).neededBytes).toBeGreaterThan(500_000);
		// Only comic.json was fetched, to tell the formats of each narration file apart (not stored).
		expect(server.requests.map((r) => r.path)).toEqual(['comic.json']);
		expect(await db.getAll('packs')).toEqual([]);
	});

	it('on a quota error mid-download removes the partial comic and keeps the other comics intact', async () => {
		const { db } = await freshDb();
		const other = makeTestPack('other', 10_000);
		const big = makeTestPack('big', 900_000);
		const server = fakeServer(other, big);
		await downloadPack(db, 'other', { languages: ['fr', 'bm'], fetcher: server.fetch });
		quotaAfter(db, 100_000);
		await expect(
			downloadPack(db, 'big', { languages: ['fr'], fetcher: server.fetch })
		).rejects.toBeInstanceOf(StorageFullError);
		expect(await db.get('packs', 'big')).toBeUndefined();
		expect(await storedFiles(db, 'big')).toEqual([]);
		expect(await db.getAll('partials')).toEqual([]);
		const source = await openDeviceSource(db, 'other');
		expect(source?.origin).toBe('device');
		expect(Object.keys(source!.manifest.narration ?? {}).sort()).toEqual(['bm', 'fr']);
		source!.release();
	});

	it('cancelling removes the partial comic', async () => {
		const { db } = await freshDb();
		const server = fakeServer(makeTestPack('tiny', 600_000));
		const controller = new AbortController();
		const result = downloadPack(db, 'tiny', {
			languages: ['fr'],
			fetcher: server.fetch,
			signal: controller.signal,
			onProgress: (p) => p.file === 'audio/fr/p1.ogg' && p.bytesDone > 100_000 && controller.abort()
		});
		await expect(result).rejects.toBeInstanceOf(DownloadCancelledError);
		expect(await db.getAll('packs')).toEqual([]);
		expect(await db.getAll('files')).toEqual([]);
		expect(await db.getAll('partials')).toEqual([]);
	});

	it('adding a language fetches only its files; choosing fewer drops the others', async () => {
		const { db } = await freshDb();
		const server = fakeServer(makeTestPack());
		await downloadPack(db, 'tiny', { languages: ['fr'], fetcher: server.fetch });
		const before = server.requests.length;
		await downloadPack(db, 'tiny', { languages: ['fr', 'bm'], fetcher: server.fetch });
		expect(server.requests.slice(before).map((r) => r.path)).toEqual(['audio/bm/p1.ogg']);
		const stored = await downloadPack(db, 'tiny', { languages: ['bm'], fetcher: server.fetch });
		expect(stored.languages).toEqual(['bm']);
		expect((await storedFiles(db, 'tiny')).map((f) => f.path)).not.toContain('audio/fr/p1.ogg');
	});

	it('delete removes one comic and nothing else', async () => {
		const { db } = await freshDb();
		const server = fakeServer(makeTestPack('a'), makeTestPack('b'));
		await downloadPack(db, 'a', { languages: ['fr'], fetcher: server.fetch });
		await downloadPack(db, 'b', { languages: ['fr'], fetcher: server.fetch });
		await deletePack(db, 'a');
		expect((await db.getAll('packs')).map((p) => p.slug)).toEqual(['b']);
		expect(await storedFiles(db, 'a')).toEqual([]);
		expect(await storedFiles(db, 'b')).toHaveLength(3);
	});
});

describe('the device ComicSource', () => {
	it('reads the manifest and object URLs from IndexedDB, narration limited to stored languages', async () => {
		const { db } = await freshDb();
		const tp = makeTestPack();
		await downloadPack(db, 'tiny', { languages: ['bm'], fetcher: fakeServer(tp).fetch });
		const source = (await openDeviceSource(db, 'tiny'))!;
		expect(source.origin).toBe('device');
		expect(Object.keys(source.manifest.narration!)).toEqual(['bm']);
		const url = source.assetUrl('audio/bm/p1.ogg');
		expect(url).toMatch(/^blob:/);
		expect(source.assetUrl('audio/bm/p1.ogg')).toBe(url);
		const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
		expect(bytes).toEqual(tp.bytes.get('audio/bm/p1.ogg'));
		// A language not stored falls back to the server URL.
		expect(source.assetUrl('audio/fr/p1.ogg')).toBe('/comics/tiny/audio/fr/p1.ogg');
		source.release();
		await expect(fetch(url)).rejects.toThrow();
		source.release();
	});

	it('is null for a comic not on the device', async () => {
		const { db } = await freshDb();
		expect(await openDeviceSource(db, 'nope')).toBeNull();
	});
});

describe('the database upgrade ladder', () => {
	it('upgrades a version 1 database keeping its comics, and adds the partial-file and trust stores', async () => {
		const factory = new IDBFactory();
		const previous = globalThis.indexedDB;
		globalThis.indexedDB = factory;
		const tp = makeTestPack();
		const v1 = await openDB<PacksSchema>(PACKS_DB_NAME, 1, {
			upgrade: (db, oldVersion) => upgradePacksDb(db, oldVersion, 1)
		});
		globalThis.indexedDB = previous;
		expect([...v1.objectStoreNames]).toEqual(['files', 'packs']);
		const audio = tp.bytes.get('audio/fr/p1.ogg')!;
		await v1.put('packs', {
			slug: 'tiny',
			version: tp.pack.version,
			pack: tp.pack,
			languages: ['fr'],
			status: 'ready',
			bytes: 1,
			origin: 'download',
			updatedAt: 0
		});
		for (const f of tp.pack.files.filter((f) => f.language !== 'bm')) {
			await v1.put('files', {
				slug: 'tiny',
				path: f.path,
				version: tp.pack.version,
				sha256: f.sha256,
				size: f.size,
				blob: new Blob([tp.bytes.get(f.path)! as BlobPart], { type: f.type })
			});
		}
		v1.close();

		const db = await openPacksDb(factory);
		expect(db.version).toBe(4);
		// v2 added the partial files; v3 the trust store; v4 (classroom) the results outbox and the joined classes.
		expect([...db.objectStoreNames]).toEqual(['classes', 'files', 'outbox', 'packs', 'partials', 'trust']);
		const source = (await openDeviceSource(db, 'tiny'))!;
		expect(source.manifest.id).toBe('tiny');
		expect(new Uint8Array(await (await fetch(source.assetUrl('audio/fr/p1.ogg'))).arrayBuffer())).toEqual(
			audio
		);
		source.release();
		await db.put('partials', {
			slug: 'tiny',
			path: 'x',
			version: 'v',
			blob: new Blob([fakeAudio(3, 1) as BlobPart])
		});
		expect(await db.count('partials')).toBe(1);
	});
});
