/**
 * "Listen" in the quiz: plays one recorded clip of a question (its prompt, an option, the
 * explanation) through the Narrator (src/lib/audio; howler, loaded on first use only), so
 * students who read with difficulty can hear the question. One clip at a time. `playAll` plays
 * several clips one after the other under one key (a live session's followed panel, its bubbles
 * in reading order).
 */
import type { Narrator, NarratorFactory } from '$lib/audio/narrator';
import type { QuizClip } from '$lib/domain/quiz/schema';

export class QuizListen {
	/** Key of the clip playing now (e.g. "q1:prompt"), or null. */
	playing = $state<string | null>(null);
	/** The browser refused to start sound: the student must tap again. */
	blocked = $state(false);
	#narrator: Narrator | null = null;
	#load: () => Promise<NarratorFactory>;
	#resolve: (path: string) => string;
	#request = 0;
	#destroyed = false;

	/** `resolve` turns a path relative to the comic folder into a URL (network or device). */
	constructor(load: () => Promise<NarratorFactory>, resolve: (path: string) => string) {
		this.#load = load;
		this.#resolve = resolve;
	}

	/** Plays `clip` under `key`, stopping whatever played before. */
	async play(key: string, clip: QuizClip): Promise<void> {
		return this.playAll(key, [clip]);
	}

	/** Plays `clips` in order under `key`, stopping whatever played before. */
	async playAll(key: string, clips: QuizClip[]): Promise<void> {
		this.stop();
		if (!clips.length) return;
		const request = ++this.#request;
		const factory = await this.#load();
		// A later tap, or leaving the page, wins over this one.
		if (this.#destroyed || request !== this.#request) return;
		const one = clips.length === 1;
		const keyOf = (i: number) => (one ? key : `${key}#${i}`);
		// One file per distinct audio (clips of a panel are segments of the same file, mostly).
		// A throw-away lookup while the narrator is made, never read reactively: no SvelteMap needed.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const fileIds = new Map<string, string>();
		const files = [];
		for (const clip of clips) {
			const sig = JSON.stringify(clip.sources);
			if (fileIds.has(sig)) continue;
			const id = fileIds.size ? `clip${fileIds.size}` : 'clip';
			fileIds.set(sig, id);
			files.push({ id, sources: clip.sources.map((s) => ({ url: this.#resolve(s.src), type: s.type })) });
		}
		const narrator = factory(
			files,
			clips.map((clip, i) => ({
				key: keyOf(i),
				audio: fileIds.get(JSON.stringify(clip.sources))!,
				startSec: clip.startSec,
				endSec: clip.endSec
			})),
			{
				onEnd: (ended) => {
					if (this.#narrator !== narrator) return;
					const next = one ? -1 : Number(ended.slice(ended.lastIndexOf('#') + 1)) + 1;
					if (next > 0 && next < clips.length) narrator.play(keyOf(next));
					else this.playing = null;
				},
				onBlocked: () => {
					this.blocked = true;
					this.playing = null;
				},
				onError: (_key, reason) => {
					console.warn(`quiz narration could not play: ${reason}`);
					this.playing = null;
				}
			}
		);
		this.#narrator = narrator;
		this.blocked = false;
		this.playing = key;
		narrator.play(keyOf(0));
	}

	stop(): void {
		this.#request++;
		this.#narrator?.destroy();
		this.#narrator = null;
		this.playing = null;
	}

	/** Safe at any time, also twice or while a clip is loading. */
	destroy(): void {
		this.#destroyed = true;
		this.stop();
	}
}
