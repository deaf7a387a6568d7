/**
 * The spoken names of interface languages (issue 17) on real databases (SQLite file, PostgreSQL):
 * a speaker's take is processed by the studio's one path and stored (row + Ogg/MP3 files in the
 * content store) as a draft; bad audio is refused saying why, with nothing stored; the person who
 * recorded it cannot mark it reviewed, another translator or a reviewer can.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLanguages } from '../../src/lib/domain/languages/languages';
import { decodeWav, encodeWav } from '../../src/lib/domain/narration/recording/pcm';
import { sha256Hex } from '../../src/lib/domain/signing/hash';
import { BlobStore } from '../../src/lib/server/store/blobs';
import { processTake } from '../../src/lib/server/studio/narration/process-take';
import {
	kyselyNameRecordingRepository,
	NameRecordingService
} from '../../src/lib/server/translations/name-recordings';
import { engines, insertUsers } from './support/databases';

const languages = parseLanguages(JSON.parse(readFileSync('comics/languages.json', 'utf8')));
/** « Bonjour Moussa ! » read by espeak-ng: 1.5 s with its silences, a name's length. */
const voice = new Uint8Array(readFileSync('tests/fixtures/narration-takes/bubble.wav'));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The voice said `times` times in a row. */
function repeated(times: number): Uint8Array {
	const pcm = decodeWav(voice);
	const samples = new Float32Array(pcm.samples.length * times);
	for (let i = 0; i < times; i++) samples.set(pcm.samples, i * pcm.samples.length);
	return encodeWav({ samples, sampleRate: pcm.sampleRate });
}

for (const engine of engines) {
	describe.skipIf(!engine.available)(`name recordings on ${engine.title}`, () => {
		async function setup() {
			const { db } = await engine.open();
			await insertUsers(
				db,
				[
					{ id: 'tr1', role: 'translator', name: 'Traducteur' },
					{ id: 'tr2', role: 'translator', name: 'Traductrice' },
					{ id: 'rv1', role: 'reviewer', name: 'Relectrice' }
				],
				'2026-12-06T10:00:00.000Z'
			);
			const dir = mkdtempSync(path.join(tmpdir(), 'kalanso-names-'));
			dirs.push(dir);
			const blobs = new BlobStore(path.join(dir, 'blobs'));
			const service = new NameRecordingService({
				repo: kyselyNameRecordingRepository(db),
				files: blobs,
				languages,
				process: async (wav, texts) => processTake(wav, texts),
				now: () => new Date('2026-12-06T11:00:00.000Z')
			});
			return { db, blobs, service };
		}

		it("stores a speaker's take as a draft: the row, and Ogg Opus and MP3 files in the store", async () => {
			const { db, blobs, service } = await setup();
			await service.keep('tr1', 'bm', voice);
			const rows = await db.selectFrom('name_recordings').selectAll().execute();
			expect(rows).toHaveLength(1);
			const row = rows[0]!;
			expect(row).toMatchObject({
				lang: 'bm',
				status: 'draft',
				recorded_by: 'tr1',
				recorded_at: '2026-12-06T11:00:00.000Z',
				reviewed_by: null
			});
			expect(Number(row.duration_ms)).toBeGreaterThan(500);
			expect(Number(row.duration_ms)).toBeLessThanOrEqual(5000);
			const ogg = (await blobs.get(row.ogg_sha256))!;
			const mp3 = (await blobs.get(row.mp3_sha256))!;
			expect(sha256Hex(ogg)).toBe(row.ogg_sha256);
			expect(new TextDecoder().decode(ogg.subarray(0, 4))).toBe('OggS');
			expect(new TextDecoder().decode(ogg.subarray(28, 36))).toBe('OpusHead');
			expect(mp3[0]).toBe(0xff); // an MPEG frame sync
			expect(await service.serves(row.ogg_sha256)).toBe(true);
			expect(await service.serves(row.mp3_sha256)).toBe(true);
			expect(await service.serves(sha256Hex(new Uint8Array([1, 2, 3])))).toBe(false);
		});

		it('refuses bad audio saying why, and keeps what was stored', async () => {
			const { db, service } = await setup();
			await service.keep('tr1', 'bm', voice);
			const before = await db.selectFrom('name_recordings').selectAll().execute();
			const silence = encodeWav({ samples: new Float32Array(24000 * 2), sampleRate: 24000 });
			const cases: [string, Uint8Array, object][] = [
				['not audio', new TextEncoder().encode('<html>not a recording</html>'), { code: 'not-wav' }],
				['silence', silence, { code: 'silence' }],
				['longer than 5 s', repeated(4), { code: 'name-too-long', params: { max: '5' } }],
				['far too long', repeated(12), { code: 'name-too-long', params: { max: '5' } }]
			];
			for (const [what, wav, refusal] of cases) {
				const error = await service.keep('tr2', 'bm', wav).catch((e: unknown) => e);
				expect(error, what).toMatchObject(refusal);
				expect((error as Error).message, what).not.toBe('');
			}
			const tooLong = await service.keep('tr2', 'bm', repeated(4)).catch((e: Error) => e.message);
			expect(tooLong).toMatch(/at most 5 s/);
			expect(await db.selectFrom('name_recordings').selectAll().execute()).toEqual(before);
			const unknown = await service.keep('tr1', 'xx', voice).catch((e: unknown) => e);
			expect(unknown).toMatchObject({ code: 'unknown-language' });
		});

		it('refuses the recorder marking it reviewed; another translator or a reviewer may', async () => {
			const { db, service } = await setup();
			await service.keep('tr1', 'bm', voice);
			await service.keep('tr1', 'bm-Nkoo', voice);
			const own = await service.review('tr1', 'bm').catch((e: unknown) => e);
			expect(own).toMatchObject({ code: 'own-review', status: 403 });
			expect(
				(await db.selectFrom('name_recordings').select('status').where('lang', '=', 'bm').executeTakeFirst())!
					.status
			).toBe('draft');

			await service.review('tr2', 'bm');
			await service.review('rv1', 'bm-Nkoo');
			const rows = await db
				.selectFrom('name_recordings')
				.select(['lang', 'status', 'recorded_by', 'reviewed_by'])
				.orderBy('lang')
				.execute();
			expect(rows).toEqual([
				{ lang: 'bm', status: 'reviewed', recorded_by: 'tr1', reviewed_by: 'tr2' },
				{ lang: 'bm-Nkoo', status: 'reviewed', recorded_by: 'tr1', reviewed_by: 'rv1' }
			]);
			// A new take is a draft again, awaiting review.
			await service.keep('tr2', 'bm', voice);
			expect(await service.review('tr2', 'bm').catch((e: unknown) => e)).toMatchObject({
				code: 'own-review'
			});
			const missing = await service.review('tr1', 'ff').catch((e: unknown) => e);
			expect(missing).toMatchObject({ code: expect.stringMatching(/no-recording|unknown-language/) });
		});
	});
}
