/**
 * Everything the reader knows and does, as one runes class: mode (page / guided), position,
 * text language, the camera and its eased moves, position memory, reduced motion. Components read
 * its getters and call its methods; the drawing goes through a `PageRenderer` handed in.
 *
 * For other features (narration, quiz):
 * - `onBubbleTap(listener)`: called with a bubble id when the reader taps a bubble; while any
 *   listener is registered a tap on a bubble does not turn the page.
 * - `renderer.highlightBubble(id)` / `highlightBubble(id)` here: outline the bubble being read.
 * - `goToPanel(panelId)`, `current` (page/panel ids), `textLanguage`, `onPanelChange(listener)`.
 * - Reading position is stored per comic in localStorage under `kalanso:reader:<slug>`.
 */
import type { ComicLanguage, Manifest, Point } from '$lib/domain/manifest/schema';
import {
	camerasEqual,
	clampCamera,
	fitPage,
	fitRegion,
	moveDurationMs,
	panBy,
	tweenAt,
	zoomAt,
	type Camera,
	type CameraTween,
	type Size
} from '$lib/domain/reader/camera';
import { panelTranscript, type Transcript } from '$lib/domain/reader/bubbles';
import { letteredLanguages } from '$lib/domain/reader/lettering';
import type { Gesture } from '$lib/domain/reader/gestures';
import {
	canStep,
	findPanel,
	positionLabel,
	readingOrder,
	step,
	type PanelPosition,
	type PositionLabel,
	type ReaderMode
} from '$lib/domain/reader/reading-order';
import {
	RendererUnavailableError,
	type PageRenderer,
	type RendererBackend,
	type RendererPreference
} from '$lib/render/page-renderer';
import type { ComicSource } from './comic-source';

/** Margin around a panel in guided view, CSS pixels. */
const GUIDED_MARGIN = 12;
/** Margin around the page in page view, CSS pixels. */
const PAGE_MARGIN = 8;
/** Page view zoom: up to 4× the fitted page. */
const MAX_ZOOM = 4;
/** Guided view never blows a small panel up beyond this many screen pixels per page pixel. */
const GUIDED_MAX_SCALE = 3;

export interface StoredPosition {
	panelId: string;
	mode: ReaderMode;
	textLanguage: string;
}

/** The bits of `window` the state uses, injectable for tests. */
export interface ReaderEnvironment {
	storage: Pick<Storage, 'getItem' | 'setItem'> | null;
	now: () => number;
	/** `requestAnimationFrame`: the callback gets the frame's start time (same clock as `now`). */
	requestFrame: (callback: (frameMs: number) => void) => number;
	cancelFrame: (id: number) => void;
	/** `matchMedia('(prefers-reduced-motion: reduce)')`, or null where there is none. */
	reducedMotionQuery: Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'> | null;
	/** performance.mark, for the first-panel timing the bench reads. */
	mark: (name: string) => void;
	/** Runs a callback soon in a task of its own (setTimeout 0): work kept out of animation frames. */
	defer: (callback: () => void) => void;
}

export function browserEnvironment(): ReaderEnvironment {
	let storage: Storage | null = null;
	try {
		storage = window.localStorage;
	} catch (error) {
		// Storage can be disabled (private mode, policies): reading still works, only without memory.
		console.warn('localStorage unavailable, reading position will not be remembered', error);
	}
	return {
		storage,
		now: () => performance.now(),
		requestFrame: (cb) => requestAnimationFrame(cb),
		cancelFrame: (id) => cancelAnimationFrame(id),
		reducedMotionQuery: window.matchMedia?.('(prefers-reduced-motion: reduce)') ?? null,
		mark: (name) => performance.mark(name),
		defer: (callback) => void setTimeout(callback, 0)
	};
}

export interface ReaderOptions {
	/** `?panel=<panelId>`: open at this panel instead of the remembered position. */
	initialPanelId?: string | null;
	/** Preferred text language when nothing is remembered (the interface language). */
	preferredLanguage?: string;
	/** Starting mode when nothing is remembered. */
	initialMode?: ReaderMode;
}

