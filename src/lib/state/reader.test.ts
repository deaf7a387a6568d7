import { describe, expect, it } from 'vitest';
import type { Manifest } from '$lib/domain/manifest/schema';
import { fitPage, fitRegion, moveDurationMs, tweenAt, visibleRegion } from '$lib/domain/reader/camera';
import { FakeRenderer } from '$lib/render/fake-renderer';
import type { ComicSource } from './comic-source';
import type { NarrationHost } from './narration.svelte';
import { ReaderState, storageKey, type ReaderEnvironment } from './reader.svelte';

const panel = (id: string, y: number) => ({
	id,
	region: { x: 0, y, w: 400, h: 200 },
	description: { fr: `Case ${id}`, en: `Panel ${id}` },
	bubbles: [
		{
			id: `${id}-b`,
			role: 'speech' as const,
			shape: { kind: 'rect' as const, region: { x: 10, y: y + 10, w: 100, h: 50 } },
			text: { fr: `Bonjour ${id}`, en: `Hello ${id}` }
		}
	]
});
const manifest = {
	id: 'demo',
	referenceLanguage: 'fr',
	languages: [
		{ tag: 'fr', status: 'complete' },
		{ tag: 'en', status: 'complete' },
		{ tag: 'bm', status: 'draft' }
	],
	characters: [],
	title: { fr: 'Démo' },
	pages: [
		{
			id: 'p1',
			image: 'p1.webp',
			width: 400,
			height: 600,
			panels: [panel('a', 0), panel('b', 200), panel('c', 400)]
		},
		{ id: 'p2', image: 'p2.webp', width: 400, height: 600, panels: [panel('d', 0)] },
		{ id: 'p3', image: 'p3.webp', width: 400, height: 600, panels: [panel('e', 0)] }
	]
} as unknown as Manifest;

const source: ComicSource = {
	slug: 'demo',
	manifest,
	origin: 'network',
	versionHash: null,
	assetUrl: (p) => `/comics/demo/${p}`,
	release: () => {}
};

/** A fake clock and frame loop: frames run only when the test says so. */
function environment(options: { reducedMotion?: boolean; stored?: Record<string, string> } = {}) {
	let now = 0;
	let nextId = 1;
	const frames = new Map<number, (frameMs: number) => void>();
	const store = new Map(Object.entries(options.stored ?? {}));
	const listeners: ((e: { matches: boolean }) => void)[] = [];
	const marks: string[] = [];
	const deferred: (() => void)[] = [];
	const env: ReaderEnvironment = {
		storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
		now: () => now,
		requestFrame: (cb) => {
			frames.set(nextId, cb);
			return nextId++;
		},
		cancelFrame: (id) => void frames.delete(id),
		reducedMotionQuery: {
			matches: options.reducedMotion ?? false,
			addEventListener: (_: string, l: never) => void listeners.push(l),
			removeEventListener: (_: string, l: never) => void listeners.splice(listeners.indexOf(l), 1)
		} as unknown as ReaderEnvironment['reducedMotionQuery'],
		mark: (name) => void marks.push(name),
		defer: (callback) => void deferred.push(callback)
	};
	return {
		env,
		store,
		marks,
		listeners,
		/**
		 * Advances the clock and runs the frames that were waiting, then the deferred tasks. The
		 * frames get the clock as their start time, or `startedMsAgo` earlier (rAF's timestamp).
		 */
		frame(ms: number, startedMsAgo = 0) {
			now += ms;
			const due = [...frames.values()];
			frames.clear();
			for (const cb of due) cb(now - startedMsAgo);
			for (const task of deferred.splice(0)) task();
		},
		/** Runs the frames only, leaving deferred tasks waiting. */
		frameOnly(ms: number, startedMsAgo = 0) {
			now += ms;
			const due = [...frames.values()];
			frames.clear();
			for (const cb of due) cb(now - startedMsAgo);
		},
		get deferredTasks() {
			return deferred.length;
		},
		get pendingFrames() {
			return frames.size;
		}
	};
}

/** Lets a page turn finish: the renderer's page shown (promises), then the tasks after it. */
async function turned(world: ReturnType<typeof environment>) {
	for (let i = 0; i < 10; i++) {
		for (let j = 0; j < 10; j++) await Promise.resolve();
		if (!world.deferredTasks) break;
		world.frame(0);
	}
}

