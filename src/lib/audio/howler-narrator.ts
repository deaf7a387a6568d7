/**
 * The Narrator on howler.js. Each audio file (one per page) becomes one Howl whose sprites are the
 * clips, created on first use so only the page being read is loaded.
 *
 * HTML5 Audio mode (`html5: true`), not Web Audio, on purpose:
 * - Speed with the voice's pitch kept: HTML5 mode sets the media element's `playbackRate`, and
 *   browsers keep pitch there (`preservesPitch` defaults to true). Web Audio mode changes the
 *   AudioBufferSourceNode's playbackRate, which resamples: at 1.5× the voice sounds like a cartoon,
 *   at 0.75× it drawls, and slow readers are exactly who use those speeds.
 * - Memory: Web Audio decodes a whole file to PCM before playing (≈ 10 MB per minute of speech,
 *   measured in TECH-NOTES); HTML5 streams. School tablets have 1–2 GB of RAM shared with Pixi.
 * The costs we accept: HTML5 sprites end on a timer (howler's, recomputed when the rate changes)
 * rather than sample-exactly, which is plenty for bubble highlighting with 0.45 s gaps; and the
 * service worker must answer Range requests with 206, or seeking into a sprite fails (TECH-NOTES).
 *
 * Speed: never call `howl.rate()` while howler holds its HTML5 play lock (from `play()` until the
 * media element's play() promise settles). howler queues such a call behind the lock and, because
 * the queue only moves on the event at its head, the call is dropped: the clip then plays at the
 * previous rate (issue 12: every clip after the first of a page played at 1×). Instead each Howl is
 * created at the current rate (a new sound takes its group's rate before its element starts), and
 * the rate is set again once howler reports the sound playing, when the lock is released.
 */
// howler's core build: the full one adds the spatial-audio plugin (≈ 1.7 KB gzip), which we do not use.
import { Howl, Howler } from 'howler/src/howler.core.js';
import { clampRate } from '../domain/narration/playhead';
import { pickSource } from './formats';
import type { Narrator, NarratorClip, NarratorEvents, NarratorFactory, NarratorFile } from './narrator';

/** Howler's codec table: whether this browser can play a format ("opus", "mp3", "webm"…). */
function canPlay(format: string): boolean {
	return Howler.codecs(format);
}

class HowlerNarrator implements Narrator {
	#files = new Map<string, NarratorFile>();
	#clips = new Map<string, NarratorClip>();
	#howls = new Map<string, { howl: Howl; url: string }>();
	#events: NarratorEvents;
	#rate = 1;
	#current: { key: string; howl: Howl; id: number; url: string; started: boolean } | null = null;
	#destroyed = false;

	constructor(files: NarratorFile[], clips: NarratorClip[], events: NarratorEvents) {
		for (const file of files) this.#files.set(file.id, file);
		for (const clip of clips) this.#clips.set(clip.key, clip);
		this.#events = events;
	}

	/** The Howl of a file, with a sprite for each of its clips. */
	#howlFor(audio: string, key: string): { howl: Howl; url: string } | null {
		const known = this.#howls.get(audio);
		if (known) return known;
		const file = this.#files.get(audio);
		if (!file) {
			this.#events.onError(key, `unknown audio file "${audio}"`);
			return null;
		}
		const pick = pickSource(file.sources, canPlay);
		if (!pick) {
			this.#events.onError(key, `this browser plays none of ${file.sources.map((s) => s.type).join(', ')}`);
			return null;
		}
		const sprite: Record<string, [number, number]> = {};
		for (const clip of this.#clips.values()) {
			if (clip.audio !== audio) continue;
			sprite[clip.key] = [clip.startSec * 1000, (clip.endSec - clip.startSec) * 1000];
		}
		const howl = new Howl({
			src: [pick.source.url],
			format: [pick.format],
			html5: true,
			preload: true,
			rate: this.#rate,
			sprite
		});
		howl.on('end', (id: number) => {
			const current = this.#current;
			if (this.#destroyed || !current || current.howl !== howl || current.id !== id) return;
			this.#current = null;
			this.#events.onEnd(current.key);
		});
		howl.on('play', (id: number) => {
			const current = this.#current;
			if (this.#destroyed || !current || current.howl !== howl || current.id !== id) return;
			current.started = true;
			// The lock is released now. Setting the group rate (no id) also sets the rate the next
			// sprite of this file starts at, and howler re-arms this sprite's end timer for it.
			howl.rate(this.#rate);
		});
		howl.on('playerror', (id: number) => {
			const current = this.#current;
			if (this.#destroyed || !current || current.howl !== howl || current.id !== id) return;
			this.#events.onBlocked(current.key);
		});
		howl.on('loaderror', (_id: number, error: unknown) => {
			if (this.#destroyed) return;
			this.#events.onError(this.#current?.key ?? key, `cannot load ${pick.source.url}: ${String(error)}`);
		});
		const entry = { howl, url: pick.source.url };
		this.#howls.set(audio, entry);
		return entry;
	}

	play(key: string): void {
		if (this.#destroyed) return;
		this.stop();
		const clip = this.#clips.get(key);
		if (!clip) return this.#events.onError(key, `no clip "${key}"`);
		const entry = this.#howlFor(clip.audio, key);
		if (!entry) return;
		const id = entry.howl.play(key);
		// The rate is applied by the 'play' listener (see the note at the top of this file).
		this.#current = { key, howl: entry.howl, id, url: entry.url, started: false };
	}

	pause(): void {
		if (this.#destroyed || !this.#current) return;
		this.#current.howl.pause(this.#current.id);
	}

	resume(): void {
		if (this.#destroyed || !this.#current) return;
		const { howl, id } = this.#current;
		if (!howl.playing(id)) howl.play(id);
	}

	stop(): void {
		const current = this.#current;
		this.#current = null;
		if (current) current.howl.stop(current.id);
	}

	setRate(rate: number): void {
		this.#rate = clampRate(rate);
		// A clip not started yet gets the rate from the 'play' listener: howler holds its lock now.
		if (this.#destroyed || !this.#current?.started) return;
		// howler re-arms the sprite's end timer for the new rate, so the clip still ends on time.
		this.#current.howl.rate(this.#rate);
	}

	positionSec(): number | null {
		// Until howler reports the sound started, HTML5 mode answers with the previous sprite's
		// position (measured: one stale read per clip), so there is no position to tell yet.
		if (this.#destroyed || !this.#current?.started) return null;
		const seek = this.#current.howl.seek(this.#current.id);
		return typeof seek === 'number' ? seek : null;
	}

	currentSource(): string | null {
		return this.#current?.url ?? null;
	}

	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#current = null;
		for (const { howl } of this.#howls.values()) {
			howl.off();
			howl.unload();
		}
		this.#howls.clear();
	}
}

export const createHowlerNarrator: NarratorFactory = (files, clips, events) =>
	new HowlerNarrator(files, clips, events);
