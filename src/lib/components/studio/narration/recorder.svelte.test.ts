import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeWav, durationSec, type Pcm } from '$lib/domain/narration/recording/pcm';
import { MicrophoneError, microphoneProblem, type Microphone } from './microphone';
import { TakeRecorder } from './recorder.svelte';

const TAKES = path.resolve('tests/fixtures/narration-takes');
const take = (name: string) => decodeWav(readFileSync(path.join(TAKES, `${name}.wav`)));
const PAGE = [
	{ id: 'p1-1-b1', text: 'Bonjour Moussa !' },
	{ id: 'p1-2-b1', text: 'Bonjour Awa.' },
	{ id: 'p1-2-b2', text: 'Le lendemain…' }
];

/** A microphone that "records" `pcm` and reports one level. */
function fakeOpen(pcm: Pcm) {
	const destroyed = { count: 0 };
	const open = async (onLevel: (dbfs: number) => void): Promise<Microphone> => {
		onLevel(-23);
		return { stop: () => pcm, destroy: () => void destroyed.count++ };
	};
	return { open, destroyed };
}

afterEach(() => vi.unstubAllGlobals());

describe('the take recorder', () => {
	it('records a bubble, shows the level, and prepares a trimmed preview', async () => {
		const recorder = new TakeRecorder(fakeOpen(take('bubble')).open);
		await recorder.start([PAGE[0]!]);
		expect(recorder.status).toBe('recording');
		expect(recorder.levelDb).toBe(-23);
		recorder.stop();
		expect(recorder.status).toBe('review');
		expect(recorder.failure).toBeNull();
		expect(recorder.previewUrl).toMatch(/^blob:/);
		const preview = decodeWav(new Uint8Array(await (await fetch(recorder.previewUrl!)).arrayBuffer()));
		expect(durationSec(preview)).toBeLessThan(durationSec(take('bubble')));
		recorder.destroy();
	});

	it('says a silent take is silence and offers nothing to keep', async () => {
		const recorder = new TakeRecorder(fakeOpen({ samples: new Float32Array(32000), sampleRate: 16000 }).open);
		await recorder.start([PAGE[0]!]);
		recorder.stop();
		expect(recorder.failure).toEqual({ code: 'silence' });
		expect(recorder.previewUrl).toBeNull();
		expect(await recorder.keep('/x', 'fr', 'A')).toBeNull();
	});

	it('says a take far longer than its text is too long', async () => {
		const recorder = new TakeRecorder(fakeOpen(take('page-c')).open);
		await recorder.start([PAGE[1]!]);
		recorder.stop();
		expect(recorder.failure).toMatchObject({ code: 'too-long' });
	});

	it.each([
		['NotAllowedError', 'permission-refused'],
		['NotFoundError', 'no-microphone'],
		['OverconstrainedError', 'no-microphone'],
		['NotReadableError', 'microphone-busy']
	])('a %s from the browser is said as %s', async (name, code) => {
		expect(microphoneProblem(new DOMException('x', name))).toBe(code);
		const recorder = new TakeRecorder(async () => {
			throw new MicrophoneError(microphoneProblem({ name }));
		});
		await recorder.start([PAGE[0]!]);
		expect(recorder.status).toBe('idle');
		expect(recorder.failure).toEqual({ code });
	});

	it('splits a page take at its pauses and keeps a dragged point between its neighbours', async () => {
		const recorder = new TakeRecorder(fakeOpen(take('tiny-page')).open);
		await recorder.start(PAGE);
		recorder.stop();
		expect(recorder.points).toHaveLength(2);
		const [first, second] = recorder.points as [number, number];
		recorder.movePoint(0, second + 5);
		expect(recorder.points[0]).toBeCloseTo(second - 0.1, 5);
		recorder.movePoint(0, -3);
		expect(recorder.points[0]).toBeCloseTo(0.1, 5);
		expect(first).toBeGreaterThan(1);
	});

	it('keeps a take: posts the WAV with the split points, and returns the new version', async () => {
		const sent: FormData[] = [];
		vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
			sent.push(init.body as FormData);
			return new Response(JSON.stringify({ versionHash: 'abc' }), { status: 200 });
		});
		const recorder = new TakeRecorder(fakeOpen(take('tiny-page')).open);
		await recorder.start(PAGE);
		recorder.stop();
		expect(await recorder.keep('/author/h/narration/take', 'fr', 'Mariam')).toBe('abc');
		const form = sent[0]!;
		expect(JSON.parse(form.get('targets') as string)).toEqual(PAGE.map((p) => p.id));
		expect(JSON.parse(form.get('points') as string)).toEqual(recorder.points);
		const audio = decodeWav(new Uint8Array(await (form.get('audio') as Blob).arrayBuffer()));
		expect(durationSec(audio)).toBeCloseTo(durationSec(take('tiny-page')), 1);
	});

	it('keeps the take when the server refuses it, saying why', async () => {
		vi.stubGlobal(
			'fetch',
			async () =>
				new Response(JSON.stringify({ code: 'content-refused', message: 'comics:check refuses' }), {
					status: 400
				})
		);
		const recorder = new TakeRecorder(fakeOpen(take('bubble')).open);
		await recorder.start([PAGE[0]!]);
		recorder.stop();
		expect(await recorder.keep('/x', 'fr', 'A')).toBeNull();
		expect(recorder.failure).toMatchObject({ code: 'content-refused' });
		expect(recorder.status).toBe('review');
		expect(recorder.previewUrl).not.toBeNull();
	});

	it('closes a microphone that opens after the take was cancelled', async () => {
		const { open, destroyed } = fakeOpen(take('bubble'));
		const recorder = new TakeRecorder(open);
		const starting = recorder.start([PAGE[0]!]);
		recorder.reset();
		await starting;
		expect(destroyed.count).toBe(1);
		expect(recorder.status).toBe('idle');
	});
});
