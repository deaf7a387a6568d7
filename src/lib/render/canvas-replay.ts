/**
 * Canvas renderer: the frame Pixi last drew, kept as the calls it made on the canvas's 2D context,
 * and drawn again for another camera (issue 21). In the frames of a camera glide only the camera
 * changes; Pixi would walk its whole render pipeline again (its systems, the render group, the
 * batches) to issue the same `drawImage` calls with other transforms. Replaying them costs the
 * canvas calls alone.
 *
 * The camera is the transform of the drawn root (`world`: a scale and a translation, no rotation).
 * Every transform Pixi sets is the root's transform times the drawn object's own (times the canvas's
 * resolution), so the same frame under another camera is each recorded transform premultiplied by
 * `new camera × recorded camera⁻¹` (in canvas pixels). Only frames made of calls known to be
 * replayable are kept (transforms, images, alpha, compositing, smoothing, save and restore); a frame
 * with any other call (the highlight outline's paths) is not, and is drawn by Pixi again.
 */

/** The drawn root's transform: `scale`, then a translation by (x, y) in CSS pixels. */
export interface RootView {
	scale: number;
	x: number;
	y: number;
	/** Canvas pixels per CSS pixel. */
	resolution: number;
}

type Replayed = (context: CanvasRenderingContext2D, k: number, dx: number, dy: number) => void;

/** The context state a recorded frame may depend on without setting it (Pixi caches what it set). */
const STATE = ['globalAlpha', 'globalCompositeOperation', 'imageSmoothingEnabled'] as const;
type StateName = (typeof STATE)[number];
const SETTABLE = new Set<string>(STATE);

export class CanvasFrameRecorder {
	private recording = false;
	private replayable = false;
	private ops: Replayed[] = [];
	private view: RootView | null = null;
	private state: Record<StateName, unknown> | null = null;

	/** Instruments `context` (its own properties shadow the prototype's) so that a frame can be recorded. */
	constructor(private readonly context: CanvasRenderingContext2D) {
		const proto = CanvasRenderingContext2D.prototype;
		for (const name of Object.getOwnPropertyNames(proto)) {
			const d = Object.getOwnPropertyDescriptor(proto, name);
			if (!d || name === 'constructor' || name === 'canvas') continue;
			if (typeof d.value === 'function') {
				const original = d.value as (...args: unknown[]) => unknown;
				Object.defineProperty(context, name, {
					configurable: true,
					writable: true,
					value: (...args: unknown[]) => {
						if (this.recording) this.call(name, original, args);
						return original.apply(context, args);
					}
				});
			} else if (d.set && d.get) {
				const { get, set } = d;
				Object.defineProperty(context, name, {
					configurable: true,
					get: () => get.call(context),
					set: (value: unknown) => {
						if (this.recording) this.assign(name, set, value);
						set.call(context, value);
					}
				});
			}
		}
	}

	/**
	 * Runs `draw` (Pixi drawing the root under `view`) and keeps its calls on the context, if all of
	 * them can be replayed; otherwise nothing is kept.
	 */
	record(view: RootView, draw: () => void): void {
		this.ops = [];
		this.replayable = true;
		this.state = Object.fromEntries(STATE.map((name) => [name, this.context[name]])) as Record<
			StateName,
			unknown
		>;
		this.recording = true;
		try {
			draw();
		} finally {
			this.recording = false;
		}
		if (this.replayable) this.view = { ...view };
		else this.forget();
	}

	/** Whether a frame is kept. */
	get recorded(): boolean {
		return this.view !== null;
	}

	/**
	 * Draws the kept frame with the root under `view` (same resolution). False when there is none or
	 * it could not be drawn (then it is forgotten): the caller draws with Pixi.
	 */
	replay(view: RootView): boolean {
		const from = this.view;
		if (!from || !this.state || from.resolution !== view.resolution) return false;
		const k = view.scale / from.scale;
		const dx = view.resolution * (view.x - k * from.x);
		const dy = view.resolution * (view.y - k * from.y);
		const context = this.context;
		try {
			for (const name of STATE) setState(context, name, this.state[name]);
			for (const op of this.ops) op(context, k, dx, dy);
			return true;
		} catch {
			// A source gone meanwhile (a closed bitmap): Pixi draws the frame and a new one is kept.
			this.forget();
			return false;
		}
	}

	forget(): void {
		this.view = null;
		this.ops = [];
		this.state = null;
	}

	private call(name: string, original: (...args: unknown[]) => unknown, args: unknown[]): void {
		if (!this.replayable) return;
		if (name === 'setTransform' && args.length === 6 && args.every((a) => typeof a === 'number')) {
			const [a, b, c, d, e, f] = args as number[];
			this.ops.push((context, k, dx, dy) =>
				original.call(context, k * a!, k * b!, k * c!, k * d!, k * e! + dx, k * f! + dy)
			);
		} else if (name === 'drawImage' || name === 'save' || name === 'restore') {
			const kept = [...args];
			this.ops.push((context) => original.apply(context, kept));
		} else this.replayable = false;
	}

	private assign(name: string, set: (value: unknown) => void, value: unknown): void {
		if (!this.replayable) return;
		if (SETTABLE.has(name)) this.ops.push((context) => set.call(context, value));
		else this.replayable = false;
	}
}

function setState(context: CanvasRenderingContext2D, name: StateName, value: unknown): void {
	(context as unknown as Record<StateName, unknown>)[name] = value;
}
