import { describe, expect, it } from 'vitest';
import {
	audioAlternatives,
	chooseUnitFile,
	devicePlan,
	narrationOnDevice,
	packUnits,
	planBytes,
	planFiles,
	quizNarrationOnDevice,
	type CanPlayType
} from './audio-choice';
import type { PackFile } from './format';
import type { Manifest } from '../manifest/schema';

const OPUS = 'audio/ogg; codecs=opus';
const MP3 = 'audio/mpeg';
const sha = (c: string) => c.repeat(64);

const files: PackFile[] = [
	{ path: 'comic.json', size: 10, sha256: sha('a'), type: 'application/json' },
	{ path: 'quiz.json', size: 5, sha256: sha('b'), type: 'application/json' },
	{ path: 'art/p1.webp', size: 100, sha256: sha('c'), type: 'image/webp' },
	{ path: 'audio/fr/p1.ogg', size: 40, sha256: sha('d'), type: 'audio/ogg', language: 'fr' },
	{ path: 'audio/fr/p1.mp3', size: 80, sha256: sha('e'), type: 'audio/mpeg', language: 'fr' },
	{ path: 'audio/en/p1.ogg', size: 30, sha256: sha('f'), type: 'audio/ogg', language: 'en' },
	{ path: 'audio/en/p1.mp3', size: 60, sha256: sha('0'), type: 'audio/mpeg', language: 'en' },
	// Quiz audio: the listing gives it no language.
	{ path: 'audio/quiz/fr/q1.ogg', size: 7, sha256: sha('1'), type: 'audio/ogg' },
	{ path: 'audio/quiz/fr/q1.mp3', size: 9, sha256: sha('2'), type: 'audio/mpeg' }
];
const pack = { files };

const both = (base: string) => [
	{ src: `${base}.ogg`, type: OPUS },
	{ src: `${base}.mp3`, type: MP3 }
];
const comic = {
	narration: {
		fr: { audio: [{ id: 'p1-fr', sources: both('audio/fr/p1'), durationSec: 3 }] },
		en: { audio: [{ id: 'p1-en', sources: both('audio/en/p1'), durationSec: 3 }] }
	}
};
const quizClip = (startSec: number) => ({
	sources: both('audio/quiz/fr/q1'),
	startSec,
	endSec: startSec + 1
});
const quiz = {
	questions: [
		{
			id: 'q1',
			narration: {
				fr: { prompt: quizClip(0), options: { a: quizClip(1), b: quizClip(2) }, explanation: quizClip(3) }
			}
		},
		{ id: 'q2' }
	]
};
const alternatives = audioAlternatives(comic, quiz);

/** A browser's answers to canPlayType, by the formats it plays. */
const plays =
	(...formats: ('opus' | 'mp3')[]): CanPlayType =>
	(type) =>
		(formats.includes('opus') && type.includes('opus')) || (formats.includes('mp3') && type === MP3);

describe('audioAlternatives', () => {
	it('lists each narration file of the comic and each quiz clip with its formats, Opus first', () => {
		expect(alternatives.map((a) => [a.language, a.from, a.sources.map((s) => s.src)])).toEqual([
			['fr', 'comic', ['audio/fr/p1.ogg', 'audio/fr/p1.mp3']],
			['en', 'comic', ['audio/en/p1.ogg', 'audio/en/p1.mp3']],
			...Array.from({ length: 4 }, () => ['fr', 'quiz', ['audio/quiz/fr/q1.ogg', 'audio/quiz/fr/q1.mp3']])
		]);
	});
	it.each([
		['no narration', {}, undefined],
		['narration that is not an object', { narration: 3 }, { questions: 'x' }],
		['sources without a type', { narration: { fr: { audio: [{ sources: [{ src: 'a.ogg' }] }] } } }, null]
	])('reads %s as nothing', (_name, c, q) => expect(audioAlternatives(c, q)).toEqual([]));
});

describe('packUnits', () => {
	const units = packUnits(pack, alternatives);
	it('makes one unit per audio file (its formats) and one per other file, each file in one unit', () => {
		expect(units.map((u) => [u.language, u.languageFrom, u.options.map((o) => o.file.path)])).toEqual([
			['fr', 'listing', ['audio/fr/p1.ogg', 'audio/fr/p1.mp3']],
			['en', 'listing', ['audio/en/p1.ogg', 'audio/en/p1.mp3']],
			['fr', 'quiz', ['audio/quiz/fr/q1.ogg', 'audio/quiz/fr/q1.mp3']],
			[undefined, null, ['comic.json']],
			[undefined, null, ['quiz.json']],
			[undefined, null, ['art/p1.webp']]
		]);
		expect(units.flatMap((u) => u.options.map((o) => o.file.path)).sort()).toEqual(
			files.map((f) => f.path).sort()
		);
	});
	it('asks about the type the comic gives (with its codec), not the listing type', () =>
		expect(units[0]!.options.map((o) => o.type)).toEqual([OPUS, MP3]));
	it('keeps a narration file shared by two languages in the core, as the listing does', () => {
		const shared = { path: 'audio/both.ogg', size: 1, sha256: sha('3'), type: 'audio/ogg' };
		const alts = audioAlternatives({
			narration: {
				fr: { audio: [{ sources: [{ src: shared.path, type: OPUS }] }] },
				bm: { audio: [{ sources: [{ src: shared.path, type: OPUS }] }] }
			}
		});
		expect(packUnits({ files: [shared] }, alts).map((u) => u.language)).toEqual([undefined]);
	});
	it('ignores sources the listing does not have', () => {
		const alts = audioAlternatives({ narration: { fr: { audio: [{ sources: both('audio/fr/p9') }] } } });
		expect(packUnits(pack, alts)).toHaveLength(files.length);
	});
});

