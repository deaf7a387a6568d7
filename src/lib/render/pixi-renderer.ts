/**
 * The Pixi v8 implementation of `PageRenderer`. Renders on demand (`FrameScheduler`, no ticker): a
 * frame is drawn only when the camera, the page or the text changed, which keeps a tablet cool and
 * lets tests wait for "the frame after this change".
 *
 * Scene: world (camera transform) → the current page's scene (art sprite, bubbles: shape + live
 * text), highlight outline, dimming. `world` is the render group drawn, so a camera move changes one
 * transform applied while drawing instead of recomputing the vertices of every bubble each frame.
 * It is drawn as the root itself (no stage above it): every render group is a pass of Pixi's
 * bookkeeping in every frame (transform and instruction checks, a global-uniform push and pop).
 * On WebGL each page's scene is a render group of its own too (its many Graphics vertices are not
 * batched again when the world's list changes: dimming shown or hidden, a page turned); on the
 * canvas renderer a scene is a handful of sprites, drawn as part of the world's group.
 *
 * Each page near the current one (its neighbours, whose art is loaded anyway) gets its scene built
 * and drawn once offscreen while nothing moves (`warmUpNext`): its text fitted and rasterised, its
 * art uploaded. Turning the page then swaps scenes instead of doing all that in the turn's frame.
 *
 * On the canvas renderer each bubble (outline, tail, text, warning) is drawn once, with a 2D context
 * straight into a canvas of its own (./bubble-canvas), and shown as one sprite (`bake`): the canvas
 * renderer has no vertex buffers, so a Graphics is replayed path by path in every frame (≈ 700
 * context calls per frame of a glide over a page of seven bubbles, issue 21), whereas a sprite is
 * one `drawImage`. WebGL keeps the Graphics: their triangles are built once and batched, so a
 * camera move costs the same whatever the outlines. Both draw a bubble from the same model as the
 * print view (./svg-page `sceneBubble`).
 *
 * On the canvas renderer the frames of a move draw, while nothing but the camera changed, the canvas
 * calls of the move's previous frame Pixi drew again under the new camera (./canvas-replay): the same
 * pixels for the canvas calls alone, without Pixi's pipeline (issue 21). Anything else that changes
 * (`changed`) is drawn by Pixi, as is every frame at rest and the move's last.
 */
import { visibleRegion, type Camera, type Size } from '$lib/domain/reader/camera';
import type { Bubble, Point, Region } from '$lib/domain/manifest/schema';
import { bubbleAt } from '$lib/domain/reader/bubbles';
import { pagesToKeep } from '$lib/domain/reader/reading-order';
import {
	fitText,
	fontRange,
	fontWeightFor,
	innerBox,
	shapeFor,
	type FitResult
} from '$lib/domain/reader/text-fit';
import { fillFor, INK, shrinkTriangle } from './bubble-drawing';
import { bakeBubble, drawnLines, overflowWarning, WARNING } from './bubble-canvas';
import { sceneBubble, type SceneBubble } from './svg-page';
import {
	RendererUnavailableError,
	type BubbleFit,
	type PageRenderer,
	type RenderPage,
	type RendererBackend,
	type RendererInit
} from './page-renderer';
import { FrameScheduler } from './frame-scheduler';
import { CanvasFrameRecorder, type RootView } from './canvas-replay';
import { backendOrder, rememberWebGL, rememberedWebGL, webglKind, webglKindOf } from './webgl-kind';
import {
	Container,
	createRenderer,
	Graphics,
	RenderTexture,
	Sprite,
	Text,
	Texture,
	Ticker,
	type Renderer
} from './pixi';
import { HIGHLIGHT_BANDS } from './highlight-style';
import { canvasLineWidth, canvasMeasure, cssFont, loadReadingFont, READING_FONTS } from './text-measure';
import { fontExtent, seedFontMetrics } from './font-metrics';

/** Far enough to cover any viewport around a page when dimming. */
const FAR = 1e5;
/**
 * The dimming's rectangles in `dim`, whose origin is the panel's top-left corner: above and below
 * (spanning the width), left and right of the panel. Each is anchored on its edge along the panel, so
 * that edge lands on the panel's edge exactly; `dimOutside` sets what depends on the panel's size.
 */
const DIM_LAYOUT = [
	{ x: -FAR, y: 0, anchorX: 0, anchorY: 1, width: 2 * FAR, height: FAR },
	{ x: -FAR, y: 0, anchorX: 0, anchorY: 0, width: 2 * FAR, height: FAR },
	{ x: 0, y: 0, anchorX: 1, anchorY: 0, width: FAR, height: 1 },
	{ x: 0, y: 0, anchorX: 0, anchorY: 0, width: FAR, height: 1 }
] as const;
const DIM_ALPHA = 0.62;

interface LoadedArt {
	texture: Texture;
	bitmap: ImageBitmap | null;
}

/**
 * The part of a page's art in view when its scene was built (WebGL): the page's first frame
 * uploads only these pixels, and the whole art replaces them right after that frame (see
 * `viewOfArt`).
 */
interface ArtInView {
	texture: Texture;
	bitmap: ImageBitmap;
	/** Where it lies on the page, page pixels. */
	region: Region;
}