/** Mount parameters for `start`. */
export interface StartOptions {
	size: Size;
	preference: RendererPreference;
	resolution: number;
	preserveDrawingBuffer?: boolean;
}

/** Why the reader cannot show the comic; the component turns it into a translated message. */
export type ReaderError = 'noRenderer' | 'art' | null;

export function storageKey(slug: string): string {
	return `kalanso:reader:${slug}`;
}

export class ReaderState {
	readonly source: ComicSource;
	readonly manifest: Manifest;
	readonly order: PanelPosition[];

	mode = $state<ReaderMode>('guided');
	/**
	 * The panel (index in the reading order) the screen shows: position, transcript, buttons. After
	 * next/prev it follows the reader's panel once the camera move has ended (see `publish`);
	 * `current` is always the reader's panel.
	 */
	index = $state(0);
	textLanguage = $state('fr');
	reducedMotion = $state(false);
	/** True once the first frame with page art has been drawn. */
	ready = $state(false);
	backend = $state<RendererBackend | null>(null);
	loadedTextures = $state(0);
	error = $state<ReaderError>(null);
	/**
	 * The camera at rest: where the last move ended (set right after its last frame) or the last cut
	 * put it. Not updated during a move, so that no reactive update (and DOM work) runs in the frames
	 * of a move; `liveCamera` is the camera drawn now.
	 */
	camera = $state.raw<Camera>({ x: 0, y: 0, scale: 1 });
	/** Where the current move ends (equal to `camera` once it has ended); published with `index`. */
	cameraTarget = $state.raw<Camera>({ x: 0, y: 0, scale: 1 });
	/** Length of the current (or last) camera move in ms, 0 when it was a cut; published with `index`. */
	moveMs = $state(0);
	/** Bubble outlined for narration (also marked in the transcript), or null. */
	highlightedBubble = $state<string | null>(null);
	/** Whether page view is zoomed in (then a drag pans instead of turning the page). */
	zoomed = $state(false);

	// Derived once per change rather than getters computed at every read: the reader's screen reads
	// them many times when a move starts (a new transcript object per read made every line update).
	// `$derived.by` with a closure: `order`/`manifest` are set by the constructor, after field
	// initialisers run, and the closure only runs when first read.
	/** Page and panel (indices and ids) of the panel shown: `current`, published with `index`. */
	readonly shown: PanelPosition = $derived.by(() => this.order[this.index]!);
	/** "page x/y, panel x/y" of the panel shown (1-based). */
	readonly position: PositionLabel = $derived.by(() => positionLabel(this.order, this.index));
	/** What the panel shown says and shows, in the text language. */
	readonly transcript: Transcript | null = $derived.by(() => {
		const { pageIndex, panelIndex } = this.order[this.index]!;
		return panelTranscript(this.manifest, pageIndex, panelIndex, this.textLanguage);
	});
	readonly canNext: boolean = $derived.by(() => canStep(this.order, this.index, 1, this.mode));
	readonly canPrev: boolean = $derived.by(() => canStep(this.order, this.index, -1, this.mode));

	/**
	 * Page and panel (indices and ids) of the reader's panel, at once after a move to it (narration
	 * and other features rely on that); reactive through `index`.
	 */
	get current(): PanelPosition {
		void this.index;
		return this.order[this.at]!;
	}

	/** The camera handed to the renderer last (during a move: this frame's). Not reactive. */
	get liveCamera(): Camera {
		return this.live;
	}

