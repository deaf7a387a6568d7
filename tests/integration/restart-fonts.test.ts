// Issue 19: a restart with no comic folder changed does not parse the bundled fonts (text fitting
// keeps ≈ 10 MB of parsed faces and measure caches): they are loaded only when a folder must be
// validated. The real start (startPlatform then startReview, as hooks.server.ts runs them) on SQLite,
// three times over one data folder; the server still serves the comic after the light restart.
import { cp, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Every font file parsed, through opentype.js (content/text-fit-check.ts and the print fonts).
const fonts = vi.hoisted(() => ({ parsed: 0 }));
vi.mock('opentype.js', async (importOriginal) => {
	const real = await importOriginal<
		typeof import('opentype.js') & { default?: typeof import('opentype.js') }
	>();
	const realParse = real.parse ?? real.default!.parse;
	const parse = ((...args: Parameters<typeof realParse>) => {
		fonts.parsed++;
		return realParse(...args);
	}) as typeof realParse;
	return { ...real, parse, default: { ...(real.default ?? real), parse } };
});

let base: string;
let closeDatabase: (() => Promise<void>) | undefined;
afterAll(async () => {
	await closeDatabase?.();
	vi.unstubAllEnvs();
	vi.restoreAllMocks();
	vi.resetModules();
	if (base) await rm(base, { recursive: true, force: true });
});

/** A server start in a fresh module graph (no cached fonts, database or services), as a new process. */
async function start(): Promise<void> {
	await closeDatabase?.();
	vi.resetModules();
	fonts.parsed = 0;
	const { startPlatform } = await import('../../src/lib/server/auth/startup');
	const { startReview } = await import('../../src/lib/server/review/startup');
	await startPlatform();
	await startReview();
	const { database } = await import('../../src/lib/server/db/server');
	closeDatabase = async () => (await database()).close();
}

/** What a browser gets for the comic's manifest and one page image. */
async function serve(slug: string) {
	const manifestRoute = await import('../../src/routes/api/comics/[slug]/+server');
	const fileRoute = await import('../../src/routes/comics/[slug]/[...file]/+server');
	const manifest = await manifestRoute.GET({ params: { slug } } as never);
	const image = await fileRoute.GET({
		params: { slug, file: 'art/page-1.webp' },
		request: new Request(`http://localhost/comics/${slug}/art/page-1.webp`)
	} as never);
	return {
		version: manifest.headers.get('x-kalanso-version'),
		title: ((await manifest.json()) as { title: { fr: string } }).title.fr,
		image: { status: image.status, bytes: new Uint8Array(await image.arrayBuffer()) }
	};
}

describe('a restart with no comic folder changed', () => {
	it('parses no font, serves the comic as before, and validates a folder that changed', async () => {
		base = await mkdtemp(path.join(tmpdir(), 'kalanso-restart-fonts-'));
		const comics = path.join(base, 'comics');
		const tiny = path.join(comics, 'tiny');
		await cp(path.resolve('tests/fixtures/comics/tiny'), tiny, { recursive: true });
		await cp(path.resolve('tests/fixtures/comics/languages.json'), path.join(comics, 'languages.json'));
		// Untouched for a minute: directories changed this very second are walked again (racy).
		const past = Math.floor(Date.now() / 1000) - 60;
		for (const entry of readdirSync(tiny, { withFileTypes: true, recursive: true }))
			await utimes(path.join(entry.parentPath, entry.name), past, past);
		await utimes(tiny, past, past);
		// tiny is published at start-up like a bundled sample: its version hash is a known sample.
		const { prepareFromFolder } = await import('../../src/lib/server/store/prepare');
		const { contentChecks } = await import('../../src/lib/server/content/checks');
		const { loadLanguages } = await import('../../src/lib/server/content/comic-folder');
		const prepared = await prepareFromFolder(tiny, await loadLanguages(comics), await contentChecks(comics));
		if (!prepared.ok) throw new Error(JSON.stringify(prepared.issues));
		const hash = prepared.version.versionHash;
		vi.stubEnv('KALANSO_KNOWN_SAMPLES', hash);
		vi.stubEnv('KALANSO_DATA', path.join(base, 'data'));
		vi.stubEnv('KALANSO_COMICS', comics);
		vi.stubEnv('KALANSO_QUIET', '1');
		vi.stubEnv('DATABASE_URL', '');
		vi.spyOn(console, 'log').mockImplementation(() => {});
		vi.spyOn(console, 'warn').mockImplementation(() => {});

		// First start: tiny is read, validated (fonts parsed) and published.
		await start();
		expect(fonts.parsed).toBeGreaterThan(0);
		const first = await serve('tiny');
		expect(first).toMatchObject({ version: hash, title: "Petite BD d'essai", image: { status: 200 } });
		expect(first.image.bytes).toEqual(new Uint8Array(await readFile(path.join(tiny, 'art', 'page-1.webp'))));

		// Restart, nothing changed: no font parsed, and the same comic served.
		await start();
		expect(fonts.parsed).toBe(0);
		expect(await serve('tiny')).toEqual(first);
		// Serving a comic needs no font either.
		expect(fonts.parsed).toBe(0);

		// Restart after an edit: the folder is validated again (fonts parsed), the new version submitted.
		const file = path.join(tiny, 'comic.json');
		const manifest = JSON.parse(await readFile(file, 'utf8'));
		manifest.title.fr = 'Petite BD relue';
		await writeFile(file, JSON.stringify(manifest, null, '\t'));
		await start();
		expect(fonts.parsed).toBeGreaterThan(0);
		const { reviewServices } = await import('../../src/lib/server/review/server');
		const { service } = await reviewServices();
		expect((await service.versionsOf('tiny')).map((v) => v.state)).toEqual(['in_review', 'published']);
		// Students still get the reviewed version.
		expect((await serve('tiny')).title).toBe("Petite BD d'essai");
	}, 180_000);
});
