import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The howler narrator against a stand-in for howler's core: what the narrator does with the
 * sounds (play, stop, rate, seek) and with howler's events, without a browser's audio.
 */
const sounds: FakeHowl[] = [];

class FakeHowl {
	listeners = new Map<string, ((id: number) => void)[]>();
	position = 0;
	stopped: number[] = [];
	rates: number[] = [];
	private nextId = 1;
	constructor(readonly options: { sprite: Record<string, [number, number]>; rate: number }) {
		sounds.push(this);
	}
	on(event: string, listener: (id: number) => void) {
		this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
		return this;
	}
	emit(event: string, id: number) {
		for (const listener of this.listeners.get(event) ?? []) listener(id);
	}
	play(_sprite: string | number) {
		return this.nextId++;
	}
	stop(id: number) {
		this.stopped.push(id);
		return this;
	}
	rate(rate: number) {
		this.rates.push(rate);
		return this;
	}
	seek(_id: number) {
		return this.position;
	}
	playing() {
		return true;
	}
	pause() {
		return this;
	}
	off() {
		return this;
	}
	unload() {}
}

vi.mock('howler/src/howler.core.js', () => ({ Howl: FakeHowl, Howler: { codecs: () => true } }));

const { createHowlerNarrator } = await import('./howler-narrator');

const files = [{ id: 'p1', sources: [{ url: '/audio/fr/p1.ogg', type: 'audio/ogg; codecs=opus' }] }];
const clips = [
	{ key: 'b1', audio: 'p1', startSec: 1, endSec: 3 },
	{ key: 'b2', audio: 'p1', startSec: 3.45, endSec: 5 }
];

function narrator() {
	const ended: string[] = [];
	const made = createHowlerNarrator(files, clips, {
		onEnd: (key) => void ended.push(key),
		onBlocked: () => {},
		onError: (key, reason) => {
			throw new Error(`${key}: ${reason}`);
		}
	});
	return { made, ended };
}

describe('howler narrator', () => {
	beforeEach(() => {
		sounds.length = 0;
	});

	it('tells the position in the file while a clip plays, once howler says it started', () => {
		const { made, ended } = narrator();
		made.play('b1');
		const howl = sounds[0]!;
		expect(howl.options.sprite.b1).toEqual([1000, 2000]);
		howl.position = 0.2;
		// Before the "play" event HTML5 mode answers with a stale position: none is told.
		expect(made.positionSec()).toBeNull();
		howl.emit('play', 1);
		howl.position = 2.5;
		expect(made.positionSec()).toBe(2.5);
		expect(ended).toEqual([]);
		// Howler's own end event ends the clip.
		howl.emit('end', 1);
		expect(ended).toEqual(['b1']);
	});

	it("ends a clip found past its end when howler's end timer is late (a busy main thread)", () => {
		const { made, ended } = narrator();
		made.play('b1');
		const howl = sounds[0]!;
		howl.emit('play', 1);
		// The voice has gone on into the gap before the next clip: the clip ends now, and the
		// position of the next bubble's words is never told against this one.
		howl.position = 3.2;
		expect(made.positionSec()).toBeNull();
		expect(ended).toEqual(['b1']);
		expect(howl.stopped).toEqual([1]);
		// Howler's late end event for that sound changes nothing.
		howl.emit('end', 1);
		expect(ended).toEqual(['b1']);
		expect(made.positionSec()).toBeNull();
	});

	it('a clip at its very end is not ended twice, and the next clip plays on', () => {
		const { made, ended } = narrator();
		made.play('b1');
		const howl = sounds[0]!;
		howl.emit('play', 1);
		howl.position = 3.3;
		made.positionSec();
		made.play('b2');
		howl.emit('play', 2);
		howl.position = 3.6;
		expect(made.positionSec()).toBe(3.6);
		expect(ended).toEqual(['b1']);
	});
});