	private readonly renderer: PageRenderer;
	private readonly env: ReaderEnvironment;
	private live: Camera = { x: 0, y: 0, scale: 1 };
	/** The reader's panel (index in the reading order); `index` shows it, after a move for next/prev. */
	private at = 0;
	/** Where the camera goes and for how long, until published as `cameraTarget` and `moveMs`. */
	private target: Camera = { x: 0, y: 0, scale: 1 };
	private targetMs = 0;
	private viewport: Size = { width: 1, height: 1 };
	private shownPage = -1;
	private tween: CameraTween | null = null;
	/** The move's clock starts at its first frame (a move from rest, see `glide`). */
	private clockAtNextFrame = false;
	/**
	 * A next/prev turned the page and its first frame is not drawn yet: the screen's state waits for
	 * it (`afterMove` then runs, see `show`). The latest such turn, or null.
	 */
	private turning: symbol | null = null;
	private frameId: number | null = null;
	private destroyed = false;
	private started = false;
	private bubbleTapListeners: ((bubbleId: string) => void)[] = [];
	private panelListeners: ((position: PanelPosition) => void)[] = [];
	private pageLoad: Promise<void> = Promise.resolve();
	/** The position changed during a move and is stored when the move ends. */
	private positionUnsaved = false;
	private readonly onReducedMotionChange = (event: MediaQueryListEvent) => {
		this.reducedMotion = event.matches;
	};

	constructor(
		source: ComicSource,
		renderer: PageRenderer,
		env: ReaderEnvironment,
		options: ReaderOptions = {}
	) {
		this.source = source;
		this.manifest = source.manifest;
		this.order = readingOrder(this.manifest);
		this.renderer = renderer;
		this.env = env;
		this.reducedMotion = env.reducedMotionQuery?.matches ?? false;
		env.reducedMotionQuery?.addEventListener('change', this.onReducedMotionChange);

		const stored = this.readStored();
		const known = (tag: string | undefined): tag is string =>
			!!tag && this.manifest.languages.some((l) => l.tag === tag);
		this.mode = stored?.mode ?? options.initialMode ?? 'guided';
		this.textLanguage =
			[stored?.textLanguage, options.preferredLanguage].find(known) ?? this.manifest.referenceLanguage;
		const requested = options.initialPanelId ? findPanel(this.order, options.initialPanelId) : -1;
		const remembered = stored ? findPanel(this.order, stored.panelId) : -1;
		this.index = this.at = requested >= 0 ? requested : remembered >= 0 ? remembered : 0;

		// The first page's art starts loading now, while the reader's screen and the engine start.
		// A page's art URL (an object URL of a stored Blob on the tablet) is made when the renderer
		// first asks for it: only the first page's before the first panel (issue 21).
		this.renderer.setPages(
			this.manifest.pages.map((page) => ({
				page,
				get artUrl() {
					return source.assetUrl(page.image);
				},
				lettered: letteredLanguages(this.manifest, page)
			}))
		);
		this.renderer.prepare(this.current.pageIndex);
	}

	/** The comic's languages, with their status (draft languages are shown with a badge). */
	get languages(): ComicLanguage[] {
		return this.manifest.languages;
	}

	/**
	 * The canvas of a renderer started ahead of the reader (page-renderer.ts `prepareReaderRenderer`):
	 * the screen shows it and starts on it. Null: the screen makes its own.
	 */
	get canvas(): HTMLCanvasElement | null {
		return this.renderer.canvas;
	}

	/**
	 * Starts the renderer on the canvas and draws the current panel. Sets `error` instead of
	 * throwing when the device cannot draw or the art cannot be loaded.
	 */
	async start(canvas: HTMLCanvasElement, options: StartOptions): Promise<void> {
		if (this.started) return;
		this.started = true;
		this.viewport = options.size;
		// The reading font loads while the engine starts (nothing is drawn before the first page).
		const language = this.renderer.setLanguage(this.textLanguage, this.manifest.referenceLanguage);
		void language.then(() => this.env.mark('kalanso:font-ready')).catch(() => undefined);
		try {
			this.backend = await this.renderer.mount(canvas, {
				preference: options.preference,
				size: options.size,
				resolution: options.resolution,
				preserveDrawingBuffer: options.preserveDrawingBuffer
			});
			this.env.mark('kalanso:renderer-mounted');
		} catch (error) {
			// The font no longer matters; do not leave its failure unhandled.
			language.catch(() => undefined);
			if (this.destroyed) return;
			if (error instanceof RendererUnavailableError) {
				console.error(error);
				this.error = 'noRenderer';
				return;
			}
			throw error;
		}
		if (this.destroyed) return;
		await language;
		if (this.destroyed) return;
		await this.show({ animate: false });
		if (this.destroyed || this.error) return;
		this.ready = true;
		this.env.mark('kalanso:first-panel');
	}

