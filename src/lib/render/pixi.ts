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
	extensions,
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
	let renderer: Renderer;
	if (backend === 'webgl') {
		const { WebGLRenderer } = await import('./pixi-webgl');
		renderer = new WebGLRenderer();
	} else {
		const { CanvasRenderer } = await import('./pixi-canvas');
		renderer = new CanvasRenderer();
	}
	await renderer.init(options);
	return renderer;
}
