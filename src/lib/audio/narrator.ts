/**
 * The Narrator hides the audio engine (howler) behind a small interface, so the narration state
 * and the components are tested with the fake and never import the engine (STYLE.md habit 2).
 * Clips are addressed by key (the bubble or panel id); times are seconds of the audio file.
 */

/** One audio file of a narration, with its formats in order of preference. */
export interface NarratorFile {
	id: string;
	/** URL and MIME type per format; the first one the browser can play is used. */
	sources: { url: string; type: string }[];
}

/** One segment of a file, played as a sprite. */
export interface NarratorClip {
	key: string;
	audio: string;
	startSec: number;
	endSec: number;
}

export interface NarratorEvents {
	/** The clip `key` played to its end (not called after stop(), pause() or destroy()). */
	onEnd(key: string): void;
	/** The browser refused to start sound (no user gesture yet): ask the user to tap. */
	onBlocked(key: string): void;
	/** The audio could not be loaded or decoded; `reason` is for logs, not for users. */
	onError(key: string, reason: string): void;
}

export interface Narrator {
	/** Plays one clip from its start, stopping whatever played before. */
	play(key: string): void;
	pause(): void;
	/** Continues a paused clip where it stopped. */
	resume(): void;
	stop(): void;
	/** Playback speed, 0.75–1.5; applies to the clip playing now and to the next ones. */
	setRate(rate: number): void;
	/** Position in the current clip's audio file (seconds), or null when nothing is loaded. */
	positionSec(): number | null;
	/** Source (URL) of the format chosen for the current clip's file, or null. */
	currentSource(): string | null;
	/** Releases every sound and listener. Safe at any time, also twice or during loading. */
	destroy(): void;
}

/** Makes a narrator for the files and clips of one narration language. */
export type NarratorFactory = (
	files: NarratorFile[],
	clips: NarratorClip[],
	events: NarratorEvents
) => Narrator;

/** The howler Narrator, loaded on demand so only the reader downloads howler. */
export async function loadHowlerNarrator(): Promise<NarratorFactory> {
	return (await import('./howler-narrator')).createHowlerNarrator;
}