	/** Next panel (guided) or page (page view). */
	next(): void {
		this.goTo(step(this.order, this.at, 1, this.mode), { screenAfterMove: true });
	}

	prev(): void {
		this.goTo(step(this.order, this.at, -1, this.mode), { screenAfterMove: true });
	}

	/** Back to the first panel ("Relire" at the end of the comic). */
	restart(): void {
		this.goTo(0);
	}

	/** Opens a panel by id (quiz "show me where"); false when the comic has no such panel. */
	goToPanel(panelId: string): boolean {
		const index = findPanel(this.order, panelId);
		if (index < 0) return false;
		this.goTo(index);
		return true;
	}

	/**
	 * Moves to a panel. With `screenAfterMove` (the student's next/previous), a glide is drawn frame
	 * after frame with the screen's text and attributes unchanged: they change (Svelte's DOM work:
	 * transcript, position, buttons, attributes) right after its last frame (`afterMove`), so that no
	 * frame of the glide waits for them. Other callers (narration, which highlights a bubble of the
	 * new panel at once) get the screen updated at once. The same holds for a next/previous that turns
	 * the page: the new page is drawn first, and the screen (and the stored position) changes in a task
	 * right after that frame (`afterMove`), so that the key press and the turn's frame carry no DOM work.
	 */
	goTo(index: number, { screenAfterMove = false } = {}): void {
		if (index === this.at || index < 0 || index >= this.order.length) return;
		this.at = index;
		for (const listener of this.panelListeners) listener(this.current);
		void this.show({ animate: true, screenAfterFrame: screenAfterMove });
		this.rememberWhenSettled();
		if (!screenAfterMove || (!this.tween && !this.turning)) this.publish();
	}

	setMode(mode: ReaderMode): void {
		if (mode === this.mode) return;
		this.mode = mode;
		void this.show({ animate: true });
		this.rememberWhenSettled();
		this.publish();
	}

	/** Changes the bubble and transcript language at once, keeping the position. */
	async setTextLanguage(tag: string): Promise<void> {
		if (!this.manifest.languages.some((l) => l.tag === tag) || tag === this.textLanguage) return;
		this.textLanguage = tag;
		this.remember();
		if (this.started && !this.destroyed)
			await this.renderer.setLanguage(tag, this.manifest.referenceLanguage);
	}

	/** The canvas changed size (rotation, window resize): keep the current panel in view, no animation. */
	resize(size: Size): void {
		if (size.width < 1 || size.height < 1) return;
		if (size.width === this.viewport.width && size.height === this.viewport.height) return;
		this.viewport = size;
		if (!this.started || this.destroyed) return;
		this.renderer.resize(size);
		this.cut(this.restingCamera());
	}

