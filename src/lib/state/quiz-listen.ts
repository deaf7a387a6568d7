/**
 * Plays the recorded narration of a quiz question (prompt, option or explanation): a segment
 * of an audio file, chosen among its formats by what the browser can play. A plain <audio>
 * element is enough for these short clips and keeps howler off the quiz page; the reader's
 * Narrator (src/lib/audio) stays the engine for comics.
 */
import type { QuizClip } from '$lib/domain/quiz/schema';

export class ClipPlayer {
	#audio: HTMLAudioElement | null = null;
	#resolve: (path: string) => string;
	#stopAt: number | null = null;

	/** `resolve` turns a path relative to the comic folder into a URL. */
	constructor(resolve: (path: string) => string) {
		this.#resolve = resolve;
	}

	/** Plays one clip from its start, stopping whatever played before. */
	play(clip: QuizClip): void {
		this.stop();
		const audio = new Audio();
		const source = clip.sources.find((s) => audio.canPlayType(s.type) !== '') ?? clip.sources[0]!;
		audio.src = this.#resolve(source.src);
		this.#stopAt = clip.endSec ?? null;
		audio.addEventListener('timeupdate', this.#onTime);
		audio.currentTime = clip.startSec ?? 0;
		this.#audio = audio;
		audio.play().catch((error: unknown) => console.warn('quiz narration did not start', error));
	}

	#onTime = () => {
		if (this.#audio && this.#stopAt !== null && this.#audio.currentTime >= this.#stopAt) this.stop();
	};

	stop(): void {
		if (!this.#audio) return;
		this.#audio.removeEventListener('timeupdate', this.#onTime);
		this.#audio.pause();
		this.#audio.removeAttribute('src');
		this.#audio.load();
		this.#audio = null;
	}

	/** Safe at any time, also twice. */
	destroy(): void {
		this.stop();
	}
}
