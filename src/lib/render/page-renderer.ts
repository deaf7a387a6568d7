/**
 * The drawing engine behind the reader, kept small so that the state and the components never see
 * Pixi (STYLE.md habit 2). The Pixi implementation lives in `pixi-renderer.ts` and is loaded with
 * `import()` only on the reader route (`loadPixiRenderer`); `FakeRenderer` stands in for tests.
 *
 * Coordinates: regions and points on a page are page pixels; screen points are CSS pixels of the
 * canvas, origin at its top-left corner. The camera is the one from `domain/reader/camera`.
 */
import type { Camera, Size } from '$lib/domain/reader/camera';
import type { Page, Point, Region } from '$lib/domain/manifest/schema';
import { backendOrder, webglKind } from './webgl-kind';

export type RendererBackend = 'webgl' | 'canvas';

/** Which backends to try, in order. `?renderer=canvas` forces the canvas renderer (tests, bench). */
export type RendererPreference = 'auto' | RendererBackend;

export interface RendererInit {
	preference: RendererPreference;
	/** Canvas size in CSS pixels. */
	size: Size;
	/** Device pixel ratio to render at. */
	resolution: number;
	/** Keep the drawn frame readable by `toDataURL`/`getImageData` (e2e pixel checks). */
	preserveDrawingBuffer?: boolean;
}

/** A page to show, with where its art comes from (network URL or an offline object URL). */
export interface RenderPage {
	page: Page;
	/** Read when the page's art is first loaded (it may be a getter making an object URL then). */
	artUrl: string;
	/**
	 * Languages whose text the page's art carries (domain/reader/lettering.ts): in those, bubbles
	 * are not drawn and highlighting outlines the panel instead. Absent: textless art.
	 */
	lettered?: readonly string[];
}

/** Neither WebGL nor the canvas renderer could start. The UI shows a translated message. */
export class RendererUnavailableError extends Error {
	constructor(cause?: unknown) {
		super('No renderer available (neither WebGL nor canvas)', { cause });
	}
}

/** Text fitting outcome of one bubble in the current language (for authors and tests). */
export interface BubbleFit {
	bubbleId: string;
	fits: boolean;
	fontPx: number;
}

export interface PageRenderer {
	/** The backend actually in use, once `mount` has resolved. */
	readonly backend: RendererBackend | null;
	/**
	 * The canvas of a renderer started before the reader's screen was (`prepareReaderRenderer`): the
	 * reader shows this one and mounts on it. Null otherwise: the reader makes its own.
	 */
	readonly canvas: HTMLCanvasElement | null;
	/** How many page textures are held right now (the current page and its neighbours at most). */
	readonly loadedTextureCount: number;

	/**
	 * Starts the engine on a canvas the component owns. Tries WebGL, then the canvas renderer.
	 * Rejects with `RendererUnavailableError` when neither works. A renderer already started on
	 * `canvas` (`canvas` above) takes the size and resolution of `init` instead.
	 */
	mount(canvas: HTMLCanvasElement, init: RendererInit): Promise<RendererBackend>;

	/** The comic's pages, in order. Nothing is loaded until `prepare` or `showPage`. May precede `mount`. */
	setPages(pages: readonly RenderPage[]): void;

	/**
	 * Starts loading one page's art (fetch and decode) without drawing anything. May precede
	 * `mount`, so that the first page decodes while the engine starts.
	 */
	prepare(index: number): void;

	/**
	 * Shows a page: loads its art, frees every page's texture but its neighbours', and resolves once
	 * a frame with the page's art (and its bubble text) has been drawn; the neighbours' art loads
	 * after that frame. Until the first page is shown nothing is drawn (no empty frame first).
	 */
	showPage(index: number): Promise<void>;

	/**
	 * Moves the view; drawn on the next animation frame, or at once by `drawNow`. Cheap: call it
	 * every animation frame during a camera move, with `settled` false until the move's last frame
	 * (costly refinements such as sharper text wait for the camera to settle).
	 */
	setCamera(camera: Camera, settled?: boolean): void;

	/**
	 * Draws what changed at once instead of on the next animation frame; for a caller that is inside
	 * an animation frame (a camera move), so each frame of the move is drawn in the frame it was
	 * computed in. Does nothing when nothing changed.
	 */
	drawNow(): void;

	/** The canvas changed size (CSS pixels). */
	resize(size: Size): void;

	/**
	 * Language of the bubble text. Waits until the bundled font is loaded for that text, then
	 * redraws the bubbles; resolves once drawn. `fallback` is used where a bubble lacks that language.
	 */
	setLanguage(lang: string, fallback: string): Promise<void>;

	/**
	 * Outlines one bubble (narration follows the voice with this); null removes the outline. A bubble
	 * not drawn (text in the art) outlines its panel instead.
	 */
	highlightBubble(bubbleId: string | null): void;

	/** The id of the bubble under a screen point on the current page, or null. */
	hitTestBubble(screen: Point): string | null;

	/** Darkens everything outside a page region (guided view); null removes the dimming. */
	dimOutside(region: Region | null): void;

	/** Resolves once no page art is loading any more (then `loadedTextureCount` is settled). */
	whenIdle(): Promise<void>;