	/** Gestures from the canvas: taps on the edges and swipes turn; pinch, double tap and drag zoom and pan. */
	handleGesture(gesture: Gesture): void {
		if (!this.ready) return;
		switch (gesture.kind) {
			case 'swipe':
				if (this.mode === 'page' && this.zoomed) return;
				if (gesture.direction === 1) this.next();
				else this.prev();
				return;
			case 'tap': {
				const bubble = this.bubbleTapListeners.length ? this.renderer.hitTestBubble(gesture) : null;
				if (bubble) {
					for (const listener of this.bubbleTapListeners) listener(bubble);
					return;
				}
				// Tap zones: the left third goes back; in guided view the rest goes on, in page view only
				// the right third (the middle is left for zooming and for bubbles).
				const third = this.viewport.width / 3;
				if (gesture.x < third) this.prev();
				else if (this.mode === 'guided' || gesture.x > 2 * third) this.next();
				return;
			}
			case 'double-tap':
				if (this.mode !== 'page') return;
				this.zoomAtPoint(this.zoomed ? 0 : 2.5, gesture);
				return;
			case 'pinch':
				if (this.mode !== 'page') this.setMode('page');
				this.zoomAtPoint(gesture.factor, gesture);
				return;
			case 'pan':
				if (this.mode !== 'page' || !this.zoomed) return;
				this.cut(this.clampPage(panBy(this.live, gesture.dx, gesture.dy)));
				return;
		}
	}

	/** Zooms page view by `factor` around a screen point; factor 0 returns to the fitted page. */
	zoomAtPoint(factor: number, at: Point): void {
		if (this.mode !== 'page') return;
		const target =
			factor === 0 ? this.restingCamera() : this.clampPage(zoomAt(this.live, factor, at, this.viewport));
		this.cut(target);
	}

	/** Outlines a bubble on the current page (narration follows the voice with it). */
	highlightBubble(bubbleId: string | null): void {
		this.highlightedBubble = bubbleId;
		this.renderer.highlightBubble(bubbleId);
	}

	/** The bubble id under a screen point of the canvas, or null. */
	hitTestBubble(screen: Point): string | null {
		return this.renderer.hitTestBubble(screen);
	}

	/** Registers a bubble-tap listener (narration: "read this bubble"); returns its removal. */
	onBubbleTap(listener: (bubbleId: string) => void): () => void {
		this.bubbleTapListeners.push(listener);
		return () => {
			this.bubbleTapListeners = this.bubbleTapListeners.filter((l) => l !== listener);
		};
	}

	/** Registers a listener called after every move to another panel; returns its removal. */
	onPanelChange(listener: (position: PanelPosition) => void): () => void {
		this.panelListeners.push(listener);
		return () => {
			this.panelListeners = this.panelListeners.filter((l) => l !== listener);
		};
	}

	/** Stops animations, removes listeners and frees the renderer. Safe at any moment, and twice. */
	destroy(): void {
		if (this.destroyed) return;
		// Leaving in the middle of a move still keeps the new position.
		if (this.positionUnsaved) this.remember();
		this.destroyed = true;
		if (this.frameId !== null) this.env.cancelFrame(this.frameId);
		this.frameId = null;
		this.env.reducedMotionQuery?.removeEventListener('change', this.onReducedMotionChange);
		this.bubbleTapListeners = [];
		this.panelListeners = [];
		this.renderer.destroy();
	}

	// ——— internals ———

	/** Where the camera rests for the current panel and mode. */
	private restingCamera(): Camera {
		const page = this.manifest.pages[this.current.pageIndex]!;
		if (this.mode === 'page') return fitPage(page, this.viewport, PAGE_MARGIN);
		const panel = page.panels[this.current.panelIndex]!;
		return fitRegion(panel.region, this.viewport, { margin: GUIDED_MARGIN, maxScale: GUIDED_MAX_SCALE });
	}

	private clampPage(camera: Camera): Camera {
		const page = this.manifest.pages[this.current.pageIndex]!;
		const fit = fitPage(page, this.viewport, PAGE_MARGIN).scale;
		return clampCamera(camera, page, this.viewport, { minScale: fit, maxScale: fit * MAX_ZOOM });
	}

