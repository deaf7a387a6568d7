/**
 * "Listen" in the quiz: plays one recorded clip of a question (its prompt, an option, the
 * explanation) through the Narrator (src/lib/audio; howler, loaded on first use only), so
 * students who read with difficulty can hear the question. One clip at a time.
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
		this.stop();
		const request = ++this.#request;
		const factory = await this.#load();
		// A later tap, or leaving the page, wins over this one.
		if (this.#destroyed || request !== this.#request) return;
		const narrator = factory(
			[{ id: 'clip', sources: clip.sources.map((s) => ({ url: this.#resolve(s.src), type: s.type })) }],
			[{ key, audio: 'clip', startSec: clip.startSec, endSec: clip.endSec }],
			{
				onEnd: () => {
					if (this.#narrator === narrator) this.playing = null;
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
		narrator.play(key);
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