const canvas = {} as HTMLCanvasElement;
const size = { width: 800, height: 600 };

async function started(options: Parameters<typeof environment>[0] = {}, readerOptions = {}) {
	const world = environment(options);
	const renderer = new FakeRenderer();
	const reader = new ReaderState(source, renderer, world.env, readerOptions);
	await reader.start(canvas, { size, preference: 'auto', resolution: 1 });
	return { reader, renderer, world };
}

describe('ReaderState', () => {
	it("makes a page's art URL only when the renderer first reads it (an object URL on the tablet)", async () => {
		const asked: string[] = [];
		const counting: ComicSource = {
			...source,
			assetUrl: (p) => {
				asked.push(p);
				return `blob:demo/${p}`;
			}
		};
		const renderer = new FakeRenderer();
		const reader = new ReaderState(counting, renderer, environment().env);
		await reader.start(canvas, { size, preference: 'auto', resolution: 1 });
		// Drawing the first panel made none for the other pages (the fake renderer reads none).
		expect(asked).toEqual([]);
		expect(renderer.pages[1]!.artUrl).toBe('blob:demo/p2.webp');
		expect(asked).toEqual(['p2.webp']);
	});

	it('starts at the first panel, guided, in the preferred language, and marks the first panel', async () => {
		const { reader, renderer, world } = await started({}, { preferredLanguage: 'en' });
		expect(reader.ready).toBe(true);
		expect(reader.backend).toBe('webgl');
		expect(reader.current.panelId).toBe('a');
		expect(reader.textLanguage).toBe('en');
		expect(renderer.lang).toBe('en');
		expect(renderer.currentPage).toBe(0);
		expect(renderer.camera).toEqual(
			fitRegion(manifest.pages[0]!.panels[0]!.region, size, { margin: 12, maxScale: 3 })
		);
		expect(renderer.dimmed).toEqual(manifest.pages[0]!.panels[0]!.region);
		// The cold start's milestones (bench/cold-start-trace.ts), the first panel last and once.
		expect(world.marks).toEqual(['kalanso:font-ready', 'kalanso:renderer-mounted', 'kalanso:first-panel']);
		expect(reader.transcript?.lines[0]?.text).toBe('Hello a');
	});

	it.each([
		[
			'remembered position',
			{ [storageKey('demo')]: JSON.stringify({ panelId: 'd', mode: 'page', textLanguage: 'bm' }) },
			{},
			'd',
			'page',
			'bm'
		],
		[
			'?panel= wins over memory',
			{ [storageKey('demo')]: JSON.stringify({ panelId: 'd', mode: 'guided', textLanguage: 'fr' }) },
			{ initialPanelId: 'b' },
			'b',
			'guided',
			'fr'
		],
		[
			'unknown remembered panel falls back to the start',
			{ [storageKey('demo')]: JSON.stringify({ panelId: 'zz', mode: 'guided', textLanguage: 'xx' }) },
			{ preferredLanguage: 'en' },
			'a',
			'guided',
			'en'
		],
		['corrupt memory is ignored', { [storageKey('demo')]: '{not json' }, {}, 'a', 'guided', 'fr'],
		[
			'a preferred language the comic lacks falls back to the reference',
			{},
			{ preferredLanguage: 'de' },
			'a',
			'guided',
			'fr'
		]
	])('restores: %s', async (_name, stored, options, panelId, mode, lang) => {
		const { reader } = await started({ stored }, options);
		expect(reader.current.panelId).toBe(panelId);
		expect(reader.mode).toBe(mode);
		expect(reader.textLanguage).toBe(lang);
	});

	it('glides to the next panel on the same page over several frames, then remembers it', async () => {
		const { reader, renderer, world } = await started();
		const target = fitRegion(manifest.pages[0]!.panels[1]!.region, size, { margin: 12, maxScale: 3 });
		reader.next();
		expect(reader.current.panelId).toBe('b');
		expect(renderer.dimmed).toEqual(manifest.pages[0]!.panels[1]!.region);
		world.frame(50);
		world.frame(50);
		expect(world.pendingFrames).toBe(1);
		expect(renderer.camera).not.toEqual(target);
		expect(reader.camera).not.toEqual(target);
		for (let i = 0; i < 20 && world.pendingFrames; i++) world.frame(100);
		expect(reader.cameraTarget).toEqual(target);
		expect(reader.moveMs).toBeGreaterThanOrEqual(300);
		expect(reader.camera).toEqual(target);
		expect(renderer.camera).toEqual(target);
		expect(JSON.parse(world.store.get(storageKey('demo'))!)).toMatchObject({ panelId: 'b', mode: 'guided' });
	});

	it("times a glide by its frames' start from its first frame, which draws nothing, and ends it on the panel", async () => {
		const { reader, renderer, world } = await started();
		const from = reader.camera;
		const target = fitRegion(manifest.pages[0]!.panels[1]!.region, size, { margin: 12, maxScale: 3 });
		world.frame(1000);
		renderer.framesDrawn = [];
		reader.next();
		// The key press's frame (started 5 ms before the press was handled) starts the move's clock and
		// draws nothing: the key press's work and the move's first drawing fall in two frames.
		world.frameOnly(0, 5);
		expect(renderer.framesDrawn).toEqual([]);
		expect(world.pendingFrames).toBe(1);
		// A later frame that started 4 ms before its callback ran shows the camera of its start.
		world.frameOnly(100, 4);
		const tween = { from, to: target, startMs: 995, durationMs: moveDurationMs(from, target, size) };
		expect(renderer.framesDrawn).toHaveLength(1);
		expect(renderer.framesDrawn[0]).toEqual(tweenAt(tween, 1096).camera);
		expect(renderer.framesDrawn[0]).not.toEqual(tweenAt(tween, 1100).camera);
		expect(renderer.framesDrawn[0]).not.toEqual(tweenAt({ ...tween, startMs: 1000 }, 1096).camera);
		for (let i = 0; i < 50 && world.pendingFrames; i++) world.frameOnly(16, 4);
		expect(world.pendingFrames).toBe(0);
		expect(renderer.framesDrawn.at(-1)).toEqual(target);
		world.frame(0);
		expect(reader.camera).toEqual(target);
	});

	it("shows a next/prev move's panel on the screen right after its last frame, none of its frames with it", async () => {
		const { reader, renderer, world } = await started();
		const screen = () => ({
			index: reader.index,
			position: reader.position,
			transcript: reader.transcript,
			target: reader.cameraTarget,
			camera: reader.camera
		});
		const before = screen();
		renderer.framesDrawn = [];
		reader.next();
		// The reader is at the new panel at once (narration and links rely on it)…
		expect(reader.current.panelId).toBe('b');
		// …the camera moves frame after frame while the screen's state stays as it was, the last frame's too…
		let frames = 0;
		while (world.pendingFrames && frames < 200) {
			world.frameOnly(16);
			frames++;
			expect(screen()).toEqual(before);
		}
		expect(frames).toBeGreaterThan(3);
		// Each frame but the first (it starts the move's clock) drew the camera.
		expect(renderer.framesDrawn).toHaveLength(frames - 1);
		const target = fitRegion(manifest.pages[0]!.panels[1]!.region, size, { margin: 12, maxScale: 3 });
		expect(renderer.framesDrawn.at(-1)).toEqual(target);
		// …then one task after the last frame shows it all: panel, position, target, camera at rest and
		// the new panel's lines (aria-live announces them).
		expect(world.deferredTasks).toBe(1);
		world.frame(0);
		expect(reader.shown.panelId).toBe('b');
		expect(reader.position).toEqual({ page: 1, pages: 3, panel: 2, panelsOnPage: 3 });
		expect(reader.cameraTarget).toEqual(target);
		expect(reader.camera).toEqual(target);
		expect(reader.moveMs).toBeGreaterThan(0);
		expect(reader.transcript?.panelId).toBe('b');
		expect(reader.transcript?.lines[0]?.text).toMatch(/ b$/);
		expect(renderer.framesDrawn).toHaveLength(frames - 1);
	});

	it('textures loaded during a glide are counted on the screen after its last frame, not between its frames', async () => {
		const world = environment();
		const renderer = new FakeRenderer();
		let loadsDone = () => {};
		renderer.idle = new Promise((resolve) => (loadsDone = resolve));
		const reader = new ReaderState(source, renderer, world.env, {});
		await reader.start(canvas, { size, preference: 'auto', resolution: 1 });
		await turned(world);
		const counted = reader.loadedTextures;
		reader.next();
		world.frameOnly(16);
		// The neighbours' art finishes loading in the middle of the move…
		renderer.loaded.add(7);
		loadsDone();
		for (let i = 0; i < 10; i++) await Promise.resolve();
		let frames = 0;
		while (world.pendingFrames && frames < 200) {
			expect(reader.loadedTextures).toBe(counted);
			world.frameOnly(16);
			frames++;
		}
		expect(frames).toBeGreaterThan(3);
		expect(reader.loadedTextures).toBe(counted);
		// …and the screen counts it with the rest, in the task after the last frame.
		world.frame(0);
		expect(reader.shown.panelId).toBe('b');
		expect(reader.loadedTextures).toBe(renderer.loadedTextureCount);
		expect(reader.loadedTextures).toBe(counted + 1);
	});

	it('a move started before the previous one ended shows the transcript of the panel it ends on', async () => {
		const { reader, world } = await started();
		reader.next();
		for (let i = 0; i < 100 && world.pendingFrames; i++) world.frameOnly(16);
		// Next again before the task after the first move ran: that task leaves the transcript alone.
		reader.next();
		world.frame(16);
		expect(reader.transcript?.panelId).toBe('a');
		for (let i = 0; i < 100 && world.pendingFrames; i++) world.frame(16);
		expect(reader.transcript?.panelId).toBe('c');
	});

	it('leaving during a move does not show a transcript afterwards', async () => {
		const { reader, world } = await started();
		reader.next();
		for (let i = 0; i < 100 && world.pendingFrames; i++) world.frameOnly(16);
		reader.destroy();
		world.frame(0);
		expect(reader.transcript?.panelId).toBe('a');
	});

	it('a move shorter than its publication shows everything on the screen by its last frame', async () => {
		const { reader, world } = await started();
		reader.next();
		// The key press's frame starts the move; the next one, a second later, ends it.
		world.frame(16);
		expect(world.pendingFrames).toBe(1);
		world.frame(1000);
		expect(world.pendingFrames).toBe(0);
		expect(reader.shown.panelId).toBe('b');
		expect(reader.transcript?.panelId).toBe('b');
	});

	it('goToPanel (narration, quiz links) shows the new panel on the screen at once, also for a glide', async () => {
		const { reader, world } = await started();
		reader.goToPanel('b');
		expect(world.pendingFrames).toBeGreaterThan(0);
		expect(reader.shown.panelId).toBe('b');
		expect(reader.moveMs).toBeGreaterThan(0);
	});

	it('a cut (reduced motion) shows the new panel on the screen at once', async () => {
		const { reader } = await started({ reducedMotion: true });
		reader.next();
		expect(reader.index).toBe(1);
		expect(reader.transcript?.panelId).toBe('b');
		expect(reader.moveMs).toBe(0);
	});

	it('a next that turns the page shows it on the screen and stores it in a task after the page is drawn', async () => {
		const { reader, renderer, world } = await started({}, { initialPanelId: 'c' });
		await turned(world);
		const key = storageKey('demo');
		const stored = world.store.get(key);
		const screen = () => ({
			index: reader.index,
			position: reader.position,
			transcript: reader.transcript,
			target: reader.cameraTarget,
			camera: reader.camera,
			textures: reader.loadedTextures
		});
		const before = screen();
		reader.next();
		// The reader is on the new page at once, and the renderer shows it at once (a cut)…
		expect(reader.current.panelId).toBe('d');
		expect(renderer.currentPage).toBe(1);
		const target = fitRegion(manifest.pages[1]!.panels[0]!.region, size, { margin: 12, maxScale: 3 });
		expect(renderer.camera).toEqual(target);
		// …while the screen and the stored position wait for the page's frame (no DOM work in the key
		// press nor in that frame)…
		await Promise.resolve();
		await Promise.resolve();
		expect(screen()).toEqual(before);
		expect(world.store.get(key)).toBe(stored);
		// …and change in one task after it.
		await turned(world);
		expect(reader.shown.panelId).toBe('d');
		expect(reader.position).toEqual({ page: 2, pages: 3, panel: 1, panelsOnPage: 1 });
		expect(reader.transcript?.panelId).toBe('d');
		expect(reader.cameraTarget).toEqual(target);
		expect(reader.camera).toEqual(target);
		expect(reader.moveMs).toBe(0);
		expect(reader.loadedTextures).toBe(3);
		expect(JSON.parse(world.store.get(key)!)).toMatchObject({ panelId: 'd' });
	});

	it('a second turn before the first was drawn shows the panel it ends on', async () => {
		const { reader, world } = await started({}, { initialPanelId: 'c' });
		await turned(world);
		reader.next();
		reader.next();
		await turned(world);
		expect(reader.current.panelId).toBe('e');
		expect(reader.shown.panelId).toBe('e');
		expect(reader.transcript?.panelId).toBe('e');
		expect(JSON.parse(world.store.get(storageKey('demo'))!)).toMatchObject({ panelId: 'e' });
	});

	it('draws each frame of a move in that frame, leaves the state alone until the move ends, then asks for no frame', async () => {
		const { reader, renderer, world } = await started();
		const start = reader.camera;
		const target = fitRegion(manifest.pages[0]!.panels[1]!.region, size, { margin: 12, maxScale: 3 });
		renderer.framesDrawn = [];
		renderer.settledHistory = [];
		reader.next();
		let frames = 0;
		while (world.pendingFrames && frames < 200) {
			world.frame(16);
			frames++;
			if (world.pendingFrames) {
				// Mid-move: the reactive camera (and the DOM that shows it) has not changed; the camera
				// drawn has, from the frame after the key press's on.
				expect(reader.camera).toEqual(start);
				if (frames > 1) expect(reader.liveCamera).not.toEqual(start);
			}
		}
		// An eased move over several frames, each drawn once (but the first, which starts the move's
		// clock), each further along, the last at the target.
		expect(frames).toBeGreaterThan(10);
		expect(renderer.framesDrawn).toHaveLength(frames - 1);
		expect(new Set(renderer.framesDrawn.map((c) => JSON.stringify(c))).size).toBe(frames - 1);
		expect(renderer.framesDrawn.at(-1)).toEqual(target);
		// Not settled until the last frame.
		expect(renderer.settledHistory.at(-1)).toBe(true);
		expect(renderer.settledHistory.slice(0, -1)).toEqual(
			Array<boolean>(renderer.settledHistory.length - 1).fill(false)
		);
		expect(renderer.settledHistory.length).toBeGreaterThanOrEqual(frames);
		expect(reader.camera).toEqual(target);
		// Idle: nothing asks for frames, nothing is drawn.
		world.frame(16);
		world.frame(16);
		expect(world.pendingFrames).toBe(0);
		expect(renderer.framesDrawn).toHaveLength(frames - 1);
	});

	it('a move that interrupts another goes on from where the camera is in the next frame, without a pause', async () => {
		const { reader, renderer, world } = await started();
		reader.next();
		for (let i = 0; i < 4; i++) world.frameOnly(16);
		const where = reader.liveCamera;
		const drawn = renderer.framesDrawn.length;
		reader.next();
		world.frameOnly(16);
		// The frame right after the second key press draws a step of the new move, timed from the press.
		expect(renderer.framesDrawn).toHaveLength(drawn + 1);
		const target = fitRegion(manifest.pages[0]!.panels[2]!.region, size, { margin: 12, maxScale: 3 });
		const tween = {
			from: where,
			to: target,
			startMs: world.env.now() - 16,
			durationMs: moveDurationMs(where, target, size)
		};
		expect(renderer.framesDrawn.at(-1)).toEqual(tweenAt(tween, world.env.now()).camera);
		expect(renderer.framesDrawn.at(-1)).not.toEqual(where);
		for (let i = 0; i < 100 && world.pendingFrames; i++) world.frameOnly(16);
		expect(renderer.framesDrawn.at(-1)).toEqual(target);
	});

	it('stores the position after the move has ended (not in its frames), or when the reader closes in one', async () => {
		const { reader, world } = await started();
		reader.next();
		world.frame(16);
		expect(world.store.get(storageKey('demo'))).toBeUndefined();
		for (let i = 0; i < 100 && world.pendingFrames; i++) world.frameOnly(16);
		expect(world.store.get(storageKey('demo'))).toBeUndefined();
		expect(world.deferredTasks).toBe(1);
		world.frame(0);
		expect(JSON.parse(world.store.get(storageKey('demo'))!)).toMatchObject({ panelId: 'b' });
		reader.next();
		world.frame(16);
		reader.destroy();
		expect(JSON.parse(world.store.get(storageKey('demo'))!)).toMatchObject({ panelId: 'c' });
	});

	it("starts loading the first page's art before the engine is mounted", async () => {
		const { renderer } = await started({}, { initialPanelId: 'd' });
		expect(renderer.prepared).toEqual([1]);
		expect(renderer.calls.indexOf('prepare:1')).toBeLessThan(renderer.calls.indexOf('mount'));
	});

	it('with reduced motion the move is a cut: the camera is at the target before any frame', async () => {
		const { reader, renderer, world } = await started({ reducedMotion: true });
		reader.next();
		const target = fitRegion(manifest.pages[0]!.panels[1]!.region, size, { margin: 12, maxScale: 3 });
		expect(renderer.camera).toEqual(target);
		expect(world.pendingFrames).toBe(0);
		expect(reader.moveMs).toBe(0);
	});

	it('follows a change of the reduced-motion setting', async () => {
		const { reader, world } = await started();
		expect(reader.reducedMotion).toBe(false);
		world.listeners.forEach((l) => l({ matches: true }));
		expect(reader.reducedMotion).toBe(true);
	});

	it('crossing to another page cuts and keeps only neighbouring pages loaded', async () => {
		const { reader, renderer } = await started({}, { initialPanelId: 'c' });
		reader.next();
		await Promise.resolve();
		expect(reader.current.panelId).toBe('d');
		expect(renderer.currentPage).toBe(1);
		expect(renderer.loadedTextureCount).toBe(3);
		reader.next();
		expect(renderer.currentPage).toBe(2);
		expect([...renderer.loaded].sort()).toEqual([1, 2]);
	});

	it('page view fits the whole page and steps page by page', async () => {
		const { reader, renderer, world } = await started({ reducedMotion: true });
		reader.setMode('page');
		expect(renderer.camera).toEqual(fitPage(manifest.pages[0]!, size, 8));
		expect(renderer.dimmed).toBeNull();
		reader.next();
		expect(reader.current.panelId).toBe('d');
		// A turn by next shows the new page on the screen once it is drawn (see the turn's own test).
		await turned(world);
		expect(reader.position).toEqual({ page: 2, pages: 3, panel: 1, panelsOnPage: 1 });
	});

	it('page view zooms with a double tap and pans within the page, and a second double tap fits again', async () => {
		const { reader, renderer } = await started({ reducedMotion: true });
		reader.setMode('page');
		const fit = renderer.camera!;
		reader.handleGesture({ kind: 'double-tap', x: 400, y: 300 });
		expect(reader.zoomed).toBe(true);
		expect(renderer.camera!.scale).toBeCloseTo(fit.scale * 2.5);
		reader.handleGesture({ kind: 'pan', dx: 10000, dy: 0 });
		const seen = visibleRegion(renderer.camera!, size);
		expect(seen.x).toBeCloseTo(0);
		reader.handleGesture({ kind: 'swipe', direction: 1 });
		expect(reader.current.panelId).toBe('a');
		reader.handleGesture({ kind: 'double-tap', x: 400, y: 300 });
		expect(renderer.camera).toEqual(fit);
	});

	it.each([
		['left third goes back', 50, 'guided', 'a'],
		['middle goes on in guided view', 400, 'guided', 'c'],
		['middle does nothing in page view', 400, 'page', 'b'],
		['right third goes on in page view', 700, 'page', 'd']
	] as const)('tap zones: %s', async (_name, x, mode, expected) => {
		const { reader } = await started({ reducedMotion: true }, { initialPanelId: 'b' });
		reader.setMode(mode);
		reader.handleGesture({ kind: 'tap', x, y: 300 });
		expect(reader.current.panelId).toBe(expected);
	});

	it('a tap on a bubble goes to bubble-tap listeners instead of turning the page', async () => {
		const { reader } = await started({ reducedMotion: true });
		const tapped: string[] = [];
		const off = reader.onBubbleTap((id) => tapped.push(id));
		// Panel "a" fills the view: find its bubble's screen position through the camera.
		const cam = reader.camera;
		const x = (60 - cam.x) * cam.scale + size.width / 2;
		const y = (35 - cam.y) * cam.scale + size.height / 2;
		reader.handleGesture({ kind: 'tap', x, y });
		expect(tapped).toEqual(['a-b']);
		expect(reader.current.panelId).toBe('a');
		off();
		// Without listeners the same spot is just the left tap zone (stays on the first panel)…
		reader.handleGesture({ kind: 'tap', x, y });
		expect(tapped).toEqual(['a-b']);
		// …and the middle turns the page.
		reader.handleGesture({ kind: 'tap', x: 400, y: 300 });
		expect(reader.current.panelId).toBe('b');
	});

	it('switching the text language keeps the position and tells the renderer', async () => {
		const { reader, renderer, world } = await started({}, { initialPanelId: 'b' });
		await reader.setTextLanguage('bm');
		expect(reader.current.panelId).toBe('b');
		expect(renderer.lang).toBe('bm');
		// bm lacks this text: the transcript falls back to French and says so with its lang.
		expect(reader.transcript?.lines[0]).toMatchObject({ text: 'Bonjour b', lang: 'fr' });
		expect(JSON.parse(world.store.get(storageKey('demo'))!)).toMatchObject({ textLanguage: 'bm' });
		await reader.setTextLanguage('xx');
		expect(reader.textLanguage).toBe('bm');
	});

	it('a resize keeps the current panel in view without animating', async () => {
		const { reader, renderer, world } = await started({}, { initialPanelId: 'b' });
		const portrait = { width: 600, height: 1000 };
		reader.resize(portrait);
		expect(renderer.size).toEqual(portrait);
		expect(renderer.camera).toEqual(
			fitRegion(manifest.pages[0]!.panels[1]!.region, portrait, { margin: 12, maxScale: 3 })
		);
		expect(world.pendingFrames).toBe(0);
	});

	it('shows an error instead of throwing when no renderer works', async () => {
		const world = environment();
		const renderer = new FakeRenderer();
		renderer.available = [];
		const reader = new ReaderState(source, renderer, world.env);
		await reader.start(canvas, { size, preference: 'auto', resolution: 1 });
		expect(reader.error).toBe('noRenderer');
		expect(reader.ready).toBe(false);
	});

	it('falls back to the canvas renderer when WebGL is missing', async () => {
		const world = environment();
		const renderer = new FakeRenderer();
		renderer.available = ['canvas'];
		const reader = new ReaderState(source, renderer, world.env);
		await reader.start(canvas, { size, preference: 'auto', resolution: 1 });
		expect(reader.backend).toBe('canvas');
	});

	it('destroy is safe before start finished, twice, and removes listeners', async () => {
		const world = environment();
		const renderer = new FakeRenderer();
		const reader = new ReaderState(source, renderer, world.env);
		const starting = reader.start(canvas, { size, preference: 'auto', resolution: 1 });
		reader.destroy();
		reader.destroy();
		await starting;
		expect(renderer.destroyed).toBe(true);
		expect(reader.ready).toBe(false);
		expect(world.listeners).toHaveLength(0);
		expect(renderer.calls.filter((c) => c.startsWith('showPage'))).toEqual([]);
	});

	it('notifies panel listeners and goes to a panel by id', async () => {
		const { reader } = await started({ reducedMotion: true });
		// Narration drives the reader through this interface; the assignment fails to compile if they drift apart.
		const host: NarrationHost = reader;
		expect(host.current.panelId).toBe('a');
		const seen: string[] = [];
		reader.onPanelChange((p) => seen.push(p.panelId));
		expect(reader.goToPanel('e')).toBe(true);
		expect(reader.goToPanel('nope')).toBe(false);
		expect(seen).toEqual(['e']);
		expect(reader.canNext).toBe(false);
		expect(reader.canPrev).toBe(true);
	});
});