/** What is drawn of one page, built once and kept while the page is near the current one. */
interface PageScene {
	/** The page's index. */
	index: number;
	/** The art sprite, then one slot per bubble in drawing order; a render group of its own on WebGL. */
	root: Container;
	/** The bubbles drawn in the current language (not those whose text the art carries). */
	bubbles: Bubble[];
	/** The live text objects (WebGL; on the canvas renderer the text is baked into its bubble's sprite). */
	texts: Text[];
	fits: BubbleFit[];
	/** The bubbles drawn so far, with their slot. */
	built: { slot: Container; bubble: Bubble }[];
	/** Canvas renderer: the text resolution the bubbles were baked at (see `bake`). */
	bakedAt: number;
	/**
	 * Bubbles left out of the page's first frame because they lay outside the view, with their
	 * slot; built right after that frame, or before any frame that could show them.
	 */
	pending: { slot: Container; bubble: Bubble }[];
	/** Drawn at least once (textures uploaded, text rasterised). */
	warm: boolean;
	/** The art is under the bubbles (a page shown is built first without it, see `showPage`). */
	hasArt: boolean;
	/**
	 * The art sprite shows only the part in view (`ArtInView`) until the whole art replaces it,
	 * right after the page's first frame or before any frame that could show more.
	 */
	partialArt: { sprite: Sprite; inView: ArtInView; art: LoadedArt } | null;
}

export class PixiPageRenderer implements PageRenderer {
	backend: RendererBackend | null = null;

	private renderer: Renderer | null = null;
	private destroyed = false;
	private size: Size = { width: 1, height: 1 };
	private resolution = 1;
	private camera: Camera = { x: 0, y: 0, scale: 1 };

	private readonly world = new Container({ isRenderGroup: true });
	/** Holds the current page's scene. */
	private readonly pageLayer = new Container();
	private readonly highlight = batched(new Graphics());
	/**
	 * The dimming: four black rectangles around the panel, laid out once (`DIM_LAYOUT`) in `dim`,
	 * which is moved to the panel; another panel then sets `dim`'s position and the panel's size
	 * (below's top, right's left, left's and right's height) rather than the four rectangles' places
	 * and sizes. A Graphics would be re-tessellated, re-uploaded, and on the canvas renderer replayed
	 * as a path in every frame; one unit square scaled onto the panel would make the far edges a
	 * multiple of the panel's size (WebGL then left a one-pixel seam at the screen's edge).
	 */
	private readonly dim = new Container();
	private readonly dimRects = DIM_LAYOUT.map(({ x, y, anchorX, anchorY, width, height }) => {
		// Black pixels rather than white tinted black: the canvas renderer looks up (and on a miss,
		// paints) a tinted copy of a tinted sprite's texture in every frame it draws it.
		// (The texture is made in mount: its 1×1 size makes the scale the size.)
		const rect = new Sprite();
		rect.alpha = DIM_ALPHA;
		rect.anchor.set(anchorX, anchorY);
		rect.position.set(x, y);
		rect.scale.set(width, height);
		return rect;
	});

	private dimTexture: Texture | null = null;
	/** Canvas renderer: the reader canvas's 2D context, cleared before each frame (see `draw`). */
	private clearContext: CanvasRenderingContext2D | null = null;
	/**
	 * Canvas renderer: the last frame drawn during a move, replayed by the move's next frames while
	 * nothing but the camera changed (./canvas-replay).
	 */
	private replay: CanvasFrameRecorder | null = null;
	/** Something other than the camera changed since the last frame Pixi drew (see `changed`). */
	private sceneChanged = true;

	private pages: readonly RenderPage[] = [];
	private current = -1;
	private readonly art = new Map<number, Promise<LoadedArt | null>>();
	private readonly settled = new Map<number, LoadedArt>();
	/** Identifies the latest load of each page, so a stale load (page freed meanwhile) is dropped. */
	private readonly artTokens = new Map<number, symbol>();

	private lang = 'fr';
	private fallback = 'fr';
	private highlighted: string | null = null;
	private textResolution = 1;
	private readonly scenes = new Map<number, PageScene>();
	private pendingTimer: ReturnType<typeof setTimeout> | null = null;
	/** Resolves once the task after a page's first frame has run (see `showPage`). */
	private afterPageFrame: Promise<void> = Promise.resolve();
	private afterPageFrameDone: (() => void) | null = null;
	private warmTimer: ReturnType<typeof setTimeout> | null = null;
	/** The WebGL renderer started without knowing whether the device's WebGL is software. */
	private learnWebGLKind = false;
	/** Runs Pixi's scheduler (texture GC) after a frame drawn while no move is under way. */
	private schedulerTimer: ReturnType<typeof setTimeout> | null = null;
	/** Resolves once the pages no longer near the current one have been freed. */
	private freeing: Promise<void> = Promise.resolve();
	/** Warming up was put off because the camera was moving. */
	private warmAfterMove = false;
	/** A 1×1 target the neighbours' scenes are drawn into to warm them up. */
	private warmTarget: RenderTexture | null = null;
	/** Text fitting per bubble and language: a page shown again is not fitted again. */
	private readonly fitCache = new Map<string, FitResult>();
	/** Font loads per text language (and fallback). */
	private readonly fontLoads = new Map<string, Promise<void>>();

	private readonly frames = new FrameScheduler({
		requestFrame: (callback) => requestAnimationFrame(callback),
		cancelFrame: (id) => cancelAnimationFrame(id),
		draw: () => this.draw()
	});
	private measure400 = canvasMeasure(400);
	private measure700 = canvasMeasure(700);
	/** Canvas renderer: a text line's width as Pixi lays it out (see `bake`). */
	private lineWidth400 = canvasLineWidth(400);
	private lineWidth700 = canvasLineWidth(700);

	get loadedTextureCount(): number {
		return this.settled.size;
	}

	get canvas(): HTMLCanvasElement | null {
		return this.view;
	}

	/** The canvas this renderer draws on, once started. */
	private view: HTMLCanvasElement | null = null;

	/**
	 * Starts on a canvas of its own ahead of the reader (./page-renderer `prepareReaderRenderer`) and,
	 * at the size the reader's canvas had last time, draws a first, empty frame: the canvas's memory
	 * is then taken, and Pixi's first render made, before the student taps.
	 */
	async prepareOn(canvas: HTMLCanvasElement, init: RendererInit): Promise<void> {
		await this.mount(canvas, init);
		if (!this.destroyed && (init.size.width > 1 || init.size.height > 1)) this.draw();
	}

