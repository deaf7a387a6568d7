/** Pixi's WebGL renderer, in its own chunk: loaded by `createRenderer('webgl', …)` (./pixi). */
export { WebGLRenderer } from 'pixi.js';
