/**
 * Drawing on demand: a frame is drawn only after something changed, once however many changes came
 * before it, and nothing runs while the picture stands still (no ticker). Kept apart from Pixi so
 * that the rule is unit-tested; `PixiPageRenderer` draws through it.
 */

/** The animation-frame functions and the drawing the scheduler drives (injectable for tests). */
export interface FrameHost {
	requestFrame(callback: () => void): number;
	cancelFrame(id: number): void;
	/** Draws the scene once. */
	draw(): void;
}

export class FrameScheduler {
	/** Frames drawn so far (tests and diagnostics). */
	framesDrawn = 0;

	private readonly host: FrameHost;
	private request: number | null = null;
	private dirty = false;
	private ready = false;
	private stopped = false;
	private held = false;
	private waiters: (() => void)[] = [];

	constructor(host: FrameHost) {
		this.host = host;
	}

	/** Whether a holder (a camera move) draws the frames now (see `hold`). */
	get isHeld(): boolean {
		return this.held;
	}

	/** Whether an animation frame is requested (false while idle). */
	get pending(): boolean {
		return this.request !== null;
	}

	/**
	 * Allows drawing once the scene is worth showing (the first page built); before that, changes are
	 * only noted, so that no empty frame delays the first panel.
	 */
	enable(): void {
		if (this.ready || this.stopped) return;
		this.ready = true;
		if (this.dirty || this.waiters.length) this.schedule();
	}

	/** Something changed: draw it on the next animation frame (or at the holder's `flush`). */
	invalidate(): void {
		this.dirty = true;
		this.schedule();
	}

	/**
	 * While held, changes request no animation frame of their own: the holder (a camera move that
	 * calls `flush` every frame) draws them. Releasing requests a frame if something is left undrawn.
	 */
	hold(held: boolean): void {
		if (held === this.held) return;
		this.held = held;
		if (held) {
			if (this.request !== null) this.host.cancelFrame(this.request);
			this.request = null;
			return;
		}
		// Checked after the current task's code: a holder releasing in its last frame flushes right
		// after, and a frame requested and cancelled at once costs as much as a drawn one here.
		queueMicrotask(() => {
			if (!this.held && (this.dirty || this.waiters.length)) this.schedule();
		});
	}

	/**
	 * Draws now if something changed since the last frame, instead of on the next animation frame.
	 * For callers already inside an animation frame (the camera moves), so the frame they computed
	 * is drawn in that same frame rather than one later.
	 */
	flush(): void {
		if (!this.ready || this.stopped || !this.dirty) return;
		if (this.request !== null) this.host.cancelFrame(this.request);
		this.request = null;
		this.drawNow();
	}

	/** Resolves once the next frame has been drawn (at once if the scheduler was stopped). */
	nextFrame(): Promise<void> {
		if (this.stopped) return Promise.resolve();
		return new Promise((resolve) => {
			this.waiters.push(resolve);
			this.dirty = true;
			this.schedule();
		});
	}

	/** Cancels the pending frame for good and releases whoever waits for one. */
	stop(): void {
		this.stopped = true;
		if (this.request !== null) this.host.cancelFrame(this.request);
		this.request = null;
		for (const resolve of this.waiters.splice(0)) resolve();
	}

	private schedule(): void {
		if (!this.ready || this.stopped || this.held || this.request !== null) return;
		this.request = this.host.requestFrame(() => {
			this.request = null;
			if (!this.stopped) this.drawNow();
		});
	}

	private drawNow(): void {
		this.dirty = false;
		this.framesDrawn++;
		try {
			this.host.draw();
		} finally {
			for (const resolve of this.waiters.splice(0)) resolve();
		}
	}
}
