/**
 * What the browser's media elements really play, for narration tests. howler keeps its HTML5
 * `<audio>` elements out of the DOM, so `trackMedia` wraps `HTMLMediaElement.prototype.play` before
 * any page script runs and remembers every element played; `startSampling` then records, every
 * 50 ms, the element playing now: its source, `playbackRate`, `currentTime` and the wall clock,
 * with the bubble the controls highlight at that moment.
 */
import type { Page } from '@playwright/test';

/** One reading of the element that was playing. */
export interface MediaSample {
	/** Index of the element among those played since the page opened. */
	element: number;
	src: string;
	playbackRate: number;
	currentTime: number;
	/** performance.now() of the reading, milliseconds. */
	wallMs: number;
	/** `data-active-bubble` of the narration controls at that moment. */
	bubble: string;
}

interface MediaWindow {
	playedMedia: HTMLMediaElement[];
	mediaSamples: MediaSample[];
	mediaSampler?: number;
}

/** Call before `page.goto`: remembers every media element the page plays. */
export async function trackMedia(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const w = window as unknown as MediaWindow;
		w.playedMedia = [];
		w.mediaSamples = [];
		const play = HTMLMediaElement.prototype.play;
		HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
			if (!w.playedMedia.includes(this)) w.playedMedia.push(this);
			return play.call(this);
		};
	});
}

/** Starts recording the playing element every 50 ms (see `MediaSample`). */
export async function startSampling(page: Page): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as MediaWindow;
		const controls = document.querySelector<HTMLElement>('[data-testid="narration"]');
		w.mediaSampler = window.setInterval(() => {
			w.playedMedia.forEach((media, element) => {
				// howler also plays a source-less element to unlock audio: only narration files count.
				if (media.paused || media.ended || !media.currentSrc) return;
				w.mediaSamples.push({
					element,
					src: media.currentSrc,
					playbackRate: media.playbackRate,
					currentTime: media.currentTime,
					wallMs: performance.now(),
					bubble: controls?.dataset.activeBubble ?? ''
				});
			});
		}, 50);
	});
}

/** Stops the sampling and returns what was recorded. */
export async function stopSampling(page: Page): Promise<MediaSample[]> {
	return page.evaluate(() => {
		const w = window as unknown as MediaWindow;
		window.clearInterval(w.mediaSampler);
		return w.mediaSamples;
	});
}

/** A run of samples of one element while one bubble was highlighted. */
export interface ClipRun {
	bubble: string;
	src: string;
	samples: MediaSample[];
	/** Seconds of audio played per second of wall clock over the run (the speed heard). */
	measuredRate: number;
}

/**
 * Splits the samples into runs (same bubble, same element, time moving forward) and measures the
 * speed of each from its first to its last sample. Runs shorter than `minMs` are left out: a
 * reading at a clip's very edge says nothing about its speed.
 */
export function clipRuns(samples: MediaSample[], minMs = 400): ClipRun[] {
	const runs: MediaSample[][] = [];
	for (const s of samples) {
		const run = runs.at(-1);
		const last = run?.at(-1);
		if (
			run &&
			last &&
			last.bubble === s.bubble &&
			last.element === s.element &&
			s.currentTime >= last.currentTime
		) {
			run.push(s);
		} else runs.push([s]);
	}
	return runs
		.filter((run) => run[0]!.bubble !== '' && run.at(-1)!.wallMs - run[0]!.wallMs >= minMs)
		.map((run) => {
			const first = run[0]!;
			const last = run.at(-1)!;
			return {
				bubble: first.bubble,
				src: first.src,
				samples: run,
				measuredRate: ((last.currentTime - first.currentTime) * 1000) / (last.wallMs - first.wallMs)
			};
		});
}
