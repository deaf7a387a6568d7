/**
 * The one module the reader imports Pixi through. Named re-exports only: one `import * as PIXI` or
 * `await import('pixi.js')` anywhere pulls all of Pixi into a shared chunk (TECH-NOTES: 281 KB gzip
 * instead of ≈155 KB).
 *
 * Renderers: WebGL, and the canvas renderer as the fallback; never WebGPU. Pixi's
 * `autoDetectRenderer` imports all three with `import()`, and Vite 8 (Rolldown) bundles every
 * dynamically imported renderer into Pixi's entry chunk, so the reader downloaded WebGPU and the
 * canvas renderer it did not use. `createRenderer` loads exactly one renderer from ./pixi-webgl
 * or ./pixi-canvas (each its own chunk, loaded on demand).
 *
 * Extensions: with `skipExtensionImports: true` a renderer registers no optional extension; we
 * register the ones we use. `pixi.js/graphics` and `pixi.js/text` would also register the canvas
 * renderer's graphics and text systems, so the shared parts are registered here and the canvas
 * parts by ./pixi-canvas.
 */
import {
	CanvasTextPipe,
	CanvasTextSystem,
	DOMAdapter,
	extensions,
	getMaxFragmentPrecision,
	GraphicsContextSystem,
	GraphicsPipe,
	type AutoDetectOptions,
	type Renderer
} from 'pixi.js';

// The site's Content-Security-Policy allows no 'unsafe-eval' (src/lib/server/security-headers.js):
// Pixi then refuses to start unless its eval-free shader and uniform code is installed.
import 'pixi.js/unsafe-eval';

// What `pixi.js/graphics` and `pixi.js/text` register for WebGL (and WebGPU, unused here).
extensions.add(GraphicsPipe, GraphicsContextSystem, CanvasTextSystem, CanvasTextPipe);

export { Container, Graphics, Rectangle, RenderTexture, Sprite, Text, Texture, Ticker } from 'pixi.js';
// Its font metrics are given ahead for bubble text (./font-metrics).
export { CanvasTextMetrics } from 'pixi.js';
export type { Renderer, TextStyleOptions } from 'pixi.js';

/** The renderers the reader uses. */
export type PixiBackend = 'webgl' | 'canvas';

/** Renderer options shared by both backends (Pixi's own option names). */
export type PixiRendererOptions = Omit<
	Partial<AutoDetectOptions>,
	'preference' | 'webgpu' | 'webgl' | 'canvasOptions'
>;

/**
 * Creates and initialises the renderer of `backend`, loading only that renderer's code. Rejects
 * when WebGL is not available: Pixi's WebGL renderer throws when it gets no context.
 *
 * No `isWebGLSupported()` first (as Pixi's `autoDetectRenderer` does): it creates a WebGL context
 * of its own on a throw-away canvas to answer, and creating a context is the costliest single
 * step of the cold start with software GL (issue 21). The renderer's own `getContext` answers the
 * same question: where it fails the canvas got no context, so the canvas renderer can still use it.
 */
export async function createRenderer(backend: PixiBackend, options: PixiRendererOptions): Promise<Renderer> {
	if (backend === 'webgl') {
		const { GlContextSystem, WebGLRenderer } = await import('./pixi-webgl');
		askOnlyUsedExtensions(GlContextSystem.prototype);
		const context = webglContext(options);
		const renderer = new WebGLRenderer();
		// Typed as WebGL 2 only, but Pixi reads the version from the context it is given.
		await renderer.init({ ...options, context: context as WebGL2RenderingContext });
		return renderer;
	}
	const { CanvasRenderer } = await import('./pixi-canvas');
	// Pixi builds its batch shader's WebGL program text on the canvas renderer too (never compiled
	// there), asking the highest fragment precision of a WebGL test context it would make for that:
	// a WebGL context on a renderer chosen because WebGL is slow or absent. Answered without one.
	answerFragmentPrecision(() => null);
	const renderer = new CanvasRenderer();
	await renderer.init(options);
	return renderer;
}

/** The WebGL extensions the reader's WebGL 2 renderer uses (see `askOnlyUsedExtensions`). */
const WEBGL2_EXTENSIONS_ASKED = ['WEBGL_lose_context', 'WEBGL_provoking_vertex'] as const;

/**
 * Has the WebGL renderer enable only the extensions the reader uses, on WebGL 2 (issue 21). Pixi
 * enables about fifteen when it starts, nine of them compressed-texture formats; with software GL
 * enabling them was a quarter of making the renderer (≈ 10 ms at 1×, measured in Chromium 156 with
 * SwiftShader). The reader draws only its own images (WebP decoded to bitmaps) and canvases: no
 * compressed, float or anisotropically filtered texture, no float render target. Pixi reads the
 * extensions it lacks as absent (its texture formats map and filtering check test each for null).
 * Kept: `WEBGL_lose_context`, with which `destroy` frees the context at once, and the provoking
 * vertex convention Pixi sets where there is one. WebGL 1 devices keep Pixi's own list (it needs
 * vertex arrays, 32-bit indices…).
 */
