import { describe, expect, it } from 'vitest';
import { fakeNarratorFactory } from '$lib/audio/fake-narrator';
import { QuizListen } from './quiz-listen.svelte';

const clip = (start: number) => ({
	sources: [
		{ src: 'audio/quiz/fr/q1.ogg', type: 'audio/ogg; codecs=opus' },
		{ src: 'audio/quiz/fr/q1.mp3', type: 'audio/mpeg' }
	],
	startSec: start,
	endSec: start + 2
});

describe('QuizListen', () => {
	it('plays a clip through the narrator with resolved URLs and its segment', async () => {
		const factory = fakeNarratorFactory();
		const listen = new QuizListen(
			async () => factory,
			(p) => `/comics/x/${p}`
		);
		await listen.play('q1:prompt', clip(0.25));
		const narrator = factory.made[0]!;
		expect(narrator.files[0]!.sources.map((s) => s.url)).toEqual([
			'/comics/x/audio/quiz/fr/q1.ogg',
			'/comics/x/audio/quiz/fr/q1.mp3'
		]);
		expect(narrator.clips).toEqual([{ key: 'q1:prompt', audio: 'clip', startSec: 0.25, endSec: 2.25 }]);
		expect(narrator.log).toEqual(['play q1:prompt']);
		expect(listen.playing).toBe('q1:prompt');
		narrator.finish();
		expect(listen.playing).toBeNull();
	});

	it('plays one clip at a time', async () => {
		const factory = fakeNarratorFactory();
		const listen = new QuizListen(
			async () => factory,
			(p) => p
		);
		await listen.play('a', clip(0));
		await listen.play('b', clip(3));
		expect(factory.made[0]!.destroyed).toBe(true);
		expect(listen.playing).toBe('b');
	});

	it('says when the browser blocked the sound', async () => {
		const factory = fakeNarratorFactory();
		const listen = new QuizListen(
			async () => (files, clips, events) => {
				const narrator = factory(files, clips, events);
				(narrator as unknown as { blockNext: boolean }).blockNext = true;
				return narrator;
			},
			(p) => p
		);
		await listen.play('a', clip(0));
		expect(listen.blocked).toBe(true);
		expect(listen.playing).toBeNull();
	});

	it('plays nothing when destroyed while the engine loads', async () => {
		const factory = fakeNarratorFactory();
		let release!: () => void;
		const loaded = new Promise<void>((r) => (release = r));
		const listen = new QuizListen(
			async () => (await loaded, factory),
			(p) => p
		);
		const playing = listen.play('a', clip(0));
		listen.destroy();
		release();
		await playing;
		expect(factory.made).toHaveLength(0);
		listen.destroy();
	});
});

describe('QuizListen.playAll', () => {
	it('plays the clips one after the other under one key, then stops', async () => {
		const factory = fakeNarratorFactory();
		const listen = new QuizListen(
			async () => factory,
			(p) => p
		);
		await listen.playAll('panel:p1-1', [clip(0), clip(5)]);
		const narrator = factory.made[0]!;
		expect(narrator.clips.map((c) => [c.key, c.startSec])).toEqual([
			['panel:p1-1#0', 0],
			['panel:p1-1#1', 5]
		]);
		expect(narrator.log).toEqual(['play panel:p1-1#0']);
		expect(listen.playing).toBe('panel:p1-1');
		narrator.finish();
		expect(narrator.log).toEqual(['play panel:p1-1#0', 'play panel:p1-1#1']);
		expect(listen.playing).toBe('panel:p1-1');
		narrator.finish();
		expect(listen.playing).toBeNull();
	});
});