	async mount(canvas: HTMLCanvasElement, init: RendererInit): Promise<RendererBackend> {
		if (this.renderer && this.backend) {
			// Started ahead of the reader (prepareOn): the reader's size and resolution now.
			if (canvas !== this.view) throw new Error('this renderer draws on another canvas');
			if (
				init.size.width !== this.size.width ||
				init.size.height !== this.size.height ||
				init.resolution !== this.resolution
			) {
				this.resolution = init.resolution;
				this.resize(init.size);
			}
			return this.backend;
		}
		this.size = init.size;
		this.resolution = init.resolution;
		// `auto`: this device's kind, probed now the first time (./webgl-kind); a forced renderer is tried alone.
		const known = init.preference === 'auto' ? webglKind() : rememberedWebGL();
		const order = backendOrder(init.preference, known);
		let renderer: Renderer | null = null;
		let lastError: unknown = null;
		for (const preference of order) {
			try {
				renderer = await createRenderer(preference, {
					canvas,
					width: init.size.width,
					height: init.size.height,
					resolution: init.resolution,
					autoDensity: true,
					antialias: true,
					backgroundAlpha: 0,
					preserveDrawingBuffer: init.preserveDrawingBuffer ?? false,
					// We register the extensions we use in ./pixi; Pixi need not import them all.
					skipExtensionImports: true
				});
				this.backend = preference;
				break;
			} catch (error) {
				lastError = error;
			}
		}
		if (!renderer) throw new RendererUnavailableError(lastError);
		if (this.destroyed) {
			// destroy() ran while the engine was starting: release what init() created.
			renderer.destroy();
			throw new Error('renderer destroyed during mount');
		}
		this.renderer = renderer;
		this.view = canvas;
		// Whether this device's WebGL is software is learnt from the reader's own context, after the
		// first panel, where nothing told it yet (no probe could be made, or WebGL was forced).
		this.learnWebGLKind = this.backend === 'webgl' && known === null;
		// The context Pixi's canvas renderer draws into (a canvas has one 2D context: the same object).
		if (this.backend === 'canvas') {
			this.clearContext = canvas.getContext('2d');
			if (this.clearContext) this.replay = new CanvasFrameRecorder(this.clearContext);
		}
		// Pixi's renderer starts the shared system ticker (its scheduler, for texture GC), which then
		// requests an animation frame forever, also while nothing moves. We draw on demand instead and
		// run the scheduler once per frame we draw (see draw()).
		Ticker.system.autoStart = false;
		Ticker.system.stop();
		this.dimTexture = blackTexture();
		for (const rect of this.dimRects) rect.texture = this.dimTexture;
		this.dim.addChild(...this.dimRects);
		this.dim.visible = false;
		this.world.addChild(this.pageLayer, this.highlight, this.dim);
		this.applyCamera();
		return this.backend!;
	}

	setPages(pages: readonly RenderPage[]): void {
		this.pages = pages;
		this.fitCache.clear();
		this.fontLoads.clear();
	}

	prepare(index: number): void {
		if (this.pages[index] && !this.destroyed) this.loadArt(index);
	}

	async showPage(index: number): Promise<void> {
		const entry = this.pages[index];
		if (!entry) return;
		this.current = index;
		this.freeFarPagesSoon();
		// The page first: its neighbours' fetch and decode would compete with it for the CPU.
		this.loadArt(index);
		const artLoad = this.art.get(index)!;
		await this.prepareFont();
		if (this.destroyed || this.current !== index) return;
		// The bubbles need no art: their text is fitted and drawn now, while the art is still fetched
		// and decoded (off this thread), which the first frame waits for anyway (issue 21). Only the
		// bubbles in view make that frame wait.
		if (!this.scenes.has(index)) this.scenes.set(index, this.buildScene(index, null, true));
		const art = await artLoad;
		if (this.destroyed || this.current !== index) return;
		if (art && !this.scenes.get(index)?.hasArt) {
			// Only the art in view makes the first frame wait for its upload (WebGL).
			const inView = await this.viewOfArt(index, art);
			if (this.destroyed || this.current !== index) {
				freeArtInView(inView);
				return;
			}
			// The scene may have been built again meanwhile (another language), with its art.
			const built = this.scenes.get(index);
			if (!built) this.scenes.set(index, this.buildScene(index, art, true, inView));
			else if (built.hasArt) freeArtInView(inView);
			else this.putArt(built, art, inView);
		}
		const scene = this.scenes.get(index);
		if (!scene) return;
		this.showScene(scene);
		this.frames.enable();
		await this.frames.nextFrame();
		scene.warm = true;
		if (this.destroyed || this.current !== index) return;
		// The rest in a task after the page's frame (this code runs in that frame's task): the bubbles
		// and art left out of it, the neighbours' art requested (fetch and decode), their warm-up.
		if (this.pendingTimer !== null) return;
		this.afterPageFrame = new Promise((resolve) => {
			this.afterPageFrameDone = resolve;
			this.pendingTimer = setTimeout(() => {
				this.pendingTimer = null;
				this.afterPageFrameDone = null;
				if (!this.destroyed) {
					this.rememberWebGLKind();
					this.buildPendingBubbles();
					for (const p of pagesToKeep(this.current, this.pages.length)) this.loadArt(p);
					this.scheduleWarmUp();
				}
				resolve();
			});
		});
	}

