/**
 * A Narrator without sound, for unit tests: it records what was asked and lets the test end the
 * current clip (`finish()`) or refuse playback (`blockNext`) the way a browser would.
 */
import type { Narrator, NarratorClip, NarratorEvents, NarratorFactory, NarratorFile } from './narrator';

export class FakeNarrator implements Narrator {
	/** Every call, in order: "play a1", "pause", "rate 1.5"… */
	readonly log: string[] = [];
	current: string | null = null;
	paused = false;
	rate = 1;
	destroyed = false;
	/** The next play() is refused as by a browser without a user gesture. */
	blockNext = false;

	constructor(
		readonly files: NarratorFile[],
		readonly clips: NarratorClip[],
		private readonly events: NarratorEvents
	) {}

	play(key: string): void {
		if (this.destroyed) return;
		this.log.push(`play ${key}`);
		if (this.blockNext) {
			this.blockNext = false;
			this.current = null;
			this.events.onBlocked(key);
			return;
		}
		this.current = key;
		this.paused = false;
	}
	pause(): void {
		this.log.push('pause');
		this.paused = true;
	}
	resume(): void {
		this.log.push('resume');
		this.paused = false;
	}
	stop(): void {
		if (this.current) this.log.push('stop');
		this.current = null;
	}
	setRate(rate: number): void {
		this.log.push(`rate ${rate}`);
		this.rate = rate;
	}
	positionSec(): number | null {
		const clip = this.clips.find((c) => c.key === this.current);
		return clip ? clip.startSec : null;
	}
	currentSource(): string | null {
		const clip = this.clips.find((c) => c.key === this.current);
		return this.files.find((f) => f.id === clip?.audio)?.sources[0]?.url ?? null;
	}
	destroy(): void {
		this.destroyed = true;
		this.current = null;
	}
	/** Ends the current clip as if it had played to its end. */
	finish(): void {
		const key = this.current;
		if (!key || this.destroyed) return;
		this.current = null;
		this.events.onEnd(key);
	}
}

/** A factory that keeps every narrator it made, newest last. */
export function fakeNarratorFactory(): NarratorFactory & { made: FakeNarrator[] } {
	const made: FakeNarrator[] = [];
	const make: NarratorFactory = (files, clips, events) => {
		const narrator = new FakeNarrator(files, clips, events);
		made.push(narrator);
		return narrator;
	};
	return Object.assign(make, { made });
}
