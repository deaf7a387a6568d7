/**
 * Turns raw pointer events into reader gestures: tap, double tap, swipe, pan and pinch. Pure: every
 * event carries its own timestamp, and a pending single tap is released by `flush(now)` once the
 * double-tap window has passed (the caller schedules that).
 */
import type { Point } from '../manifest/schema';

export interface PointerInput {
	type: 'down' | 'move' | 'up' | 'cancel';
	id: number;
	x: number;
	y: number;
	/** Milliseconds, any monotonic clock. */
	t: number;
}

export type Gesture =
	| { kind: 'tap'; x: number; y: number }
	| { kind: 'double-tap'; x: number; y: number }
	/** direction 1 = to the next panel (finger moved right-to-left). */
	| { kind: 'swipe'; direction: 1 | -1 }
	| { kind: 'pan'; dx: number; dy: number }
	| { kind: 'pinch'; factor: number; x: number; y: number };

export interface GestureOptions {
	/** Wait this long for a second tap before reporting a single tap; 0 reports taps at once. */
	doubleTapMs: number;
	/** Movement (px) under which a press is still a tap. */
	tapSlopPx: number;
	/** Horizontal travel (px) for a swipe, which must also be mostly horizontal and quick. */
	swipeMinPx: number;
	swipeMaxMs: number;
}

export const DEFAULT_GESTURE_OPTIONS: GestureOptions = {
	doubleTapMs: 280,
	tapSlopPx: 12,
	swipeMinPx: 50,
	swipeMaxMs: 700
};

interface Track {
	start: Point & { t: number };
	last: Point;
	moved: boolean;
}

export class GestureRecognizer {
	private tracks = new Map<number, Track>();
	private pendingTap: (Point & { t: number }) | null = null;
	/** Set while two fingers were down, so lifting them is not read as a tap or swipe. */
	private multiTouch = false;
	options: GestureOptions;

	constructor(options: Partial<GestureOptions> = {}) {
		this.options = { ...DEFAULT_GESTURE_OPTIONS, ...options };
	}

	/** Feeds one pointer event; returns the gestures it completes. */
	handle(e: PointerInput): Gesture[] {
		const out: Gesture[] = this.flush(e.t);
		if (e.type === 'down') {
			this.tracks.set(e.id, { start: { x: e.x, y: e.y, t: e.t }, last: { x: e.x, y: e.y }, moved: false });
			if (this.tracks.size > 1) this.multiTouch = true;
			return out;
		}
		const track = this.tracks.get(e.id);
		if (!track) return out;
		if (e.type === 'move') {
			if (this.tracks.size >= 2) {
				out.push(...this.pinch(e.id, e));
			} else {
				const far = Math.hypot(e.x - track.start.x, e.y - track.start.y) > this.options.tapSlopPx;
				if (far) track.moved = true;
				if (track.moved) out.push({ kind: 'pan', dx: e.x - track.last.x, dy: e.y - track.last.y });
			}
			track.last = { x: e.x, y: e.y };
			return out;
		}
		// up or cancel
		this.tracks.delete(e.id);
		if (e.type === 'cancel' || this.multiTouch) {
			if (this.tracks.size === 0) this.multiTouch = false;
			return out;
		}
		const dx = e.x - track.start.x;
		const dy = e.y - track.start.y;
		const quick = e.t - track.start.t <= this.options.swipeMaxMs;
		if (quick && Math.abs(dx) >= this.options.swipeMinPx && Math.abs(dx) > 1.5 * Math.abs(dy)) {
			out.push({ kind: 'swipe', direction: dx < 0 ? 1 : -1 });
		} else if (!track.moved) {
			out.push(...this.tap({ x: e.x, y: e.y, t: e.t }));
		}
		return out;
	}

	/** Releases a single tap whose double-tap window has passed by `now`. */
	flush(now: number): Gesture[] {
		const p = this.pendingTap;
		if (p && now - p.t > this.options.doubleTapMs) {
			this.pendingTap = null;
			return [{ kind: 'tap', x: p.x, y: p.y }];
		}
		return [];
	}

	/** Whether a single tap is waiting for the double-tap window to pass. */
	get waiting(): boolean {
		return this.pendingTap !== null;
	}

	reset(): void {
		this.tracks.clear();
		this.pendingTap = null;
		this.multiTouch = false;
	}

	private tap(at: Point & { t: number }): Gesture[] {
		if (this.options.doubleTapMs <= 0) return [{ kind: 'tap', x: at.x, y: at.y }];
		const p = this.pendingTap;
		if (p && at.t - p.t <= this.options.doubleTapMs && Math.hypot(at.x - p.x, at.y - p.y) < 40) {
			this.pendingTap = null;
			return [{ kind: 'double-tap', x: at.x, y: at.y }];
		}
		this.pendingTap = at;
		return [];
	}

	private pinch(movedId: number, e: PointerInput): Gesture[] {
		const [a, b] = [...this.tracks.entries()];
		if (!a || !b) return [];
		const other = a[0] === movedId ? b[1] : a[1];
		const before = Math.hypot(
			this.tracks.get(movedId)!.last.x - other.last.x,
			this.tracks.get(movedId)!.last.y - other.last.y
		);
		const after = Math.hypot(e.x - other.last.x, e.y - other.last.y);
		if (before < 1 || after < 1) return [];
		return [
			{ kind: 'pinch', factor: after / before, x: (e.x + other.last.x) / 2, y: (e.y + other.last.y) / 2 }
		];
	}
}