	setCamera(camera: Camera, settled = true): void {
		// During a move the mover draws every frame (drawNow): other changes need no frame of their own.
		this.frames.hold(!settled);
		this.camera = camera;
		this.applyCamera();
		this.buildPendingBubbles();
		// Text is rasterised at a fixed resolution; re-rasterise when the camera zooms well past it,
		// once the camera has arrived (re-rasterising every bubble in the middle of a move stalls it).
		const wanted = Math.min(3, Math.max(1, camera.scale * this.resolution));
		if (settled && wanted > this.textResolution * 1.3) {
			this.textResolution = wanted;
			for (const [index, scene] of this.scenes) {
				for (const text of scene.texts) text.resolution = wanted;
				// The bubbles on screen are baked again now; a neighbour's when it is warmed up again.
				if (index === this.current) this.rebakeIfStale(scene);
				// A neighbour is drawn offscreen again at the new resolution.
				else scene.warm = false;
			}
		}
		if (settled && this.warmAfterMove) {
			this.warmAfterMove = false;
			this.scheduleWarmUp();
		}
		this.frames.invalidate();
	}

	drawNow(): void {
		this.frames.flush();
	}

	resize(size: Size): void {
		this.size = size;
		this.renderer?.resize(size.width, size.height, this.resolution);
		this.applyCamera();
		this.buildPendingBubbles();
		this.changed();
	}

	async setLanguage(lang: string, fallback: string): Promise<void> {
		this.lang = lang;
		this.fallback = fallback;
		await this.prepareFont();
		if (this.destroyed || this.current < 0) return;
		for (const index of [...this.scenes.keys()]) this.destroyScene(index);
		const scene = this.buildScene(this.current, this.settled.get(this.current) ?? null, false);
		this.scenes.set(this.current, scene);
		this.showScene(scene);
		await this.frames.nextFrame();
		scene.warm = true;
		this.scheduleWarmUp();
	}

	/** The languages whose text a page's art carries (nothing is drawn over it in those). */
	private letteredOf(index: number): readonly string[] {
		return this.pages[index]?.lettered ?? [];
	}

	highlightBubble(bubbleId: string | null): void {
		this.highlighted = bubbleId;
		this.drawHighlight();
		this.changed();
	}

	hitTestBubble(screen: Point): string | null {
		const page = this.pages[this.current]?.page;
		if (!page) return null;
		const point = {
			x: (screen.x - this.size.width / 2) / this.camera.scale + this.camera.x,
			y: (screen.y - this.size.height / 2) / this.camera.scale + this.camera.y
		};
		return bubbleAt(page, this.lang, point, this.letteredOf(this.current))?.id ?? null;
	}

	dimOutside(region: Region | null): void {
		if (region) {
			const [, below, left, right] = this.dimRects as [Sprite, Sprite, Sprite, Sprite];
			this.dim.position.set(region.x, region.y);
			below.y = region.h;
			right.x = region.w;
			// 1×1 texture: the scale is the height.
			left.scale.y = right.scale.y = region.h;
		}
		// Visibility changes the scene's structure (Pixi rebuilds its draw list): only when it flips.
		if (this.dim.visible !== (region !== null)) this.dim.visible = region !== null;
		this.changed();
	}

	bubbleFits(): BubbleFit[] {
		return this.scenes.get(this.current)?.fits ?? [];
	}

	async whenIdle(): Promise<void> {
		// The neighbours' art is requested in the task after a page's first frame.
		await this.afterPageFrame;
		await this.freeing;
		// A failed load is reported by showPage for the current page; neighbours just stay unloaded.
		await Promise.allSettled([...this.art.values()]);
	}

	destroy(): void {
		if (this.destroyed) return;
		this.destroyed = true;
		this.frames.stop();
		if (this.pendingTimer !== null) clearTimeout(this.pendingTimer);
		this.afterPageFrameDone?.();
		this.afterPageFrameDone = null;
		if (this.warmTimer !== null) clearTimeout(this.warmTimer);
		if (this.schedulerTimer !== null) clearTimeout(this.schedulerTimer);
		this.schedulerTimer = null;
		this.pendingTimer = this.warmTimer = null;
		for (const p of [...this.art.keys()]) this.freeArt(p);
		for (const index of [...this.scenes.keys()]) this.destroyScene(index);
		this.warmTarget?.destroy(true);
		this.warmTarget = null;
		this.dimTexture?.destroy(true);
		this.dimTexture = null;
		this.world.destroy({ children: true });
		// The canvas belongs to the component: remove Pixi's GL context and listeners, not the element.
		this.renderer?.destroy({ removeView: false });
		this.renderer = null;
		this.clearContext = null;
		this.replay?.forget();
		this.replay = null;
	}

	// ——— internals ———

	/** Remembers what kind of WebGL this device has, once, from the reader's context (./webgl-kind). */
	private rememberWebGLKind(): void {
		if (!this.learnWebGLKind) return;
		this.learnWebGLKind = false;
		const gl = (this.renderer as { gl?: WebGLRenderingContext } | null)?.gl;
		if (gl && !gl.isContextLost()) rememberWebGL(webglKindOf(gl));
	}

	/** Something other than the camera changed: draw it, with Pixi (see `draw`). */
	private changed(): void {
		this.sceneChanged = true;
		this.frames.invalidate();
	}

	/** The world's transform as ./canvas-replay takes it. */
	private rootView(): RootView {
		return {
			scale: this.world.scale.x,
			x: this.world.position.x,
			y: this.world.position.y,
			resolution: this.resolution
		};
	}

	private applyCamera(): void {
		this.world.scale.set(this.camera.scale);
		this.world.position.set(
			this.size.width / 2 - this.camera.x * this.camera.scale,
			this.size.height / 2 - this.camera.y * this.camera.scale
		);
	}

