import { describe, expect, it } from 'vitest';
import { FrameScheduler } from './frame-scheduler';

/** A scheduler on a fake frame loop: frames run only when the test says so. */
function setup() {
	const requested = new Map<number, () => void>();
	let nextId = 1;
	let draws = 0;
	const scheduler = new FrameScheduler({
		requestFrame: (callback) => {
			requested.set(nextId, callback);
			return nextId++;
		},
		cancelFrame: (id) => void requested.delete(id),
		draw: () => void draws++
	});
	return {
		scheduler,
		get requests() {
			return requested.size;
		},
		get draws() {
			return draws;
		},
		/** Runs the animation-frame callbacks that were waiting. */
		frame() {
			const due = [...requested.values()];
			requested.clear();
			for (const callback of due) callback();
		}
	};
}

describe('FrameScheduler', () => {
	it('requests no frame while nothing changes', () => {
		const t = setup();
		t.scheduler.enable();
		t.frame();
		expect(t.requests).toBe(0);
		expect(t.draws).toBe(0);
	});

	it('draws a change once on the next frame, then goes idle', () => {
		const t = setup();
		t.scheduler.enable();
		t.scheduler.invalidate();
		t.scheduler.invalidate();
		t.scheduler.invalidate();
		expect(t.requests).toBe(1);
		t.frame();
		expect(t.draws).toBe(1);
		expect(t.scheduler.pending).toBe(false);
		for (let i = 0; i < 5; i++) t.frame();
		expect(t.draws).toBe(1);
		expect(t.scheduler.framesDrawn).toBe(1);
	});

	it('draws nothing before it is enabled, then draws what changed meanwhile', () => {
		const t = setup();
		t.scheduler.invalidate();
		expect(t.requests).toBe(0);
		t.scheduler.flush();
		expect(t.draws).toBe(0);
		t.scheduler.enable();
		expect(t.requests).toBe(1);
		t.frame();
		expect(t.draws).toBe(1);
	});

	it('flush draws at once and drops the pending frame; without a change it draws nothing', () => {
		const t = setup();
		t.scheduler.enable();
		t.scheduler.invalidate();
		t.scheduler.flush();
		expect(t.draws).toBe(1);
		expect(t.requests).toBe(0);
		t.frame();
		expect(t.draws).toBe(1);
		t.scheduler.flush();
		expect(t.draws).toBe(1);
	});

	it('while held, changes wait for the holder to flush; released, what is left is drawn', async () => {
		const t = setup();
		t.scheduler.enable();
		t.scheduler.invalidate();
		t.scheduler.hold(true);
		expect(t.requests).toBe(0);
		t.scheduler.invalidate();
		expect(t.requests).toBe(0);
		t.scheduler.flush();
		expect(t.draws).toBe(1);
		t.scheduler.invalidate();
		t.scheduler.hold(false);
		await Promise.resolve();
		expect(t.requests).toBe(1);
		t.frame();
		expect(t.draws).toBe(2);
		// Released and flushed in the same task: no frame requested for nothing.
		t.scheduler.hold(true);
		t.scheduler.invalidate();
		t.scheduler.hold(false);
		t.scheduler.flush();
		await Promise.resolve();
		expect(t.requests).toBe(0);
		expect(t.draws).toBe(3);
	});

	it('nextFrame resolves after the frame is drawn', async () => {
		const t = setup();
		t.scheduler.enable();
		let done = false;
		const next = t.scheduler.nextFrame().then(() => (done = true));
		await Promise.resolve();
		expect(done).toBe(false);
		t.frame();
		await next;
		expect(done).toBe(true);
		expect(t.draws).toBe(1);
	});

	it('stop cancels the pending frame, releases waiters and ignores later changes', async () => {
		const t = setup();
		t.scheduler.enable();
		const waiting = t.scheduler.nextFrame();
		t.scheduler.stop();
		await waiting;
		expect(t.requests).toBe(0);
		t.scheduler.invalidate();
		t.scheduler.flush();
		await t.scheduler.nextFrame();
		expect(t.requests).toBe(0);
		expect(t.draws).toBe(0);
	});
});
