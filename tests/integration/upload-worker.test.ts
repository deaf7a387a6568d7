// Upload processing off the event loop (issue 11 gap 7): hostile packs are refused by the limits of
// the upload workers while the server's own thread keeps answering.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance as nodePerformance } from 'node:perf_hooks';
import { zipSync, type Zippable } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fillFinding } from '../../src/lib/domain/manifest/findings';
import { loadLanguages } from '../../src/lib/server/content/comic-folder';
import { contentChecks } from '../../src/lib/server/content/checks';
import { DEFAULT_LIMITS, prepareFromZip } from '../../src/lib/server/store/prepare';
import { PreparePool } from '../../src/lib/server/store/prepare-pool';
import { zipBomb } from '../../bench/lib/zip-bomb';

const FIXTURES = path.resolve('tests/fixtures/comics');
const MB = 1024 * 1024;

async function zipFolder(dir: string): Promise<Uint8Array> {
	const files: Zippable = {};
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const full = path.join(entry.parentPath, entry.name);
		files[path.relative(dir, full).split(path.sep).join('/')] = new Uint8Array(await readFile(full));
	}
	return zipSync(files);
}

/**
 * How long the main thread was busy (running JavaScript, not waiting for events) while `work` ran:
 * the event loop's own account (`performance.eventLoopUtilization`), so a machine loaded by other
 * processes does not count against the server the way a wall-clock stall would. Inflating a 240 MB
 * pack on this thread would keep it busy for seconds.
 */
const elu = nodePerformance.eventLoopUtilization;

async function mainThreadBusy<T>(work: Promise<T>): Promise<{ value: T; busyMs: number }> {
	const before = elu();
	const value = await work;
	const { active } = elu(before);
	return { value, busyMs: active };
}

describe('upload workers', () => {
	let pool: PreparePool;
	const previous = process.env.KALANSO_COMICS;

	beforeAll(() => {
		process.env.KALANSO_COMICS = FIXTURES;
	});
	afterAll(() => {
		if (previous === undefined) delete process.env.KALANSO_COMICS;
		else process.env.KALANSO_COMICS = previous;
	});
	afterEach(async () => {
		await pool?.close();
	});

	it('prepares a good pack on a worker exactly as on the request thread', async () => {
		pool = new PreparePool({ workers: 1 });
		const zip = await zipFolder(path.join(FIXTURES, 'tiny'));
		const direct = await prepareFromZip(
			zip.slice(),
			await loadLanguages(FIXTURES),
			await contentChecks(FIXTURES)
		);
		const viaWorker = await pool.prepare(zip);
		if (!direct.ok || !viaWorker.ok) throw new Error(JSON.stringify(viaWorker));
		expect(viaWorker.version.versionHash).toBe(direct.version.versionHash);
		expect([...viaWorker.version.files.keys()].sort()).toEqual([...direct.version.files.keys()].sort());
	});

	it('refuses a zip bomb whose directory lies, while the main thread keeps answering', async () => {
		pool = new PreparePool({ workers: 2 });
		// 1.2 GB of zeros in about 1.2 MB, each file claiming 1 KB.
		const bomb = zipBomb({ entries: 12, entryBytes: 100 * MB, declaredBytes: 1024 });
		expect(bomb.byteLength).toBeLessThan(2 * MB);
		const { value: result, busyMs } = await mainThreadBusy(pool.prepare(bomb));
		if (result.ok) throw new Error('the bomb was accepted');
		expect(result.issues.map((i) => i.code)).toEqual(['packFileTooLarge']);
		expect(fillFinding(result.issues[0]!)).toMatch(/MB unpacked, more than the 25 MB allowed for one file/);
		expect(busyMs).toBeLessThan(250);
	});

	it('inflates a pack that stays within the limits off the main thread', async () => {
		pool = new PreparePool({ workers: 1 });
		// Declares its true size, 240 MB, under every limit: on the request thread inflating it alone
		// stalled every other request for about a second.
		const heavy = zipBomb({ entries: 10, entryBytes: 24 * MB });
		await pool.prepare(zipBomb({ entries: 1, entryBytes: 1024 })); // a started worker
		const { value: result, busyMs } = await mainThreadBusy(pool.prepare(heavy));
		expect(result.ok).toBe(false);
		expect(busyMs).toBeLessThan(250);
	});

	it('stops inflating at the total limit when every file is under the per-file one', async () => {
		const limits = { ...DEFAULT_LIMITS, maxFileBytes: 4 * MB, maxTotalBytes: 16 * MB };
		pool = new PreparePool({ workers: 1, limits });
		const bombs = Array.from({ length: 3 }, () =>
			zipBomb({ entries: 8, entryBytes: 3 * MB, declaredBytes: 1024 })
		);
		const { value: results, busyMs } = await mainThreadBusy(Promise.all(bombs.map((b) => pool.prepare(b))));
		for (const result of results) {
			if (result.ok) throw new Error('the bomb was accepted');
			expect(result.issues.map((i) => i.code)).toEqual(['packTooLargeUnpacked']);
			expect(result.issues[0]!.message).toMatch(/unpacks to 1[68](\.\d)? MB, more than the 16 MB allowed/);
		}
		expect(busyMs).toBeLessThan(250);
	});

	it('terminates a pack that takes longer than the time limit and says so', async () => {
		pool = new PreparePool({ workers: 1, timeoutMs: 1 });
		const result = await pool.prepare(await zipFolder(path.join(FIXTURES, 'tiny')));
		if (result.ok) throw new Error('accepted');
		expect(result.issues.map((i) => i.code)).toEqual(['packTooSlow']);
		expect(result.issues[0]!.message).toMatch(/took more than 0 seconds and was stopped/);
		// The pool goes on with a fresh worker.
		pool = new PreparePool({ workers: 1 });
		expect((await pool.prepare(await zipFolder(path.join(FIXTURES, 'tiny')))).ok).toBe(true);
	});

	it('refuses at once when too many packs wait', async () => {
		pool = new PreparePool({ workers: 1, maxQueued: 1, limits: { ...DEFAULT_LIMITS, maxFileBytes: MB } });
		const bomb = () => zipBomb({ entries: 2, entryBytes: 4 * MB, declaredBytes: 1024 });
		const results = await Promise.all([pool.prepare(bomb()), pool.prepare(bomb()), pool.prepare(bomb())]);
		expect(results.map((r) => (r.ok ? 'ok' : r.issues[0]!.code))).toEqual([
			'packFileTooLarge',
			'packFileTooLarge',
			'packServerBusy'
		]);
	});
});