	private draw(): void {
		if (this.destroyed || !this.renderer) return;
		// The system ticker is stopped (see mount): advance it here so that Pixi's scheduled texture
		// GC still runs, after frames we draw anyway: in a task of its own right after the frame (not
		// in a page turn's or a move's last frame), and not while a camera move is under way.
		if (!this.frames.isHeld && this.schedulerTimer === null)
			this.schedulerTimer = setTimeout(() => {
				this.schedulerTimer = null;
				if (!this.destroyed && !this.frames.isHeld) Ticker.system.update(performance.now());
			});
		const context = this.clearContext;
		if (context) {
			// Canvas renderer: the canvas is cleared here, to transparent, as Pixi would. Pixi's clear
			// also hands its clear colour to the shared Color, which the bubbles' baking and text set to
			// other colours between moves: the first frame of each move normalised it again (issue 21).
			context.setTransform(1, 0, 0, 1, 0, 0);
			context.clearRect(0, 0, context.canvas.width, context.canvas.height);
			const replay = this.replay;
			const held = this.frames.isHeld;
			// A frame of a move where only the camera changed: the move's previous frame again, moved.
			if (replay && held && !this.sceneChanged && replay.replay(this.rootView())) return;
			this.sceneChanged = false;
			const renderer = this.renderer;
			const render = () => renderer.render({ container: this.world, clear: false });
			// Kept for the move's next frames; a frame drawn at rest is not.
			if (replay && held) replay.record(this.rootView(), render);
			else {
				replay?.forget();
				render();
			}
			return;
		}
		// One constant clear colour (the canvas is transparent, backgroundAlpha 0): Pixi would
		// otherwise read its background's colour into a new array and normalise it in every frame.
		this.renderer.render({ container: this.world, clearColor: TRANSPARENT });
	}

	private loadArt(index: number): void {
		if (this.art.has(index)) return;
		const url = this.pages[index]!.artUrl;
		const token = Symbol(url);
		this.artTokens.set(index, token);
		const promise = (async (): Promise<LoadedArt | null> => {
			const response = await fetch(url);
			if (!response.ok) throw new Error(`page art ${url}: HTTP ${response.status}`);
			const bitmap = await createImageBitmap(await response.blob());
			// A milestone of the cold start (bench/cold-start-trace.ts): the first page's art decoded.
			performance.mark('kalanso:art-decoded');
			// The page may have been freed (fast paging) or the renderer destroyed while decoding.
			if (this.destroyed || this.artTokens.get(index) !== token) {
				bitmap.close();
				return null;
			}
			const loaded = { texture: Texture.from(bitmap), bitmap };
			this.settled.set(index, loaded);
			if (index !== this.current && this.current >= 0) this.scheduleWarmUp();
			return loaded;
		})();
		// A failed load is forgotten so that showing the page again retries it.
		promise.catch(() => {
			if (this.artTokens.get(index) === token) {
				this.art.delete(index);
				this.artTokens.delete(index);
			}
		});
		this.art.set(index, promise);
	}

	/**
	 * Frees the art and scenes of the pages that are no longer the current one or its neighbours,
	 * in a task right after the page turn's frame: destroying a page's textures and text is not
	 * needed to draw the next one.
	 */
	private freeFarPagesSoon(): void {
		this.freeing = new Promise((resolve) =>
			setTimeout(() => {
				if (!this.destroyed) {
					const keep = pagesToKeep(this.current, this.pages.length);
					for (const p of [...this.art.keys()]) if (!keep.includes(p)) this.freeArt(p);
					for (const p of [...this.scenes.keys()]) if (!keep.includes(p)) this.destroyScene(p);
				}
				resolve();
			})
		);
	}

	private freeArt(index: number): void {
		const loaded = this.settled.get(index);
		this.art.delete(index);
		this.artTokens.delete(index);
		this.settled.delete(index);
		this.destroyScene(index);
		if (!loaded) return;
		// destroy(true) frees the GPU copy and the source; close() frees the decoded CPU copy.
		loaded.texture.destroy(true);
		loaded.bitmap?.close();
	}

	private textOf(bubble: Bubble): string {
		return bubble.text[this.lang] ?? bubble.text[this.fallback] ?? Object.values(bubble.text)[0] ?? '';
	}

	/** Loads the font faces the comic's text needs in the current language, once per language. */
	private prepareFont(): Promise<void> {
		const key = `${this.lang}|${this.fallback}`;
		let loading = this.fontLoads.get(key);
		if (!loading) {
			const sample = this.pages
				.flatMap((p) => p.page.panels.flatMap((panel) => panel.bubbles.map((b) => this.textOf(b))))
				.join(' ');
			loading = loadReadingFont(sample);
			// A failed load is tried again next time.
			loading.catch(() => this.fontLoads.delete(key));
			this.fontLoads.set(key, loading);
		}
		return loading;
	}

	/**
	 * Builds a page's scene: its art and bubbles. With `inViewFirst` (the page about to be shown),
	 * bubbles outside the camera's view are left pending.
	 */
	private buildScene(
		index: number,
		art: LoadedArt | null,
		inViewFirst: boolean,
		inView: ArtInView | null = null
	): PageScene {
		const page = this.pages[index]!.page;
		// A render group on WebGL only (see the top of this file).
		const root = new Container({ isRenderGroup: this.backend !== 'canvas' });
		const scene: PageScene = {
			index,
			root,
			bubbles: page.panels
				.flatMap((panel) => panel.bubbles)
				.filter((bubble) => shapeFor(bubble, this.lang, this.letteredOf(index)) !== null),
			texts: [],
			fits: [],
			built: [],
			bakedAt: this.textResolution,
			pending: [],
			warm: false,
			hasArt: false,
			partialArt: null
		};
		if (art) this.putArt(scene, art, inView);
		const view = visibleRegion(this.camera, this.size);
		for (const bubble of scene.bubbles) {
			const slot = new Container();
			root.addChild(slot);
			if (inViewFirst && !overlaps(bubbleBounds(bubble, this.lang, this.letteredOf(index)), view))
				scene.pending.push({ slot, bubble });
			else this.fillSlot(slot, bubble, scene);
		}
		return scene;
	}

