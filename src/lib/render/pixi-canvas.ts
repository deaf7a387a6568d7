/**
 * Pixi's canvas renderer, in its own chunk: loaded by `createRenderer('canvas', …)` (./pixi) only
 * when WebGL is not available or the canvas renderer is asked for (`?renderer=canvas`).
 */
import {
	CanvasGraphicsContextSystem,
	CanvasGraphicsPipe,
	CanvasRendererTextSystem,
	extensions
} from 'pixi.js';

// What `pixi.js/graphics` and `pixi.js/text` register for the canvas renderer.
extensions.add(CanvasGraphicsPipe, CanvasGraphicsContextSystem, CanvasRendererTextSystem);

export { CanvasRenderer } from 'pixi.js';
