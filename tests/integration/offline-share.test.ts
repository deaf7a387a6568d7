import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { storedFiles } from '../../src/lib/offline/db';
import { downloadPack } from '../../src/lib/offline/download';
import { ImportRejectedError, StorageFullError } from '../../src/lib/offline/errors';
import { openDeviceSource } from '../../src/lib/offline/device-source';
import { exportPack, importPack } from '../../src/lib/offline/share';
import { fakeServer, freshDb, makeTestPack } from './offline-helpers';

async function exported(languages: string[]) {
	const { db } = await freshDb();
	const tp = makeTestPack();
	await downloadPack(db, 'tiny', { languages, fetcher: fakeServer(tp).fetch });
	const { blob, fileName } = await exportPack(db, 'tiny');
	return { tp, blob, fileName, entries: unzipSync(new Uint8Array(await blob.arrayBuffer())) };
}

function rezip(entries: Record<string, Uint8Array>): Blob {
	return new Blob([zipSync(entries) as BlobPart]);
}

async function refusal(blob: Blob): Promise<ImportRejectedError> {
	const { db } = await freshDb();
	const error = await importPack(db, blob).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(ImportRejectedError);
	// Nothing partial is stored.
	expect(await db.getAll('packs')).toEqual([]);
	expect(await db.getAll('files')).toEqual([]);
	return error as ImportRejectedError;
}

describe('exporting and importing a comic as one file', () => {
	it('round-trips a comic with the languages that were downloaded', async () => {
		const { tp, blob, fileName, entries } = await exported(['bm']);
		expect(fileName).toMatch(/^tiny-[0-9a-f]{12}\.kalanso\.zip$/);
		expect(Object.keys(entries).sort()).toEqual([
			'files/art/page-1.webp',
			'files/audio/bm/p1.ogg',
			'files/comic.json',
			'pack.json',
			'withdrawals.json'
		]);
		const { db } = await freshDb();
		const stored = await importPack(db, blob);
		expect(stored).toMatchObject({ slug: 'tiny', status: 'ready', languages: ['bm'], origin: 'import' });
		const source = (await openDeviceSource(db, 'tiny'))!;
		expect(source.manifest.title.fr).toBe(tp.manifest.title.fr);
		const audio = await (await fetch(source.assetUrl('audio/bm/p1.ogg'))).arrayBuffer();
		expect(new Uint8Array(audio)).toEqual(tp.bytes.get('audio/bm/p1.ogg'));
		source.release();
	});

	it('refuses a file whose bytes were altered, naming the file', async () => {
		const { entries } = await exported(['fr']);
		const art = entries['files/art/page-1.webp']!.slice();
		art[50] = art[50]! ^ 1;
		const error = await refusal(rezip({ ...entries, 'files/art/page-1.webp': art }));
		expect(error.reason).toBe('file');
		expect(error.detail).toContain('art/page-1.webp');
	});

	it('refuses a pack manifest edited to match altered bytes (version hash no longer matches)', async () => {
		const { entries } = await exported(['fr']);
		const pack = JSON.parse(new TextDecoder().decode(entries['pack.json']));
		const comic = strToU8('{"tampered":true}');
		const entry = pack.files.find((f: { path: string }) => f.path === 'comic.json');
		entry.size = comic.byteLength;
		const { sha256Hex } = await import('../../src/lib/domain/signing/hash');
		entry.sha256 = sha256Hex(comic);
		const error = await refusal(
			rezip({ ...entries, 'pack.json': strToU8(JSON.stringify(pack)), 'files/comic.json': comic })
		);
		expect(error.reason).toBe('manifest');
		expect(error.detail).toContain('version');
	});

	it('refuses a truncated file, a zip without pack.json, and a file that is not a zip', async () => {
		const { blob, entries } = await exported(['fr']);
		const bytes = new Uint8Array(await blob.arrayBuffer());
		expect((await refusal(new Blob([bytes.slice(0, bytes.length / 2) as BlobPart]))).reason).toBe(
			'not-a-pack'
		);
		const { 'pack.json': _pack, ...withoutManifest } = entries;
		expect((await refusal(rezip(withoutManifest))).reason).toBe('not-a-pack');
		expect((await refusal(new Blob(['hello']))).reason).toBe('not-a-pack');
	});

	it('refuses a comic with a narration language only half there', async () => {
		const { entries } = await exported(['fr']);
		const { 'files/audio/fr/p1.ogg': _audio, ...rest } = entries;
		// Without its only French file, the comic simply has no French narration: accepted.
		const { db } = await freshDb();
		expect((await importPack(db, rezip(rest))).languages).toEqual([]);
		// Without the page art it is refused.
		const { 'files/art/page-1.webp': _art, ...noArt } = entries;
		const error = await refusal(rezip(noArt));
		expect(error.detail).toContain('art/page-1.webp');
	});

	it('on a full disk stores nothing and keeps the previous copy', async () => {
		const { blob } = await exported(['fr', 'bm']);
		const { db } = await freshDb();
		const server = fakeServer(makeTestPack());
		await downloadPack(db, 'tiny', { languages: ['fr'], fetcher: server.fetch });
		const before = await storedFiles(db, 'tiny');
		const proto = Object.getPrototypeOf(db.transaction('files').objectStore('files')) as {
			put: (...args: unknown[]) => Promise<unknown>;
		};
		const original = proto.put;
		proto.put = () => Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError'));
		try {
			await expect(importPack(db, blob)).rejects.toBeInstanceOf(StorageFullError);
		} finally {
			proto.put = original;
		}
		expect((await db.get('packs', 'tiny'))?.languages).toEqual(['fr']);
		expect((await storedFiles(db, 'tiny')).map((f) => f.path)).toEqual(before.map((f) => f.path));
	});
});