	/**
	 * Puts a page's art under its scene's bubbles: only the part in view (`inView`, WebGL) until the
	 * whole art replaces it (`buildPendingBubbles`).
	 */
	private putArt(scene: PageScene, art: LoadedArt, inView: ArtInView | null): void {
		const page = this.pages[scene.index]!.page;
		const sprite = new Sprite(inView?.texture ?? art.texture);
		const region = inView?.region ?? { x: 0, y: 0, w: page.width, h: page.height };
		sprite.position.set(region.x, region.y);
		sprite.setSize(region.w, region.h);
		scene.root.addChildAt(sprite, 0);
		scene.hasArt = true;
		if (inView) scene.partialArt = { sprite, inView, art };
	}

	/** Puts a scene on screen in place of the one shown. */
	private showScene(scene: PageScene): void {
		this.rebakeIfStale(scene);
		if (scene.root.parent !== this.pageLayer) {
			this.pageLayer.removeChildren();
			this.pageLayer.addChild(scene.root);
		}
		this.drawHighlight();
		this.changed();
	}

	private destroyScene(index: number): void {
		const scene = this.scenes.get(index);
		if (!scene) return;
		this.scenes.delete(index);
		freeArtInView(scene.partialArt?.inView ?? null);
		scene.partialArt = null;
		// Baked bubble textures belong to the scene.
		for (const { slot } of scene.built) emptySlot(slot);
		scene.root.removeFromParent();
		// The art texture belongs to the page's art (freeArt), not to the scene.
		scene.root.destroy({ children: true, texture: false, textureSource: false });
	}

	/** Completes the current scene: its bubbles left out of its first frame, and its whole art. */
	private buildPendingBubbles(): void {
		const scene = this.scenes.get(this.current);
		if (!scene) return;
		if (scene.partialArt) {
			const { sprite, inView, art } = scene.partialArt;
			const page = this.pages[scene.index]!.page;
			sprite.texture = art.texture;
			sprite.position.set(0, 0);
			sprite.setSize(page.width, page.height);
			scene.partialArt = null;
			freeArtInView(inView);
			this.changed();
		}
		if (scene.pending.length === 0) return;
		for (const { slot, bubble } of scene.pending.splice(0)) this.fillSlot(slot, bubble, scene);
		this.changed();
	}

	/**
	 * WebGL: the part of a page's art in view (with a margin of 2 art pixels, so that filtering at the
	 * view's edges reads the same neighbours), when it is well under the whole page: uploading a
	 * texture is one of the costliest steps of the cold start with software GL (a 1200×1700 page,
	 * 8 MB; in guided view the first panel shows about 40 % of it). Null where it would save little,
	 * on the canvas renderer (which uploads nothing) and when the view changed meanwhile.
	 */
	private async viewOfArt(index: number, art: LoadedArt): Promise<ArtInView | null> {
		const bitmap = art.bitmap;
		if (this.backend !== 'webgl' || !bitmap) return null;
		const page = this.pages[index]!.page;
		const { camera, size } = this;
		const view = visibleRegion(camera, size);
		const sx = bitmap.width / page.width;
		const sy = bitmap.height / page.height;
		const x0 = Math.max(0, Math.floor(view.x * sx) - 2);
		const y0 = Math.max(0, Math.floor(view.y * sy) - 2);
		const x1 = Math.min(bitmap.width, Math.ceil((view.x + view.w) * sx) + 2);
		const y1 = Math.min(bitmap.height, Math.ceil((view.y + view.h) * sy) + 2);
		if (x1 <= x0 || y1 <= y0 || (x1 - x0) * (y1 - y0) > 0.7 * bitmap.width * bitmap.height) return null;
		const part = await createImageBitmap(bitmap, x0, y0, x1 - x0, y1 - y0);
		if (this.destroyed || this.camera !== camera || this.size !== size) {
			part.close();
			return null;
		}
		return {
			texture: Texture.from(part),
			bitmap: part,
			region: { x: x0 / sx, y: y0 / sy, w: (x1 - x0) / sx, h: (y1 - y0) / sy }
		};
	}

	private scheduleWarmUp(): void {
		if (this.warmTimer !== null || this.destroyed) return;
		this.warmTimer = setTimeout(() => {
			this.warmTimer = null;
			this.warmUpNext();
		});
	}

	/**
	 * One step of getting the neighbours' scenes ready, each in a task of its own so that a key
	 * press waits for one step at most: build a scene (text fitting), or draw it once into a 1×1
	 * target (text rasterised, art uploaded). Put off while the camera moves.
	 */
	private warmUpNext(): void {
		if (this.destroyed || !this.renderer || this.current < 0) return;
		if (this.frames.isHeld) {
			this.warmAfterMove = true;
			return;
		}
		for (const index of pagesToKeep(this.current, this.pages.length)) {
			if (index === this.current) continue;
			const art = this.settled.get(index);
			if (!art) continue;
			const scene = this.scenes.get(index);
			if (!scene) {
				this.scenes.set(index, this.buildScene(index, art, false));
				this.scheduleWarmUp();
				return;
			}
			// Built without its art when it was shown before the art had come (see `showPage`).
			if (!scene.hasArt) {
				this.putArt(scene, art, null);
				scene.warm = false;
			}
			if (!scene.warm) {
				this.rebakeIfStale(scene);
				this.warmTarget ??= RenderTexture.create({ width: 1, height: 1 });
				this.renderer.render({ container: scene.root, target: this.warmTarget });
				// Drawing a container makes it a render group; on canvas the scene is drawn in the world's.
				if (this.backend === 'canvas') scene.root.disableRenderGroup();
				scene.warm = true;
				this.scheduleWarmUp();
				return;
			}
		}
	}