	/** Shows the current panel: loads the page when it changed, then moves or cuts the camera. */
	private async show({
		animate,
		screenAfterFrame = false
	}: {
		animate: boolean;
		/** A page turn by next/prev: the screen changes right after the new page's first frame. */
		screenAfterFrame?: boolean;
	}): Promise<void> {
		if (!this.started || this.destroyed || this.backend === null) return;
		const pageIndex = this.current.pageIndex;
		const page = this.manifest.pages[pageIndex]!;
		const target = this.restingCamera();
		const pageChanged = pageIndex !== this.shownPage;
		const dim = this.mode === 'guided' ? page.panels[this.current.panelIndex]!.region : null;
		if (pageChanged) {
			this.shownPage = pageIndex;
			this.renderer.dimOutside(dim);
			// A new page is a cut: the camera cannot glide between two different pictures.
			const turning = screenAfterFrame ? Symbol('turn') : null;
			if (turning) {
				// The screen's state after the page's first frame (`afterMove`), not in the key press.
				this.turning = turning;
				this.cutCamera(target);
			} else this.cut(target);
			const turn = this.renderer.showPage(pageIndex).then(
				() => (turning ? this.afterFrame() : undefined),
				(error: unknown) => {
					console.error(error);
					if (!this.destroyed) this.error = 'art';
				}
			);
			this.pageLoad = turn.then(() => {
				// Unless another turn started meanwhile: that one shows the screen after its own frame.
				if (turning && this.turning === turning) {
					this.turning = null;
					this.afterMove();
				}
				if (!this.destroyed) this.refreshTextures();
			});
			await this.pageLoad;
			return;
		}
		// The move first: its first frame then draws the new dimming too, in one frame.
		if (animate && !this.reducedMotion) this.glide(target);
		else this.cut(target);
		this.renderer.dimOutside(dim);
	}

	/**
	 * The count of page textures held, now and once the renderer's loads (the neighbours' art) are
	 * done. Those may finish during a move: then the count waits for the move's end (`afterMove`),
	 * so that no DOM changes between a move's frames.
	 */
	private refreshTextures(): void {
		this.loadedTextures = this.renderer.loadedTextureCount;
		void this.renderer.whenIdle().then(() => {
			if (!this.destroyed && !this.tween && !this.turning)
				this.loadedTextures = this.renderer.loadedTextureCount;
		});
	}

	/** Jumps the camera (reduced motion, resize, page change, pan and pinch). */
	private cut(target: Camera): void {
		this.cutCamera(target);
		this.publish();
		this.settle(target);
		if (this.positionUnsaved) this.remember();
	}

	/** The camera part of a cut: stops a move, hands the camera to the renderer; no reactive state. */
	private cutCamera(target: Camera): void {
		this.tween = null;
		if (this.frameId !== null) this.env.cancelFrame(this.frameId);
		this.frameId = null;
		this.targetMs = 0;
		this.target = target;
		this.live = target;
		this.renderer.setCamera(target, true);
	}

	/** Resolves in a task of its own, after the current one (the frame just drawn) has ended. */
	private afterFrame(): Promise<void> {
		return new Promise((resolve) => this.env.defer(resolve));
	}

	/**
	 * Starts an eased move from where the camera is now (also from the middle of another move). The
	 * path is fixed here; each frame only evaluates it and hands the camera to the renderer.
	 *
	 * A move from rest starts on the first frame after the key press, which draws nothing: the key
	 * press's work and the move's first drawing (with the new dimming, a change of the scene that the
	 * canvas renderer draws through all of Pixi's pipeline, see ../render/canvas-replay) then fall in
	 * two frames rather than one (issue 21); the move ends one frame later. A move that interrupts
	 * another goes on from where the camera is, timed from the key press, without a pause.
	 */
	private glide(target: Camera): void {
		if (camerasEqual(this.live, target)) return this.cut(target);
		this.target = target;
		this.clockAtNextFrame = this.tween === null;
		this.tween = {
			from: this.live,
			to: target,
			startMs: this.env.now(),
			durationMs: moveDurationMs(this.live, target, this.viewport)
		};
		this.targetMs = this.tween.durationMs;
		if (this.frameId === null) this.frameId = this.env.requestFrame(this.tick);
		// Tell the renderer a move is under way now: what else changes before its first frame (the
		// dimming) is drawn by that frame rather than by a frame of the renderer's own.
		this.renderer.setCamera(this.live, false);
	}

