/**
 * One audio format per narration file on a tablet: a download fetches, stores and shares only the
 * first format the browser plays (Opus, else MP3), from a pack whose listing (and approval) keeps
 * every format; the reader and the quiz then see only what is stored.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { sha256Hex } from '../../src/lib/domain/signing/hash';
import { storedFiles } from '../../src/lib/offline/db';
import { downloadPack, fetchDeviceOffer, SPACE_MARGIN_BYTES } from '../../src/lib/offline/download';
import { NotEnoughSpaceError, UnplayableAudioError } from '../../src/lib/offline/errors';
import { openDeviceSource } from '../../src/lib/offline/device-source';
import { exportPack, importPack } from '../../src/lib/offline/share';
import {
	MP3_TYPE,
	OPUS_TYPE,
	fakeServer,
	freshDb,
	makeTestPack,
	plays,
	type TestPack
} from './offline-helpers';

const opusTablet = plays('opus', 'mp3');
const mp3Tablet = plays('mp3');
const CORE = ['art/page-1.webp', 'comic.json', 'quiz.json'];

const sizeOf = (tp: TestPack, paths: string[]) => paths.reduce((n, p) => n + tp.bytes.get(p)!.byteLength, 0);

async function downloaded(canPlay: (type: string) => boolean, languages = ['fr']) {
	const { db } = await freshDb();
	const tp = makeTestPack('tiny', 30_000, { twoFormats: true });
	const server = fakeServer(tp);
	const stored = await downloadPack(db, 'tiny', { languages, fetcher: server.fetch, canPlay });
	return { db, tp, server, stored };
}

describe('a tablet downloads one format of each narration file', () => {
	it.each([
		['that plays Opus: Opus only, never the MP3', opusTablet, 'ogg'],
		['without Opus: MP3 only', mp3Tablet, 'mp3']
	])('a tablet %s', async (_name, canPlay, ext) => {
		const { db, tp, server, stored } = await downloaded(canPlay);
		const audio = [`audio/fr/p1.${ext}`, `audio/quiz/fr/q1.${ext}`];
		const requested = server.requests.map((r) => r.path).sort();
		expect(requested).toEqual([...audio, ...CORE].sort());
		const files = await storedFiles(db, 'tiny');
		expect(files.map((f) => f.path).sort()).toEqual([...audio, ...CORE].sort());
		// Every kept file matches the signed listing; the comic is ready and sized as stored.
		for (const f of files)
			expect(sha256Hex(new Uint8Array(await f.blob.arrayBuffer()))).toBe(
				tp.pack.files.find((p) => p.path === f.path)!.sha256
			);
		expect(stored).toMatchObject({ status: 'ready', languages: ['fr'], version: tp.pack.version });
		expect(stored.bytes).toBe(sizeOf(tp, [...audio, ...CORE]));
		// The pack keeps the server's listing (every format), so the approval still checks.
		expect(stored.pack.files.map((f) => f.path)).toContain('audio/fr/p1.mp3');
		expect(stored.pack.files.map((f) => f.path)).toContain('audio/fr/p1.ogg');
	});

	it('offers sizes in one format, and downloads exactly what it offered', async () => {
		const tp = makeTestPack('tiny', 30_000, { twoFormats: true });
		const { plan } = await fetchDeviceOffer('tiny', (await freshDb()).db, {
			fetcher: fakeServer(tp).fetch,
			canPlay: opusTablet
		});
		expect(plan.coreBytes).toBe(sizeOf(tp, ['art/page-1.webp', 'comic.json', 'quiz.json']));
		expect(plan.languages).toEqual([
			{ tag: 'bm', bytes: sizeOf(tp, ['audio/bm/p1.ogg']) },
			{ tag: 'fr', bytes: sizeOf(tp, ['audio/fr/p1.ogg', 'audio/quiz/fr/q1.ogg']) }
		]);
		const { stored } = await downloaded(opusTablet, ['fr']);
		expect(stored.bytes).toBe(plan.coreBytes + plan.languages[1]!.bytes);
	});

	it('refuses up front with the one-format size, having fetched only comic.json and quiz.json', async () => {
		const { db } = await freshDb();
		const tp = makeTestPack('tiny', 30_000, { twoFormats: true });
		const server = fakeServer(tp);
		const error = await downloadPack(db, 'tiny', {
			languages: ['fr'],
			fetcher: server.fetch,
			canPlay: opusTablet,
			estimate: async () => ({ usage: 0, quota: 1000 })
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NotEnoughSpaceError);
		const oneFormat = sizeOf(tp, [...CORE, 'audio/fr/p1.ogg', 'audio/quiz/fr/q1.ogg']);
		expect((error as NotEnoughSpaceError).neededBytes).toBe(oneFormat + SPACE_MARGIN_BYTES);
		expect(server.requests.map((r) => r.path).sort()).toEqual(['comic.json', 'quiz.json']);
		expect(await db.getAll('packs')).toEqual([]);
		expect(await db.getAll('files')).toEqual([]);
	});

	it('drops the second format an older app stored, on the next download', async () => {
		const { db } = await freshDb();
		const tp = makeTestPack('tiny', 30_000, { twoFormats: true });
		// An older app stored every format, and quiz audio in every language.
		const server = fakeServer(tp);
		for (const f of tp.pack.files)
			await db.put('files', {
				slug: 'tiny',
				path: f.path,
				version: tp.pack.version,
				sha256: f.sha256,
				size: f.size,
				blob: new Blob([tp.bytes.get(f.path)! as BlobPart])
			});
		await downloadPack(db, 'tiny', { languages: ['fr'], fetcher: server.fetch, canPlay: opusTablet });
		expect(server.requests).toEqual([]);
		const paths = (await storedFiles(db, 'tiny')).map((f) => f.path);
		expect(paths.filter((p) => p.endsWith('.mp3'))).toEqual([]);
		expect(paths).not.toContain('audio/bm/p1.ogg');
	});
});

describe('reading a one-format pack', () => {
	it.each([
		['Opus', opusTablet, 'audio/fr/p1.ogg', OPUS_TYPE, 'audio/quiz/fr/q1.ogg'],
		['MP3', mp3Tablet, 'audio/fr/p1.mp3', MP3_TYPE, 'audio/quiz/fr/q1.mp3']
	])('the reader and the quiz get only the stored %s', async (_name, canPlay, src, type, quizSrc) => {
		const { db, tp } = await downloaded(canPlay);
		const source = (await openDeviceSource(db, 'tiny'))!;
		expect(Object.keys(source.manifest.narration!)).toEqual(['fr']);
		expect(source.manifest.narration!.fr!.audio[0]!.sources).toEqual([{ src, type }]);
		const audio = new Uint8Array(await (await fetch(source.assetUrl(src))).arrayBuffer());
		expect(audio).toEqual(tp.bytes.get(src));
		const quiz = JSON.parse(await (await source.readFile!('quiz.json'))!.text());
		expect(quiz.questions[0].narration.fr.prompt.sources.map((s: { src: string }) => s.src)).toEqual([
			quizSrc
		]);
		source.release();
	});

	it('offers no quiz narration in a language not downloaded', async () => {
		const { db } = await downloaded(opusTablet, ['bm']);
		const source = (await openDeviceSource(db, 'tiny'))!;
		const quiz = JSON.parse(await (await source.readFile!('quiz.json'))!.text());
		expect(quiz.questions[0]).not.toHaveProperty('narration');
		expect(Object.keys(source.manifest.narration!)).toEqual(['bm']);
		source.release();
	});
});

describe('sharing a one-format pack between tablets', () => {
	async function exportedFrom(canPlay: (type: string) => boolean) {
		const { db } = await downloaded(canPlay);
		const { blob } = await exportPack(db, 'tiny');
		return { blob, entries: unzipSync(new Uint8Array(await blob.arrayBuffer())) };
	}

	it('exports only the format the tablet kept, and a tablet of the same kind imports it complete', async () => {
		const { blob, entries } = await exportedFrom(opusTablet);
		expect(Object.keys(entries).sort()).toEqual(
			[
				'pack.json',
				'withdrawals.json',
				...[...CORE, 'audio/fr/p1.ogg', 'audio/quiz/fr/q1.ogg'].map((p) => `files/${p}`)
			].sort()
		);
		const { db } = await freshDb();
		const stored = await importPack(db, blob, { canPlay: opusTablet });
		expect(stored).toMatchObject({ status: 'ready', languages: ['fr'], origin: 'import' });
		expect((await storedFiles(db, 'tiny')).map((f) => f.path).sort()).toEqual(
			[...CORE, 'audio/fr/p1.ogg', 'audio/quiz/fr/q1.ogg'].sort()
		);
		const source = (await openDeviceSource(db, 'tiny'))!;
		expect(source.manifest.narration!.fr!.audio[0]!.sources.map((s) => s.src)).toEqual(['audio/fr/p1.ogg']);
		source.release();
	});

	it('an MP3 copy plays on an Opus tablet too (MP3 is kept)', async () => {
		const { blob } = await exportedFrom(mp3Tablet);
		const { db } = await freshDb();
		expect((await importPack(db, blob, { canPlay: opusTablet })).languages).toEqual(['fr']);
		const paths = (await storedFiles(db, 'tiny')).map((f) => f.path);
		expect(paths).toContain('audio/fr/p1.mp3');
		expect(paths).not.toContain('audio/fr/p1.ogg');
	});

	it('refuses an Opus-only copy on a tablet without Opus, saying which languages and formats', async () => {
		const { blob } = await exportedFrom(opusTablet);
		const { db } = await freshDb();
		const error = await importPack(db, blob, { canPlay: mp3Tablet }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(UnplayableAudioError);
		expect(error).toMatchObject({ reason: 'audio-format', languages: ['fr'], formats: ['opus'] });
		expect(await db.getAll('packs')).toEqual([]);
		expect(await db.getAll('files')).toEqual([]);
	});

	it('from a file holding both formats (an older app), keeps only the one this tablet plays', async () => {
		const tp = makeTestPack('tiny', 30_000, { twoFormats: true });
		const entries: Record<string, Uint8Array> = {
			'pack.json': new TextEncoder().encode(JSON.stringify(tp.pack))
		};
		for (const [path, bytes] of tp.bytes) entries[`files/${path}`] = bytes;
		const { db } = await freshDb();
		const stored = await importPack(db, new Blob([zipSync(entries) as BlobPart]), { canPlay: mp3Tablet });
		expect(stored.languages).toEqual(['bm', 'fr']);
		const paths = (await storedFiles(db, 'tiny')).map((f) => f.path);
		expect(paths.filter((p) => p.endsWith('.ogg'))).toEqual([]);
		expect(paths.filter((p) => p.endsWith('.mp3')).sort()).toEqual([
			'audio/bm/p1.mp3',
			'audio/fr/p1.mp3',
			'audio/quiz/fr/q1.mp3'
		]);
		expect(stored.bytes).toBe(sizeOf(tp, paths));
	});

	it('still checks every kept file against the signed listing', async () => {
		const { entries } = await exportedFrom(opusTablet);
		const audio = entries['files/audio/fr/p1.ogg']!.slice();
		audio[10] = audio[10]! ^ 1;
		const { db } = await freshDb();
		const error = await importPack(
			db,
			new Blob([zipSync({ ...entries, 'files/audio/fr/p1.ogg': audio }) as BlobPart]),
			{
				canPlay: opusTablet
			}
		).catch((e: unknown) => e);
		expect(error).toMatchObject({ reason: 'file', detail: expect.stringContaining('audio/fr/p1.ogg') });
		expect(await db.getAll('files')).toEqual([]);
	});

	it('refuses a copy with half a language: the comic narration there, its quiz audio not', async () => {
		const { entries } = await exportedFrom(opusTablet);
		const { 'files/audio/quiz/fr/q1.ogg': _quizAudio, ...rest } = entries;
		const { db } = await freshDb();
		const error = await importPack(db, new Blob([zipSync(rest) as BlobPart]), { canPlay: opusTablet }).catch(
			(e: unknown) => e
		);
		expect(error).toMatchObject({ reason: 'file', detail: expect.stringContaining('audio/quiz/fr/q1') });
	});
});