describe('chooseUnitFile', () => {
	const unit = packUnits(pack, alternatives)[0]!;
	const art = packUnits(pack, alternatives).find((u) => u.options[0]!.file.path === 'art/p1.webp')!;
	it.each([
		['a browser with Opus and MP3 takes Opus', plays('opus', 'mp3'), undefined, 'audio/fr/p1.ogg', true],
		['a browser without Opus takes MP3', plays('mp3'), undefined, 'audio/fr/p1.mp3', true],
		[
			'a browser with neither keeps the first (Opus), unplayable',
			plays(),
			undefined,
			'audio/fr/p1.ogg',
			false
		],
		[
			'only MP3 received: MP3, which plays',
			plays('opus', 'mp3'),
			['audio/fr/p1.mp3'],
			'audio/fr/p1.mp3',
			true
		],
		[
			'only Opus received, no Opus here: unplayable',
			plays('mp3'),
			['audio/fr/p1.ogg'],
			'audio/fr/p1.ogg',
			false
		]
	])('%s', (_name, canPlay, present, path, playable) => {
		const available = present ? (p: string) => present.includes(p) : undefined;
		expect(chooseUnitFile(unit, canPlay, available)).toEqual({
			file: expect.objectContaining({ path }),
			playable
		});
	});
	it('is null when no format was received', () =>
		expect(chooseUnitFile(unit, plays('opus'), () => false)).toBeNull());
	it('keeps a single file whatever its type (page art is not a format choice)', () =>
		expect(chooseUnitFile(art, plays())?.playable).toBe(true));
});

describe('devicePlan', () => {
	it.each([
		['Opus', plays('opus', 'mp3'), ['audio/fr/p1.ogg', 'audio/quiz/fr/q1.ogg'], 40 + 7, 30],
		['MP3 only', plays('mp3'), ['audio/fr/p1.mp3', 'audio/quiz/fr/q1.mp3'], 80 + 9, 60]
	])('a %s tablet gets one format of every audio file', (_name, canPlay, frAudio, frBytes, enBytes) => {
		const plan = devicePlan(pack, alternatives, canPlay);
		expect(plan.coreBytes).toBe(10 + 5 + 100);
		expect(plan.languages).toEqual([
			{ tag: 'en', bytes: enBytes },
			{ tag: 'fr', bytes: frBytes }
		]);
		expect(planFiles(plan, ['fr']).map((f) => f.path)).toEqual([
			'comic.json',
			'quiz.json',
			'art/p1.webp',
			...frAudio
		]);
		expect(planBytes(plan, ['fr'])).toBe(115 + frBytes);
		expect(planBytes(plan, [])).toBe(115);
		expect(planBytes(plan, ['fr', 'en', 'ses'])).toBe(115 + frBytes + enBytes);
	});
	it('never plans two formats of one audio file, for any language choice', () => {
		const plan = devicePlan(pack, alternatives, plays('opus', 'mp3'));
		const paths = planFiles(plan, ['fr', 'en']).map((f) => f.path);
		expect(paths.filter((p) => p.endsWith('.mp3'))).toEqual([]);
		expect(paths).toHaveLength(new Set(paths).size);
	});
	it('without comic.json or quiz.json to go by, keeps every listed file (nothing is an alternative)', () =>
		expect(planFiles(devicePlan(pack, [], plays('opus')), ['fr', 'en'])).toHaveLength(files.length));
});

describe('what the reader sees on the device', () => {
	const stored = new Set(['audio/fr/p1.ogg', 'audio/quiz/fr/q1.mp3']);
	const has = (p: string) => stored.has(p);
	it('offers the narrator only the stored format, and no language missing a file', () => {
		const manifest = narrationOnDevice(comic as unknown as Manifest, has);
		expect(Object.keys(manifest.narration!)).toEqual(['fr']);
		expect(manifest.narration!.fr!.audio[0]!.sources).toEqual([{ src: 'audio/fr/p1.ogg', type: OPUS }]);
	});
	it('keeps a manifest without narration as it is', () => {
		const bare = { id: 'x' } as unknown as Manifest;
		expect(narrationOnDevice(bare, has)).toBe(bare);
	});
	it('limits quiz clips to stored sources and drops clips with none', () => {
		type Clips = { prompt?: { sources: unknown }; options?: Record<string, unknown> };
		const onDevice = quizNarrationOnDevice(quiz, has) as {
			questions: { narration?: Record<string, Clips> }[];
		};
		expect(onDevice.questions[0]!.narration?.fr?.prompt?.sources).toEqual([
			{ src: 'audio/quiz/fr/q1.mp3', type: MP3 }
		]);
		expect(Object.keys(onDevice.questions[0]!.narration?.fr?.options ?? {})).toEqual(['a', 'b']);
		expect(onDevice.questions[1]).toEqual({ id: 'q2' });
		const nothing = quizNarrationOnDevice(quiz, () => false) as { questions: object[] };
		expect(nothing.questions[0]).not.toHaveProperty('narration');
	});
});