	/**
	 * One frame of a move: draws it and changes no reactive state, the last frame's neither. The move
	 * is timed by the frame's start (rAF's timestamp), not by when this callback happens to run, so
	 * the steps follow the display's frames. A move from rest takes its first frame's start as its own
	 * (see `glide`); in one that interrupts another, timed from the key press, a frame that started
	 * before the key press was handled draws where the camera was (`tweenAt` clamps).
	 */
	private readonly tick = (frameMs: number) => {
		this.frameId = null;
		if (!this.tween || this.destroyed) return;
		if (this.clockAtNextFrame) {
			this.clockAtNextFrame = false;
			this.tween.startMs = frameMs;
			this.frameId = this.env.requestFrame(this.tick);
			return;
		}
		const { camera, done } = tweenAt(this.tween, frameMs);
		if (done) this.tween = null;
		else this.frameId = this.env.requestFrame(this.tick);
		this.live = camera;
		this.renderer.setCamera(camera, done);
		// Draw in this frame, not on the renderer's next one.
		this.renderer.drawNow();
		if (done) this.env.defer(this.afterMove);
	};

	/**
	 * Right after a move's last frame, in a task of its own: the screen's state (the camera at rest,
	 * and after next/prev the panel, its transcript, which aria-live then announces, the position,
	 * the buttons) and the position's storage write (synchronous). Left to the next move's end if
	 * another move started meanwhile.
	 */
	private readonly afterMove = () => {
		if (this.destroyed || this.tween || this.turning) return;
		this.publish();
		this.settle(this.live);
		this.loadedTextures = this.renderer.loadedTextureCount;
		if (this.positionUnsaved) this.remember();
	};

	/**
	 * Shows the reader's panel and the move's target on the screen (reactive state). Right away,
	 * except for a glide started by next/prev: then right after its last frame (`afterMove`).
	 */
	private publish(): void {
		this.index = this.at;
		this.cameraTarget = this.target;
		this.moveMs = this.targetMs;
	}

	/** The camera at rest in the reactive state. */
	private settle(camera: Camera): void {
		this.camera = camera;
		if (this.mode === 'page') {
			const fit = fitPage(this.manifest.pages[this.current.pageIndex]!, this.viewport, PAGE_MARGIN).scale;
			this.zoomed = camera.scale > fit * 1.01;
		} else this.zoomed = false;
	}

	private readStored(): StoredPosition | null {
		try {
			const raw = this.env.storage?.getItem(storageKey(this.source.slug));
			if (!raw) return null;
			const value = JSON.parse(raw) as Partial<StoredPosition>;
			if (typeof value.panelId !== 'string') return null;
			return {
				panelId: value.panelId,
				mode: value.mode === 'page' ? 'page' : 'guided',
				textLanguage: typeof value.textLanguage === 'string' ? value.textLanguage : ''
			};
		} catch (error) {
			// A corrupt entry only costs the remembered position; start from the beginning.
			console.warn('ignoring unreadable reading position', error);
			return null;
		}
	}

	/**
	 * Stores the position now, or once the camera move under way has ended: the storage write is
	 * synchronous, and the first frame of a move already carries the key press and the DOM update.
	 */
	private rememberWhenSettled(): void {
		if (this.tween || this.turning) this.positionUnsaved = true;
		else this.remember();
	}

	private remember(): void {
		this.positionUnsaved = false;
		const value: StoredPosition = {
			panelId: this.current.panelId,
			mode: this.mode,
			textLanguage: this.textLanguage
		};
		try {
			this.env.storage?.setItem(storageKey(this.source.slug), JSON.stringify(value));
		} catch (error) {
			// Full or disabled storage must not stop reading.
			console.warn('could not remember the reading position', error);
		}
	}
}