	private fitBubble(bubble: Bubble, pageIndex: number, box: Region, weight: 400 | 700): FitResult {
		const page = this.pages[pageIndex]!.page;
		const key = `${pageIndex}|${bubble.id}|${this.lang}|${this.fallback}`;

		let fit = this.fitCache.get(key);
		if (!fit) {
			const { minFontPx, maxFontPx } = fontRange(page.width);
			fit = fitText(this.textOf(bubble), box, {
				measure: weight === 700 ? this.measure700 : this.measure400,
				minFontPx,
				maxFontPx
			});
			this.fitCache.set(key, fit);
		}
		return fit;
	}

	/** Draws a bubble into its slot: baked into one sprite on the canvas renderer, live on WebGL. */
	private fillSlot(slot: Container, bubble: Bubble, scene: PageScene): void {
		const drawn = this.sceneBubbleOf(bubble, scene);
		if (this.backend === 'canvas') {
			slot.addChild(this.bake(drawn));
		} else {
			const { group, text } = drawBubble(drawn, this.textResolution);
			scene.texts.push(text);
			slot.addChild(group);
		}
		scene.built.push({ slot, bubble });
	}

	/** A bubble of a scene as the drawing model (./svg-page): outline, tail, its text fitted. */
	private sceneBubbleOf(bubble: Bubble, scene: PageScene): SceneBubble {
		const pageIndex = scene.index;
		// Only drawn bubbles reach here (buildScene keeps those with a shape in this language).
		const shape = shapeFor(bubble, this.lang, this.letteredOf(pageIndex))!;
		const weight = fontWeightFor(bubble.role);
		const fit = this.fitBubble(bubble, pageIndex, innerBox(shape), weight);
		// Drawn again when baked again (a zoom): its fit is listed once.
		if (!scene.fits.some((f) => f.bubbleId === bubble.id))
			scene.fits.push({ bubbleId: bubble.id, fits: fit.fits, fontPx: fit.fontPx });
		return sceneBubble(bubble, shape, fit, { fill: fillFor(bubble.role), lang: this.lang });
	}

	/**
	 * Canvas renderer: draws a bubble (outline, tail, text, warning) once into a canvas of its own at
	 * the text's resolution (page pixels × `textResolution`, ./bubble-canvas) and returns the sprite
	 * showing it where the bubble is: the sprite is all a frame draws.
	 */
	private bake(drawn: SceneBubble): Sprite {
		const { weight, fontPx } = drawn.text;
		const widthOf = weight === 700 ? this.lineWidth700 : this.lineWidth400;
		const baked = bakeBubble(drawn, {
			resolution: this.textResolution,
			font: cssFont(weight, fontPx),
			extent: fontExtent(weight, fontPx),
			lineWidth: (line) => widthOf(line, fontPx)
		});
		const sprite = new Sprite(Texture.from({ resource: baked.canvas, resolution: baked.resolution }, true));
		sprite.position.set(baked.x, baked.y);
		return sprite;
	}

	/** Canvas renderer: bakes a scene's bubbles again when the text resolution changed since. */
	private rebakeIfStale(scene: PageScene): void {
		if (this.backend !== 'canvas' || scene.bakedAt === this.textResolution) return;
		scene.bakedAt = this.textResolution;
		for (const { slot, bubble } of scene.built.splice(0)) {
			emptySlot(slot);
			this.fillSlot(slot, bubble, scene);
		}
		this.changed();
	}

	private drawHighlight(): void {
		// Nothing outlined and nothing to outline (a page shown, most often): the empty, hidden outline
		// stays as it is (clearing it marks it changed for the next frame).
		if (!this.highlighted && !this.highlight.visible) return;
		this.highlight.clear();
		// Hidden while empty: an empty Graphics is still visited in every frame (on the canvas
		// renderer a context save, transform and restore). Its visibility changes the world's draw
		// list (rebuilt once), so it is set only when it flips: when narration starts or stops outlining.
		const drawn = this.outline();
		if (this.highlight.visible !== drawn) this.highlight.visible = drawn;
	}

	/** Draws the highlight outline (see `drawHighlight`); false when there is none to draw. */
	private outline(): boolean {
		const highlighted = this.highlighted;
		const page = this.pages[this.current];
		if (!highlighted || !page) return false;
		const lettered = this.letteredOf(this.current);
		const bubble = this.scenes.get(this.current)?.bubbles.find((b) => b.id === highlighted);
		let target = bubble ? shapeFor(bubble, this.lang, lettered) : null;
		const outlinesPanel = !target;
		if (!target) {
			// Text in the art: the bubble is not drawn, so the panel it belongs to is outlined while its
			// clips play (a panel's own description too, where the page's art carries this language).
			const panel = page.page.panels.find(
				(p) =>
					p.bubbles.some((b) => b.id === highlighted) ||
					(p.id === highlighted && lettered.includes(this.lang))
			);
			if (!panel) return false;
			target = { kind: 'rect', region: panel.region };
		}
		const { kind, region } = target;
		// Wider than a single stroke: three bands (halo, edge, core) must each stay visible. A panel's
		// outline is thinner and lies just inside its edge, where guided view does not dim it.
		const width = Math.max(6, Math.min(region.w, region.h) * (outlinesPanel ? 0.03 : 0.08));
		const pad = outlinesPanel ? -width / 2 : Math.min(region.w, region.h) * 0.08;
		const r = { x: region.x - pad, y: region.y - pad, w: region.w + 2 * pad, h: region.h + 2 * pad };
		// Same path stroked widest first: concentric bands, so it contrasts with any art (highlight-style.ts).
		for (const band of HIGHLIGHT_BANDS) {
			if (kind === 'ellipse' || kind === 'cloud' || kind === 'burst') {
				this.highlight.ellipse(r.x + r.w / 2, r.y + r.h / 2, r.w / 2, r.h / 2);
			} else {
				this.highlight.roundRect(r.x, r.y, r.w, r.h, Math.max(0, pad));
			}
			this.highlight.stroke({ color: band.color, width: width * band.share });
		}
		return true;
	}
}

