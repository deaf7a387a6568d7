/**
 * A new version of a comic already on the tablet: the old version stays whole and readable until the
 * new one is complete and approved, then the two swap in one transaction. Interrupted, cancelled,
 * out of space or refused, the tablet keeps the old version as it was.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { packVersion } from '../../src/lib/domain/packs/format';
import { sha256Hex } from '../../src/lib/domain/signing/hash';
import { storedFiles, type PacksDb } from '../../src/lib/offline/db';
import { openDeviceSource } from '../../src/lib/offline/device-source';
import { downloadPack } from '../../src/lib/offline/download';
import {
	DownloadCancelledError,
	DownloadInterruptedError,
	ImportRejectedError,
	StorageFullError
} from '../../src/lib/offline/errors';
import {
	fakeServer,
	freshDb,
	makeTestPack,
	type TestPack,
	quotaAfter as quotaAfterHelper
} from './offline-helpers';

const restorers: (() => void)[] = [];
afterEach(() => restorers.splice(0).forEach((restore) => restore()));

/** See offline-helpers' quotaAfter; undone after each test. */
function quotaAfter(db: PacksDb, limit: number): void {
	restorers.push(quotaAfterHelper(db, limit));
}

/** Version 1 ready on a fresh tablet, and version 2 of the same comic (other narration) on the server. */
async function tabletWithVersion1(): Promise<{ db: PacksDb; v1: TestPack; v2: TestPack }> {
	const { db } = await freshDb();
	const v1 = makeTestPack('tiny', 300_000);
	await downloadPack(db, 'tiny', { languages: ['fr'], fetcher: fakeServer(v1).fetch });
	const v2 = makeTestPack('tiny', 400_000);
	expect(v2.pack.version).not.toBe(v1.pack.version);
	return { db, v1, v2 };
}

/** The tablet holds exactly `tp`'s files for French, ready, and the reader opens them. */
async function expectWhole(db: PacksDb, tp: TestPack): Promise<void> {
	const record = await db.get('packs', 'tiny');
	expect(record?.status).toBe('ready');
	expect(record?.version).toBe(tp.pack.version);
	const files = await storedFiles(db, 'tiny');
	expect(files.map((f) => f.path).sort()).toEqual(['art/page-1.webp', 'audio/fr/p1.ogg', 'comic.json']);
	for (const f of files) {
		expect(sha256Hex(new Uint8Array(await f.blob.arrayBuffer())), f.path).toBe(
			tp.pack.files.find((x) => x.path === f.path)!.sha256
		);
	}
	const source = await openDeviceSource(db, 'tiny');
	expect(source?.manifest.id).toBe('tiny');
	source!.release();
}

describe('a new version of a comic on the tablet', () => {
	it('keeps the old version readable while the new one downloads, resumes, then swaps in one step', async () => {
		const { db, v1, v2 } = await tabletWithVersion1();
		const server = fakeServer(v2);
		server.dropOnce('audio/fr/p1.ogg', 150_000);
		await expect(
			downloadPack(db, 'tiny', { languages: ['fr'], fetcher: server.fetch, flushBytes: 32 * 1024 })
		).rejects.toBeInstanceOf(DownloadInterruptedError);
		// Cut off halfway: the student still reads version 1, whole.
		await expectWhole(db, v1);
		expect((await db.get('partials', ['tiny', 'audio/fr/p1.ogg']))?.version).toBe(v2.pack.version);

		const before = server.requests.length;
		const stored = await downloadPack(db, 'tiny', { languages: ['fr'], fetcher: server.fetch });
		expect(stored.version).toBe(v2.pack.version);
		await expectWhole(db, v2);
		expect(await db.getAll('partials')).toEqual([]);
		// The resumed attempt asked only for the rest of the cut file; the unchanged art was never fetched.
		expect(server.requests.slice(before).map((r) => r.path)).toEqual(['audio/fr/p1.ogg']);
		expect(server.requests.map((r) => r.path)).not.toContain('art/page-1.webp');
	});

	it('cancelled, keeps the old version and drops what it fetched of the new one', async () => {
		const { db, v1, v2 } = await tabletWithVersion1();
		const controller = new AbortController();
		const result = downloadPack(db, 'tiny', {
			languages: ['fr'],
			fetcher: fakeServer(v2).fetch,
			signal: controller.signal,
			onProgress: (p) => p.file === 'audio/fr/p1.ogg' && p.bytesDone > 100_000 && controller.abort()
		});
		await expect(result).rejects.toBeInstanceOf(DownloadCancelledError);
		await expectWhole(db, v1);
		expect(await db.getAll('partials')).toEqual([]);
	});

	it('out of space, keeps the old version as it was', async () => {
		const { db, v1, v2 } = await tabletWithVersion1();
		quotaAfter(db, 50_000);
		await expect(
			downloadPack(db, 'tiny', { languages: ['fr'], fetcher: fakeServer(v2).fetch, flushBytes: 16 * 1024 })
		).rejects.toBeInstanceOf(StorageFullError);
		restorers.splice(0).forEach((restore) => restore());
		await expectWhole(db, v1);
		expect(await db.getAll('partials')).toEqual([]);
	});

	it('refused (a listing that is not the approved version), keeps the old version', async () => {
		const { db, v1, v2 } = await tabletWithVersion1();
		const audio = v2.bytes.get('audio/fr/p1.ogg')!.slice();
		audio[10] = audio[10]! ^ 0xff;
		const files = v2.pack.files.map((f) =>
			f.path === 'audio/fr/p1.ogg' ? { ...f, sha256: sha256Hex(audio) } : f
		);
		const { format, formatVersion, slug, title, signature } = v2.pack;
		const listing = { format, formatVersion, slug, title, files };
		const server = fakeServer({
			...v2,
			bytes: new Map(v2.bytes).set('audio/fr/p1.ogg', audio),
			pack: { ...listing, version: packVersion(listing), signature }
		});
		await expect(
			downloadPack(db, 'tiny', { languages: ['fr'], fetcher: server.fetch })
		).rejects.toBeInstanceOf(ImportRejectedError);
		await expectWhole(db, v1);
		expect(await db.getAll('partials')).toEqual([]);
	});
});