	/** How each bubble on the current page fitted its text in the current language. */
	bubbleFits(): BubbleFit[];

	/** Frees textures, the GPU context and every listener. Safe at any moment, also during `mount`. */
	destroy(): void;
}

/**
 * Loads the Pixi implementation. Dynamic, so that Pixi is only downloaded by the reader route.
 * The chunk of the renderer `mount` will try first is fetched alongside (`mount` would ask for it
 * only once the reader's screen is up: one more fetch on the cold start's path): WebGL's, or the
 * canvas renderer's where it is asked for or this device's WebGL is software (./webgl-kind: asked of
 * a probe the first time).
 */
export async function loadPixiRenderer(preference: RendererPreference = 'auto'): Promise<PageRenderer> {
	const ready = await takePreparedRenderer(preference);
	if (ready) return ready;
	const [{ PixiPageRenderer }] = await pixiModules(preference);
	return new PixiPageRenderer();
}

/** The resolution the reader draws at: the device's pixel ratio, at most 2. */
export function readerResolution(): number {
	return Math.min(window.devicePixelRatio || 1, 2);
}

/** Where the size of the reader's canvas is kept (localStorage), with the window's it was measured in. */
export const READER_SIZE_KEY = 'kalanso:reader-size';

interface RememberedSize {
	window: Size;
	canvas: Size;
}

function windowSize(): Size {
	return { width: window.innerWidth, height: window.innerHeight };
}

/**
 * Remembers the size of the reader's canvas (CSS pixels) in this window's size, so that the next
 * renderer made ahead of the reader (`prepareReaderRenderer`) has it already.
 */
export function rememberReaderSize(canvas: Size): void {
	try {
		const value: RememberedSize = { window: windowSize(), canvas };
		localStorage.setItem(READER_SIZE_KEY, JSON.stringify(value));
	} catch (error) {
		// Storage full or disabled: the next reader only sizes its canvas itself.
		console.warn('reader size not remembered', error);
	}
}

/** The reader's canvas size last measured in a window of this size, or null. */
function rememberedReaderSize(): Size | null {
	try {
		const value = JSON.parse(localStorage.getItem(READER_SIZE_KEY) ?? 'null') as RememberedSize | null;
		const now = windowSize();
		if (!value || value.window.width !== now.width || value.window.height !== now.height) return null;
		const { width, height } = value.canvas;
		return Number.isFinite(width) && Number.isFinite(height) && width >= 1 && height >= 1
			? { width, height }
			: null;
	} catch {
		return null;
	}
}

/** A renderer started ahead of the reader, with the resolution it was started at. */
let prepared: Promise<{ renderer: PageRenderer; resolution: number } | null> | null = null;

/**
 * Starts the reader's renderer ahead of the reader, on a canvas of its own, while the library is
 * idle (src/lib/state/reader-preload.ts): on a device read with Pixi's canvas renderer, starting it
 * (its systems, its canvas's 2D context, the memory of its first frame) was about a tenth of the
 * cold start's main-thread time at 4× CPU (issue 21). The next reader to open takes it
 * (`loadPixiRenderer`) and shows its canvas. Only where the canvas renderer is the one the reader
 * would start with: a WebGL context held while the library is browsed would take the GPU's memory.
 * Does nothing while one is prepared or being prepared.
 */
export function prepareReaderRenderer(): void {
	if (prepared || typeof document === 'undefined') return;
	if (firstBackend('auto') !== 'canvas') return;
	const remembered = rememberedReaderSize();
	const resolution = readerResolution();
	prepared = pixiModules('auto')
		.then(async ([{ PixiPageRenderer }]) => {
			const renderer = new PixiPageRenderer();
			await renderer.prepareOn(document.createElement('canvas'), {
				preference: 'canvas',
				size: remembered ?? { width: 1, height: 1 },
				resolution
			});
			return { renderer, resolution };
		})
		.catch((error: unknown) => {
			console.warn('reader renderer not prepared', error);
			return null;
		});
}

/**
 * The prepared renderer, when it is what the reader would start with `preference` at its
 * resolution; else frees it. Either way the next library visit prepares another.
 */
async function takePreparedRenderer(preference: RendererPreference): Promise<PageRenderer | null> {
	const taken = prepared;
	prepared = null;
	const ready = await taken;
	if (!ready) return null;
	if (firstBackend(preference) === 'canvas' && ready.resolution === readerResolution()) return ready.renderer;
	ready.renderer.destroy();
	return null;
}

/** The backend a reader started with `preference` tries first on this device. */
function firstBackend(preference: RendererPreference): RendererBackend | undefined {
	return backendOrder(preference, preference === 'auto' ? webglKind() : null)[0];
}

function pixiModules(preference: RendererPreference) {
	return Promise.all([
		import('./pixi-renderer'),
		firstBackend(preference) === 'webgl' ? import('./pixi-webgl') : import('./pixi-canvas')
	]);
}

/**
 * Loads (fetches and runs) the modules `loadPixiRenderer` needs, without making a renderer: the
 * library does so while idle (src/lib/state/reader-preload.ts), so a tap finds them loaded.
 */
export async function preloadPixiRenderer(): Promise<void> {
	await pixiModules('auto');
}
