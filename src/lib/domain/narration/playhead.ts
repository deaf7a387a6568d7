/**
 * Playback position under a changing speed. The position in the audio file advances at `rate`
 * file-seconds per wall-second; changing the rate re-anchors the playhead at the current position so
 * the bubble shown never jumps. Wall time comes in as an argument (no clock in the domain).
 */

/** Speeds offered to students, slowest first. 1 is the recorded speed. */
export const SPEEDS = [0.75, 1, 1.25, 1.5] as const;
export const MIN_RATE = 0.75;
export const MAX_RATE = 1.5;

export function clampRate(rate: number): number {
	if (!Number.isFinite(rate)) return 1;
	return Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
}

/** The file position `fileSec` was reached at wall time `wallSec`, moving at `rate`. */
export interface Playhead {
	fileSec: number;
	rate: number;
	wallSec: number;
}

export function startPlayhead(fileSec: number, rate: number, wallSec: number): Playhead {
	return { fileSec, rate: clampRate(rate), wallSec };
}

/** File position at wall time `wallSec`. */
export function positionAt(head: Playhead, wallSec: number): number {
	return head.fileSec + Math.max(0, wallSec - head.wallSec) * head.rate;
}

/** The same playhead moving at a new rate from `wallSec` on; the position is continuous. */
export function changeRate(head: Playhead, rate: number, wallSec: number): Playhead {
	return { fileSec: positionAt(head, wallSec), rate: clampRate(rate), wallSec };
}

/** Wall seconds until the playhead reaches `endSec` of the file. */
export function wallSecondsUntil(head: Playhead, wallSec: number, endSec: number): number {
	return Math.max(0, (endSec - positionAt(head, wallSec)) / head.rate);
}