/**
 * WebGL: a bubble as Pixi objects (its outline as a batched Graphics, its text as a `Text` at
 * `resolution`), which the GPU draws in every frame. The text is returned to be re-rasterised on a zoom.
 */
function drawBubble(b: SceneBubble, resolution: number): { group: Container; text: Text } {
	const group = new Container();
	const g = batched(new Graphics());
	const fill = b.fill;
	const stroke = { color: INK, width: b.strokeWidth, alignment: 0.5 };
	if (b.tail?.kind === 'dots')
		for (const dot of b.tail.dots) g.circle(dot.x, dot.y, dot.r).fill(fill).stroke(stroke);
	else if (b.tail) g.poly(b.tail.points).fill(fill).stroke(stroke);
	const body = b.body;
	switch (body.kind) {
		case 'ellipse':
			g.ellipse(body.cx, body.cy, body.rx, body.ry).fill(fill).stroke(stroke);
			break;
		case 'roundRect':
			g.roundRect(body.x, body.y, body.w, body.h, body.r).fill(fill).stroke(stroke);
			break;
		case 'rect':
			g.rect(body.x, body.y, body.w, body.h).fill(fill).stroke(stroke);
			break;
		case 'polygon':
			g.poly(body.points).fill(fill).stroke(stroke);
			break;
		case 'cloud': {
			for (const bump of body.bumps) g.circle(bump.x, bump.y, bump.r).fill(fill).stroke(stroke);
			// Cover the inner halves of the bump outlines so only the scalloped edge shows.
			const { cx, cy, rx, ry } = body.inner;
			g.ellipse(cx, cy, rx, ry).fill(fill);
			break;
		}
	}
	// Paint the tail's base over the body's outline so the tail joins the body seamlessly.
	if (b.tail?.kind === 'triangle' && body.kind !== 'cloud')
		g.poly(shrinkTriangle(b.tail.points, b.strokeWidth)).fill(fill);
	group.addChild(g);

	const { fontPx, lineHeightPx, weight, cx, cy } = b.text;
	const text = new Text({
		text: drawnLines(b.text).join('\n'),
		resolution,
		style: {
			fontFamily: [...READING_FONTS, 'sans-serif'],
			fontSize: fontPx,
			fontWeight: weight === 700 ? '700' : '400',
			lineHeight: lineHeightPx,
			align: 'center',
			fill: INK
		}
	});
	seedFontMetrics(text.style);
	text.anchor.set(0.5);
	text.position.set(cx, cy);
	group.addChild(text);

	if (!b.text.fits) {
		// Authors see at once which bubble is too small for its text (comics:check reports it too).
		const { frame, frameWidth, dot } = overflowWarning(b);
		const warn = batched(new Graphics());
		warn.rect(frame.x, frame.y, frame.w, frame.h).stroke({ color: WARNING, width: frameWidth });
		warn.circle(dot.x, dot.y, dot.r).fill(WARNING);
		group.addChild(warn);
	}
	return { group, text };
}

/**
 * Puts a Graphics in the sprite batcher whatever its size. Pixi draws a Graphics of 400 vertices or
 * more (any outlined ellipse) on its own, with its own shader and geometry: a page's bubbles, each
 * between its neighbours' text, made some ten draw calls per frame, each with its state changes,
 * all JavaScript. Batched, the page is drawn in a couple of calls; their vertices are computed
 * once, since the camera moves the render group, not the bubbles.
 */
function batched(graphics: Graphics): Graphics {
	graphics.context.batchMode = 'batch';
	return graphics;
}

/** What a bubble covers on the page: its outline (with room for the stroke and warning) and its tail. */
function bubbleBounds(bubble: Bubble, lang: string, lettered: readonly string[]): Region {
	const { x, y, w, h } = shapeFor(bubble, lang, lettered)!.region;
	const pad = Math.max(12, Math.min(w, h) * 0.2);
	let left = x - pad;
	let top = y - pad;
	let right = x + w + pad;
	let bottom = y + h + pad;
	if (bubble.tail) {
		left = Math.min(left, bubble.tail.x - pad);
		top = Math.min(top, bubble.tail.y - pad);
		right = Math.max(right, bubble.tail.x + pad);
		bottom = Math.max(bottom, bubble.tail.y + pad);
	}
	return { x: left, y: top, w: right - left, h: bottom - top };
}

/** The clear colour of every frame: transparent (see `draw`). */
const TRANSPARENT = [0, 0, 0, 0];

/** A 1×1 black texture (the dimming). */
function blackTexture(): Texture {
	const canvas = document.createElement('canvas');
	canvas.width = canvas.height = 1;
	const context = canvas.getContext('2d')!;
	context.fillStyle = '#000';
	context.fillRect(0, 0, 1, 1);
	return Texture.from(canvas);
}

/** Frees the part of a page's art shown before the whole (its GPU copy and its pixels). */
function freeArtInView(inView: ArtInView | null): void {
	if (!inView) return;
	inView.texture.destroy(true);
	inView.bitmap.close();
}

/** Empties a bubble's slot; a baked bubble's texture goes with its sprite (the page art is not in a slot). */
function emptySlot(slot: Container): void {
	for (const child of slot.removeChildren()) {
		if (child instanceof Sprite) child.destroy({ texture: true, textureSource: true });
		else child.destroy({ children: true });
	}
}

function overlaps(a: Region, b: Region): boolean {
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
