/**
 * Whether this device's WebGL is drawn by its GPU or by software, and so which of Pixi's renderers
 * the reader starts with (issue 21).
 *
 * Where a browser has no usable GPU (no driver, a GPU on its blocklist, a virtual machine) it may
 * still offer WebGL, drawn on the CPU: SwiftShader in Chromium, llvmpipe in Firefox on Linux.
 * There Pixi's canvas renderer is the faster one at everything the reader does, measured on such a
 * machine (README, Performance): a camera move at 7–8 frames a second with WebGL against a frame
 * time p95 under 17 ms with the canvas renderer, and making the WebGL context, compiling its shaders
 * and uploading the art cost the cold start about 200 ms at 4× CPU that the canvas renderer does not
 * spend. A device whose WebGL is software is therefore read with the canvas renderer; one with a GPU
 * keeps WebGL.
 *
 * Knowing which needs a WebGL context, the costliest single step of the cold start there. So it is
 * learnt once and remembered on the device: from a small throw-away context while the library waits
 * for a tap (src/lib/state/reader-preload.ts), or else when the reader starts (`webglKind`); where no
 * probe could be made, from the reader's own context after its first panel. The verdict is kept with
 * the browser's user-agent string: a browser update (new drivers, new blocklist) asks again.
 *
 * Browsers name the renderer through `WEBGL_debug_renderer_info` (Chromium, Safari; Firefox names
 * it through `RENDERER` as well). A browser that names none reads as having a GPU (WebGL stays).
 */
import type { RendererBackend, RendererPreference } from './page-renderer';

/** Drawn by a GPU, or by the CPU. */
export type WebGLKind = 'hardware' | 'software';

/** Where the verdict is kept (localStorage), with the browser it was learnt in. */
export const WEBGL_KIND_KEY = 'kalanso:webgl';

/** Renderer names of WebGL drawn on the CPU (Chromium, Firefox/Mesa, Windows' fallback driver). */
const SOFTWARE_RENDERERS =
	/swiftshader|llvmpipe|softpipe|lavapipe|software ?(rasterizer|renderer)|basic render driver/i;

export function isSoftwareRenderer(name: string): boolean {
	return SOFTWARE_RENDERERS.test(name);
}

/** The kind of a WebGL context's renderer (see the module's comment). */
export function webglKindOf(gl: WebGLRenderingContext | WebGL2RenderingContext): WebGLKind {
	const info = gl.getExtension('WEBGL_debug_renderer_info');
	const name = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) as unknown;
	return typeof name === 'string' && isSoftwareRenderer(name) ? 'software' : 'hardware';
}

/**
 * Makes a 1×1 WebGL context (no antialiasing, no depth or stencil: the cheapest there is), reads
 * its kind and frees it at once. Null where the browser gives no WebGL context (then the reader
 * tries WebGL first and falls back on its own; a context refused now may be given later).
 */
export function probeWebGL(): WebGLKind | null {
	const canvas = document.createElement('canvas');
	canvas.width = canvas.height = 1;
	const attributes: WebGLContextAttributes = { antialias: false, depth: false, stencil: false };
	const gl = canvas.getContext('webgl2', attributes) ?? canvas.getContext('webgl', attributes);
	if (!gl) return null;
	const kind = webglKindOf(gl);
	gl.getExtension('WEBGL_lose_context')?.loseContext();
	return kind;
}

/** A probe that found no WebGL, in this page load (asking again would only cost time). */
let probedNone = false;

/**
 * This device's kind: the one remembered, else learnt now from a probe (`probeWebGL`) and remembered.
 * The reader asks before it chooses its renderer: a first start on a device whose WebGL is software
 * then draws with the canvas renderer at once, instead of starting WebGL (its context, shaders and
 * uploads, then camera moves at a few frames a second) to learn it only after the first panel. The
 * probe costs a 1×1 context, once per device and browser (the library makes it while idle when it can).
 */
export function webglKind(): WebGLKind | null {
	const known = rememberedWebGL();
	if (known !== null || probedNone) return known;
	const found = probeWebGL();
	if (found) rememberWebGL(found);
	else probedNone = true;
	return found;
}

/** The kind remembered on this device for this browser, or null when not known yet. */
export function rememberedWebGL(): WebGLKind | null {
	try {
		const raw = globalThis.localStorage?.getItem(WEBGL_KIND_KEY);
		if (!raw) return null;
		const stored = JSON.parse(raw) as { browser?: unknown; kind?: unknown };
		if (stored.browser !== navigator.userAgent) return null;
		return stored.kind === 'software' || stored.kind === 'hardware' ? stored.kind : null;
	} catch {
		// Storage refused (private mode) or a value not ours: ask again, it only costs time.
		return null;
	}
}

export function rememberWebGL(kind: WebGLKind): void {
	try {
		globalThis.localStorage?.setItem(WEBGL_KIND_KEY, JSON.stringify({ browser: navigator.userAgent, kind }));
	} catch {
		// Storage full or refused: the next start asks again.
	}
}

/**
 * The renderers to try, in order. `auto`: WebGL first, unless this device's WebGL is known to be
 * software; the other one is the fallback. A forced renderer (`?renderer=`) is the only one tried.
 */
export function backendOrder(preference: RendererPreference, kind: WebGLKind | null): RendererBackend[] {
	if (preference !== 'auto') return [preference];
	return kind === 'software' ? ['canvas', 'webgl'] : ['webgl', 'canvas'];
}
