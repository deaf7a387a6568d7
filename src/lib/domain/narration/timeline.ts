/**
 * The narration timeline of one comic in one language: which clip belongs to which bubble, in
 * reading order across panels and pages, and which bubble is active at a moment of an audio file.
 *
 * Times are seconds *of the audio file* (`fileSec`), never wall-clock seconds: at 1.5× speed a
 * 3-second clip lasts 2 wall seconds but still spans the same file seconds, so the bubble sync does
 * not depend on the playback rate. The conversion lives in `playhead.ts`.
 */
import type { Manifest, Narration } from '../manifest/schema';

/** One narrated clip placed in reading order. */
export interface NarrationItem {
	/** The bubble id, or the panel id when the clip reads the panel's description. */
	target: string;
	kind: 'bubble' | 'description';
	pageIndex: number;
	panelIndex: number;
	pageId: string;
	panelId: string;
	/** Id of the audio file (in `narration[lang].audio`). */
	audio: string;
	startSec: number;
	endSec: number;
}

/** Everything the player needs for one language, in reading order. */
export interface NarrationTrack {
	language: string;
	narration: Narration;
	items: NarrationItem[];
	/** Bubbles that have no clip in this language, in reading order. */
	missing: string[];
}

export interface TrackOptions {
	/** Also read the panel descriptions that have a clip (before the panel's bubbles). */
	descriptions?: boolean;
}

/** A place in the comic, as the reader counts it. */
export interface ReadingPosition {
	pageIndex: number;
	panelIndex: number;
}

/** Narration languages a comic offers (those with at least one clip), in manifest order. */
export function narrationLanguages(manifest: Manifest): string[] {
	return Object.entries(manifest.narration ?? {})
		.filter(([, n]) => n.clips.length > 0)
		.map(([tag]) => tag);
}

/** Whether the comic's narration in `language` reads at least one panel description. */
export function hasNarratedDescriptions(manifest: Manifest, language: string): boolean {
	const clips = manifest.narration?.[language]?.clips ?? [];
	const panels = new Set(manifest.pages.flatMap((page) => page.panels.map((panel) => panel.id)));
	return clips.some((clip) => panels.has(clip.target));
}

/** The track of `language`, or null when the comic has no narration in it. */
export function buildTrack(
	manifest: Manifest,
	language: string,
	options: TrackOptions = {}
): NarrationTrack | null {
	const narration = manifest.narration?.[language];
	if (!narration || narration.clips.length === 0) return null;
	// The first clip of a target wins; duplicates are reported by the content checks.
	const clipByTarget = new Map<string, Narration['clips'][number]>();
	for (const clip of narration.clips) if (!clipByTarget.has(clip.target)) clipByTarget.set(clip.target, clip);
	const items: NarrationItem[] = [];
	const missing: string[] = [];
	manifest.pages.forEach((page, pageIndex) =>
		page.panels.forEach((panel, panelIndex) => {
			const place = { pageIndex, panelIndex, pageId: page.id, panelId: panel.id };
			const description = options.descriptions ? clipByTarget.get(panel.id) : undefined;
			if (description) items.push({ ...place, ...pick(description), kind: 'description' });
			for (const bubble of panel.bubbles) {
				const clip = clipByTarget.get(bubble.id);
				if (clip) items.push({ ...place, ...pick(clip), kind: 'bubble' });
				else missing.push(bubble.id);
			}
		})
	);
	return { language, narration, items, missing };
}

function pick(clip: Narration['clips'][number]) {
	return { target: clip.target, audio: clip.audio, startSec: clip.startSec, endSec: clip.endSec };
}

/**
 * Index of the item playing at `fileSec` of audio file `audio`, or null in a gap or outside.
 * A clip covers [startSec, endSec): at a boundary shared by two clips the later one is active,
 * and at the very end of the last clip nothing is.
 */
export function activeItemAt(track: NarrationTrack, audio: string, fileSec: number): number | null {
	for (let i = 0; i < track.items.length; i++) {
		const item = track.items[i]!;
		if (item.audio === audio && item.startSec <= fileSec && fileSec < item.endSec) return i;
	}
	return null;
}

/** Index of the item of a bubble (or described panel), or null when it has no clip. */
export function itemIndexOf(track: NarrationTrack, target: string): number | null {
	const i = track.items.findIndex((item) => item.target === target);
	return i < 0 ? null : i;
}

/**
 * Where "Read to me" starts from a reading position: the first clip of that panel or of a later
 * one. Null when nothing narrated is left from there (the caller may offer to start over).
 */
export function startIndexFrom(track: NarrationTrack, position: ReadingPosition): number | null {
	const i = track.items.findIndex(
		(item) =>
			item.pageIndex > position.pageIndex ||
			(item.pageIndex === position.pageIndex && item.panelIndex >= position.panelIndex)
	);
	return i < 0 ? null : i;
}

/** The items from `from` on: the play queue of "Read to me". */
export function playQueue(track: NarrationTrack, from: number): NarrationItem[] {
	return track.items.slice(Math.max(0, from));
}

/** What the camera must do between two consecutive items. */
export type CameraMove = 'stay' | 'next-panel' | 'turn-page';

export function cameraMoveBetween(from: NarrationItem, to: NarrationItem): CameraMove {
	if (to.pageIndex !== from.pageIndex) return 'turn-page';
	if (to.panelIndex !== from.panelIndex) return 'next-panel';
	return 'stay';
}

/** Audio file of a track by id. */
export function audioFileOf(track: NarrationTrack, audio: string): Narration['audio'][number] | undefined {
	return track.narration.audio.find((file) => file.id === audio);
}