function askOnlyUsedExtensions(system: object): void {
	const owner = system as GlExtensionsOwner & { [LEAN]?: true };
	if (owner[LEAN]) return;
	if (typeof owner.getExtensions !== 'function') {
		console.error('Pixi changed its WebGL context system (pixi.ts askOnlyUsedExtensions)');
		return;
	}
	const pixiOwn = owner.getExtensions;
	owner.getExtensions = function (this: GlExtensionsOwner) {
		if (this.webGLVersion !== 2) return pixiOwn.call(this);
		const gl = this.gl;
		this.extensions = { loseContext: gl.getExtension(WEBGL2_EXTENSIONS_ASKED[0]) };
		const provoke = gl.getExtension(WEBGL2_EXTENSIONS_ASKED[1]);
		provoke?.provokingVertexWEBGL(provoke.FIRST_VERTEX_CONVENTION_WEBGL);
	};
	owner[LEAN] = true;
}

const LEAN = Symbol('kalanso: only the extensions used');

interface GlExtensionsOwner {
	gl: WebGL2RenderingContext;
	webGLVersion: 1 | 2;
	extensions: Record<string, unknown>;
	getExtensions(): void;
}

/**
 * The reader's WebGL context, made here rather than by Pixi so that it is the only one (issue 21).
 * Pixi asks for the highest float precision of fragment shaders when it builds its first shader
 * program, during `init` and before it makes its own context, from a test context it makes on a
 * canvas of its own: a second WebGL context, the costliest single step of the cold start with
 * software GL. Asked of this context instead, the answer is the same (the same device, the same
 * question: `getShaderPrecisionFormat`). The attributes are those Pixi would ask for with
 * `options`: WebGL 2 where there is one (Pixi's `preferWebGLVersion` default), else WebGL 1.
 * Throws when the canvas gets no WebGL context (then the canvas renderer is tried).
 */
function webglContext(options: PixiRendererOptions): WebGL2RenderingContext | WebGLRenderingContext {
	const canvas = options.canvas as HTMLCanvasElement;
	const attributes: WebGLContextAttributes = {
		alpha: (options.backgroundAlpha ?? 1) < 1,
		premultipliedAlpha: true,
		antialias: options.antialias ?? false,
		// Pixi's WebGL renderer asks for a stencil buffer (its masks); it has no use for depth.
		stencil: true,
		depth: false,
		preserveDrawingBuffer: options.preserveDrawingBuffer ?? false,
		powerPreference: 'default'
	};
	// The drawing buffer made at its final size: Pixi sets the canvas's size after the context
	// exists, and a new size allocates the buffers again (where the size in device pixels is whole,
	// Pixi finds it set and leaves it).
	const resolution = options.resolution ?? 1;
	if (options.width && options.height) {
		canvas.width = Math.trunc(options.width * resolution);
		canvas.height = Math.trunc(options.height * resolution);
	}
	const gl = canvas.getContext('webgl2', attributes) ?? canvas.getContext('webgl', attributes);
	if (!gl) throw new Error('This device gives no WebGL context');
	answerFragmentPrecision((shader, type) => gl.getShaderPrecisionFormat(shader, type));
	return gl;
}

/**
 * Has Pixi's `getMaxFragmentPrecision` (which keeps its first answer) answer from `precision` (a
 * context's `getShaderPrecisionFormat`; null answers "mediump", Pixi's answer without a context):
 * its test context is made through `DOMAdapter.createCanvas`, which for that one call gives a canvas
 * whose context forwards the one question asked and then reads as lost, so that any later test Pixi
 * makes gets a real test context of its own as before. Should a Pixi upgrade ask more of it, the
 * error is caught and Pixi's first answer ("mediump") would stand: so a failure is logged.
 */
function answerFragmentPrecision(
	precision: (shader: GLenum, type: GLenum) => WebGLShaderPrecisionFormat | null
): void {
	const adapter = DOMAdapter.get();
	let answered = false;
	const forwarding = {
		isContextLost: () => answered,
		// WebGL's constants (no WebGL class need exist where the canvas renderer is used).
		FRAGMENT_SHADER: 0x8b30,
		HIGH_FLOAT: 0x8df2,
		getShaderPrecisionFormat: (shader: GLenum, type: GLenum) => precision(shader, type) ?? { precision: 0 }
	};
	DOMAdapter.set({
		...adapter,
		createCanvas: () =>
			({ getContext: () => forwarding }) as unknown as ReturnType<typeof adapter.createCanvas>
	});
	try {
		getMaxFragmentPrecision();
	} catch (error) {
		console.error('Pixi asked more of its test context than expected (pixi.ts)', error);
	} finally {
		answered = true;
		DOMAdapter.set(adapter);
	}
}
