/**
 * Keeping a recorded take, on the review service with in-memory repositories and a real content
 * store: the new version is made through the one validation, holds the encoded files, unblocks
 * approval; bad takes are refused, saying why, and store nothing.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staleClips } from '../../../domain/narration/checks';
import { rubricCriteria } from '../../../domain/review/rubric';
import { probeAudio } from '../../content/audio-probe';
import { contentChecks } from '../../content/checks';
import { loadLanguages } from '../../content/comic-folder';
import { ephemeralSigner } from '../../review/keys';
import { memoryReviewRepositories } from '../../review/memory-repositories';
import { ReviewService, type ReviewUser } from '../../review/service';
import { BlobStore } from '../../store/blobs';
import { prepareFromFolder } from '../../store/prepare';
import { VersionStore } from '../../store/versions';
import { keepTake, TakeError, type TakeRequest } from './keep-take';

const FIXTURES = path.resolve('tests/fixtures/comics');
const TAKES = path.resolve('tests/fixtures/narration-takes');
const author: ReviewUser = { id: '00000000-0000-4000-8000-00000000000a', role: 'author' };
const reviewer: ReviewUser = { id: '00000000-0000-4000-8000-00000000000c', role: 'reviewer' };

let dir: string;
let store: VersionStore;
let service: ReviewService;
let v1: string;

beforeEach(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'kalanso-studio-'));
	store = new VersionStore(new BlobStore(path.join(dir, 'blobs')));
	let clock = Date.parse('2026-03-01T08:00:00.000Z');
	service = new ReviewService({
		repos: await memoryReviewRepositories({ [author.id]: 'Awa Author', [reviewer.id]: 'Fatou Reviewer' }),
		store,
		signer: ephemeralSigner(),
		trusted: [],
		validation: async () => ({
			languages: await loadLanguages(FIXTURES),
			checks: await contentChecks(FIXTURES)
		}),
		now: () => new Date((clock += 1000))
	});
	const prepared = await prepareFromFolder(path.join(FIXTURES, 'tiny'), await loadLanguages(FIXTURES));
	if (!prepared.ok) throw new Error(JSON.stringify(prepared.issues));
	v1 = (await service.importVersion(author, prepared.version, { source: 'folder' })).version.versionHash;
});

afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

const wav = async (name: string) => new Uint8Array(await readFile(path.join(TAKES, `${name}.wav`)));
const request = async (over: Partial<TakeRequest> = {}): Promise<TakeRequest> => ({
	language: 'fr',
	voice: 'Mariam Koné',
	targets: ['p1-1-b1'],
	wav: await wav('bubble'),
	...over
});

async function refused(promise: Promise<unknown>): Promise<TakeError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(TakeError);
	return error as TakeError;
}

describe('keeping a narration take', { timeout: 60_000 }, () => {
	it('re-records only the stale clip: a new version whose clip plays the new files, and approval is no longer blocked', async () => {
		const stale = await service.editTexts(author, v1, [
			{ target: 'p1-1-b1', language: 'fr', text: 'Bonjour Moussa !!' }
		]);
		const before = (await service.detail(author, stale.versionHash)).document;
		expect(staleClips(before.manifest, 'fr').map((s) => s.target)).toEqual(['p1-1-b1']);

		const kept = await keepTake(service, author, stale.versionHash, await request());
		expect(kept.versionHash).not.toBe(stale.versionHash);
		expect(kept).toMatchObject({ state: 'draft', source: 'edit' });
		const doc = (await service.detail(author, kept.versionHash)).document;
		expect(staleClips(doc.manifest, 'fr')).toEqual([]);
		const narration = doc.manifest.narration!.fr!;
		const clip = narration.clips.find((c) => c.target === 'p1-1-b1')!;
		const audio = narration.audio.find((a) => a.id === clip.audio)!;
		expect(audio.sources.map((s) => s.type)).toEqual(['audio/ogg; codecs=opus', 'audio/mpeg']);
		for (const source of audio.sources) {
			const file = store.assetFile(doc, source.src);
			expect(file).not.toBeNull();
			const probe = await probeAudio(file!);
			expect(probe.kind).toBe('audio');
			expect((probe as { durationSec: number }).durationSec).toBeGreaterThanOrEqual(clip.endSec - 0.05);
		}
		// Trimmed: the fixture's 0.3 s of noise before the voice and 0.5 s after are mostly gone.
		expect(clip.endSec - clip.startSec).toBeLessThan(1.2);
		// The other clips still play the old page file; the version made from is unchanged.
		expect(narration.clips.find((c) => c.target === 'p1-2-b1')!.audio).toBe('p1-fr');
		expect(
			staleClips((await service.detail(author, stale.versionHash)).document.manifest, 'fr')
		).toHaveLength(1);
		expect(narration.voice).toContain('Mariam Koné');

		await service.act(author, kept.versionHash, 'submit');
		for (const c of rubricCriteria(doc.manifest.languages.map((l) => l.tag)))
			await service.rate(reviewer, kept.versionHash, c, 'meets');
		expect((await service.detail(reviewer, kept.versionHash)).readiness.blockers).toEqual([]);
		await service.act(reviewer, kept.versionHash, 'approve');
	});

	it('splits a page read in one take into its bubbles, at the pauses, in reading order', async () => {
		const targets = ['p1-1-b1', 'p1-2-b1', 'p1-2-b2'];
		const kept = await keepTake(service, author, v1, await request({ targets, wav: await wav('tiny-page') }));
		const narration = (await service.detail(author, kept.versionHash)).document.manifest.narration!.fr!;
		const clips = targets.map((t) => narration.clips.find((c) => c.target === t)!);
		expect(new Set(clips.map((c) => c.audio)).size).toBe(1);
		for (let i = 1; i < clips.length; i++)
			expect(clips[i]!.startSec).toBeGreaterThanOrEqual(clips[i - 1]!.endSec);
		// The old page file is no longer used by any clip: it left the narration, and the version.
		expect(narration.audio.map((a) => a.id)).toEqual([clips[0]!.audio]);
		const assets = Object.keys((await service.detail(author, kept.versionHash)).document.assets);
		expect(assets).not.toContain('audio/fr/p1.ogg');
		expect(assets).toContain('audio/en/p1.ogg');
		expect(assets).toContain('art/page-1.webp');
		expect(assets).toContain('quiz.json');
		expect(narration.status).toBe('complete');
	});

	it('records a panel description: a clip of the panel, the bubbles untouched', async () => {
		const kept = await keepTake(service, author, v1, await request({ targets: ['p1-2'] }));
		const narration = (await service.detail(author, kept.versionHash)).document.manifest.narration!.fr!;
		expect(narration.clips.find((c) => c.target === 'p1-2')!.audio).toMatch(/^rec-p1-2-/);
		expect(narration.clips.filter((c) => c.audio === 'p1-fr')).toHaveLength(3);
	});

	it('uses the split points the author dragged', async () => {
		const truth = JSON.parse(await readFile(path.join(TAKES, 'truth.json'), 'utf8'));
		const points: number[] = truth['tiny-page'].pointsSec;
		const targets = ['p1-1-b1', 'p1-2-b1', 'p1-2-b2'];
		const moved = [points[0]! + 0.2, points[1]!];
		const kept = await keepTake(
			service,
			author,
			v1,
			await request({ targets, wav: await wav('tiny-page'), pointsSec: moved })
		);
		const clips = (await service.detail(author, kept.versionHash)).document.manifest.narration!.fr!.clips;
		const first = clips.find((c) => c.target === 'p1-1-b1')!;
		const second = clips.find((c) => c.target === 'p1-2-b1')!;
		// The second clip now starts at the moved point (less the trimmed lead), not at the voice.
		expect(second.startSec).toBeGreaterThanOrEqual(first.endSec);
		expect(second.startSec - first.startSec).toBeGreaterThan(points[0]! - 0.4);
		const error = await refused(
			keepTake(
				service,
				author,
				v1,
				await request({ targets, wav: await wav('tiny-page'), pointsSec: [points[1]!, points[0]!] })
			)
		);
		expect(error.code).toBe('bad-split');
	});

	it.each([
		['garbage bytes', async () => new TextEncoder().encode('GIF89a not a recording at all'), 'not-wav'],
		[
			'a WAV of silence',
			async () =>
				(await import('../../../domain/narration/recording/pcm')).encodeWav({
					samples: new Float32Array(48000),
					sampleRate: 16000
				}),
			'silence'
		],
		['a page-long take for one short bubble', () => wav('page-c'), 'too-long']
	])('refuses %s, storing nothing', async (_, bytes, code) => {
		const error = await refused(keepTake(service, author, v1, await request({ wav: await bytes() })));
		expect(error.code).toBe(code);
		expect(error.message.length).toBeGreaterThan(10);
		expect((await service.versionsOf('tiny')).map((v) => v.versionHash)).toEqual([v1]);
	});

	it('refuses a target without text in the language, and an unknown language', async () => {
		expect(
			(await refused(keepTake(service, author, v1, await request({ language: 'bm', targets: ['p1-2-b1'] }))))
				.code
		).toBe('no-text');
		expect((await refused(keepTake(service, author, v1, await request({ language: 'xx' })))).code).toBe(
			'unknown-language'
		);
	});
});
