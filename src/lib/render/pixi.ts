/**
 * The one module that imports pixi.js. Named re-exports only: one `import * as PIXI` or
 * `await import('pixi.js')` anywhere pulls all of Pixi into a shared chunk (TECH-NOTES: 281 KB gzip
 * instead of ≈155 KB). With `skipExtensionImports: true` the renderer does not import every
 * extension itself; we register exactly the ones we use here.
 */
import 'pixi.js/graphics';
import 'pixi.js/text';

export { autoDetectRenderer, Container, Graphics, Sprite, Text, Texture } from 'pixi.js';
export type { Renderer, TextStyleOptions } from 'pixi.js';
