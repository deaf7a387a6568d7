import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CanvasFrameRecorder, type RootView } from './canvas-replay';

type Call = [string, ...unknown[]];

/** A 2D context that logs what it is asked (the unit tests run in Node, which has no canvas). */
class LoggingContext {
	log: Call[] = [];
	/** Sources that throw when drawn, as a closed ImageBitmap does. */
	closed = new Set<unknown>();
	private alpha = 1;
	private composite = 'source-over';
	private smoothing = true;
	private fill = '#000';
	setTransform(...args: unknown[]) {
		this.log.push(['setTransform', ...args]);
	}
	drawImage(...args: unknown[]) {
		if (this.closed.has(args[0])) throw new DOMException('detached', 'InvalidStateError');
		this.log.push(['drawImage', ...args]);
	}
	save() {
		this.log.push(['save']);
	}
	restore() {
		this.log.push(['restore']);
	}
	fillRect(...args: unknown[]) {
		this.log.push(['fillRect', ...args]);
	}
	get globalAlpha() {
		return this.alpha;
	}
	set globalAlpha(value: number) {
		this.log.push(['globalAlpha', value]);
		this.alpha = value;
	}
	get globalCompositeOperation() {
		return this.composite;
	}
	set globalCompositeOperation(value: string) {
		this.log.push(['globalCompositeOperation', value]);
		this.composite = value;
	}
	get imageSmoothingEnabled() {
		return this.smoothing;
	}
	set imageSmoothingEnabled(value: boolean) {
		this.log.push(['imageSmoothingEnabled', value]);
		this.smoothing = value;
	}
	get fillStyle() {
		return this.fill;
	}
	set fillStyle(value: string) {
		this.log.push(['fillStyle', value]);
		this.fill = value;
	}
}

const global = globalThis as unknown as { CanvasRenderingContext2D?: unknown };
let saved: unknown;
beforeEach(() => {
	saved = global.CanvasRenderingContext2D;
	global.CanvasRenderingContext2D = LoggingContext;
});
afterEach(() => {
	global.CanvasRenderingContext2D = saved;
});

const at = (scale: number, x: number, y: number, resolution = 2): RootView => ({ scale, x, y, resolution });

/** What Pixi does for a sprite at `local` (scale, x, y) under the root `view`: its transform, then the image. */
function drawSprite(context: CanvasRenderingContext2D, view: RootView, local: [number, number, number]) {
	const [s, lx, ly] = local;
	const r = view.resolution;
	context.globalAlpha = 0.62;
	context.setTransform(
		r * view.scale * s,
		0,
		0,
		r * view.scale * s,
		r * (view.scale * lx + view.x),
		r * (view.scale * ly + view.y)
	);
	context.drawImage('art' as unknown as CanvasImageSource, 0, 0, 10, 10, 0, 0, 10, 10);
}

function setup() {
	const logging = new LoggingContext();
	const context = logging as unknown as CanvasRenderingContext2D;
	return { logging, context, recorder: new CanvasFrameRecorder(context) };
}

describe('CanvasFrameRecorder', () => {
	it('replays a frame under another camera with the calls Pixi makes for that camera', () => {
		const { logging, context, recorder } = setup();
		const sprites: [number, number, number][] = [
			[1, 0, 0],
			[0.5, 120, 40]
		];
		const before = at(1.5, -30, 12);
		recorder.record(before, () => sprites.forEach((sprite) => drawSprite(context, before, sprite)));
		expect(recorder.recorded).toBe(true);
		const after = at(1.8, -75.5, 3.25);
		logging.log = [];
		expect(recorder.replay(after)).toBe(true);
		const replayed = logging.log;
		logging.log = [];
		sprites.forEach((sprite) => drawSprite(context, after, sprite));
		// The state the frame started from, then the same calls as drawn directly under the new camera.
		expect(replayed.slice(0, 3)).toEqual([
			['globalAlpha', 1],
			['globalCompositeOperation', 'source-over'],
			['imageSmoothingEnabled', true]
		]);
		const rest = replayed.slice(3);
		expect(rest).toHaveLength(logging.log.length);
		rest.forEach((call, i) => {
			const direct = logging.log[i]!;
			expect(call[0]).toBe(direct[0]);
			if (call[0] === 'setTransform')
				call.slice(1).forEach((value, j) => expect(value as number).toBeCloseTo(direct[j + 1] as number, 9));
			else expect(call).toEqual(direct);
		});
	});

	it('keeps no frame that made a call it cannot replay (a path, a fill colour)', () => {
		const { context, recorder } = setup();
		const view = at(1, 0, 0);
		recorder.record(view, () => {
			drawSprite(context, view, [1, 0, 0]);
			context.fillRect(0, 0, 5, 5);
		});
		expect(recorder.recorded).toBe(false);
		expect(recorder.replay(view)).toBe(false);
		recorder.record(view, () => {
			context.fillStyle = '#fff';
			drawSprite(context, view, [1, 0, 0]);
		});
		expect(recorder.recorded).toBe(false);
	});

	it('records only inside record(): calls before and after it are drawn, not kept', () => {
		const { logging, context, recorder } = setup();
		const view = at(1, 0, 0);
		context.fillRect(0, 0, 1, 1);
		recorder.record(view, () => drawSprite(context, view, [1, 0, 0]));
		context.fillRect(0, 0, 2, 2);
		expect(logging.log.filter((c) => c[0] === 'fillRect')).toHaveLength(2);
		logging.log = [];
		expect(recorder.replay(view)).toBe(true);
		expect(logging.log.map((c) => c[0])).toEqual([
			'globalAlpha',
			'globalCompositeOperation',
			'imageSmoothingEnabled',
			'globalAlpha',
			'setTransform',
			'drawImage'
		]);
	});

	it('does not replay at another resolution, and forgets a frame it could not draw again', () => {
		const { logging, context, recorder } = setup();
		const view = at(1, 0, 0);
		recorder.record(view, () => drawSprite(context, view, [1, 0, 0]));
		expect(recorder.replay(at(1, 0, 0, 1))).toBe(false);
		expect(recorder.recorded).toBe(true);
		// The art's bitmap closed since: the replay fails, and the caller draws with Pixi.
		logging.closed.add('art');
		expect(recorder.replay(at(2, 0, 0))).toBe(false);
		expect(recorder.recorded).toBe(false);
	});
});
