/** Pixi's WebGL renderer, in its own chunk: loaded by `createRenderer('webgl', …)` (./pixi). */
export { GlContextSystem, WebGLRenderer } from 'pixi.js';
