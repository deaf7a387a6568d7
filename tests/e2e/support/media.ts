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
	/** Seconds of audio played per second of wall clock over most of the run (the speed heard; `runRate`). */
	measuredRate: number;
}

/**
 * Audio seconds per wall second over most of a run: the median of the speeds between each two of its
 * samples at least `pairMs` apart while the element's clock kept moving. From the first sample to the
 * last alone, a moment the element stood still (the start of a clip after its seek, the audio starved
 * on a busy machine: CI measured 1.30, then 1.19, for a clip played at 1.5×, every sample reading
 * `playbackRate` 1.5) counted against the whole run. So the run is cut where two samples in a row read
 * the same `currentTime` (the clock stood still), and only pairs within one moving stretch count. A
 * clip played at another speed (the defect these tests look for: 1× after the first clip) moves at
 * that speed all along, so its median is that speed too.
 */
function runRate(run: MediaSample[], pairMs = 200): number {
	const first = run[0]!;
	const last = run.at(-1)!;
	const rate = (a: MediaSample, b: MediaSample) =>
		((b.currentTime - a.currentTime) * 1000) / (b.wallMs - a.wallMs);
	const stretches: MediaSample[][] = [[first]];
	for (let k = 1; k < run.length; k++) {
		if (run[k]!.currentTime === run[k - 1]!.currentTime) stretches.push([run[k]!]);
		else stretches.at(-1)!.push(run[k]!);
	}
	const rates: number[] = [];
	for (const stretch of stretches)
		for (let i = 0; i < stretch.length; i++)
			for (let j = i + 1; j < stretch.length; j++)
				if (stretch[j]!.wallMs - stretch[i]!.wallMs >= pairMs) rates.push(rate(stretch[i]!, stretch[j]!));
	if (rates.length === 0) return rate(first, last);
	rates.sort((a, b) => a - b);
	return rates[Math.floor(rates.length / 2)]!;
}

/**
 * Splits the samples into runs (same bubble, same element, time moving forward) and measures the
 * speed of each (`runRate`). Runs shorter than `minMs` are left out: a reading at a clip's very edge
 * says nothing about its speed.
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
		.map((run) => ({ bubble: run[0]!.bubble, src: run[0]!.src, samples: run, measuredRate: runRate(run) }));
}
