// Issue 11, gap 13: start-up seeding publishes only the bundled samples it knows by version hash;
// any other folder dropped into comics/ becomes a draft submitted for review, through the one
// validation. Runs the real start (startPlatform then startReview) on a copy of comics/.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { BUNDLED_SAMPLES } from '../../src/lib/server/review/bundled-samples';

let base: string;
afterAll(async () => {
	const { database } = await import('../../src/lib/server/db/server');
	await (await database()).close();
	vi.unstubAllEnvs();
	vi.restoreAllMocks();
	vi.resetModules();
	if (base) await rm(base, { recursive: true, force: true });
});

describe('start-up seeding of comics/', () => {
	it('publishes the bundled samples and only submits a new folder for review', async () => {
		base = await mkdtemp(path.join(tmpdir(), 'kalanso-seed-'));
		const comics = path.join(base, 'comics');
		await cp(path.resolve('comics'), comics, {
			recursive: true,
			filter: (src) => !src.includes(`${path.sep}tools`) && !src.includes('node_modules')
		});
		// A valid comic nobody reviewed, dropped into the folder.
		await cp(path.resolve('tests/fixtures/comics/tiny'), path.join(comics, 'tiny'), { recursive: true });
		vi.stubEnv('KALANSO_DATA', path.join(base, 'data'));
		vi.stubEnv('KALANSO_COMICS', comics);
		vi.stubEnv('KALANSO_QUIET', '1');
		vi.stubEnv('DATABASE_URL', '');
		vi.spyOn(console, 'log').mockImplementation(() => {});
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { startPlatform } = await import('../../src/lib/server/auth/startup');
		const { startReview } = await import('../../src/lib/server/review/startup');
		await startPlatform();
		await startReview();

		const { reviewServices } = await import('../../src/lib/server/review/server');
		const { service } = await reviewServices();
		const published = await service.published();
		// The committed list matches the samples as they are (else: npx tsx src/cli/sample-hashes.ts --write).
		expect(Object.fromEntries(published.map((p) => [p.version.comicId, p.version.versionHash]))).toEqual(
			BUNDLED_SAMPLES
		);
		expect(published.every((p) => p.version.demo)).toBe(true);
		const [tiny] = await service.versionsOf('tiny');
		expect(tiny).toMatchObject({ state: 'in_review', approval: null, demo: false, source: 'folder' });
		expect((await service.queue()).versions.map((v) => v.comicId)).toContain('tiny');
		expect(warn.mock.calls.flat().join('\n')).toMatch(/"tiny".*submitted for review, not published/);
	}, 120_000);
});
