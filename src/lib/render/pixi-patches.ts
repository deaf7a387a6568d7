/**
 * Build-time patches of Pixi's modules (applied by vite.config.ts to the browser build only).
 * Pure string functions, unit-tested against the installed Pixi (pixi-patches.test.ts), so a Pixi
 * upgrade that changes the patched code fails the tests and the build instead of silently
 * dropping the patch.
 */

/** The module whose text metrics are patched. */
export const CANVAS_TEXT_METRICS = /\/pixi\.js\/lib\/scene\/text\/canvas\/CanvasTextMetrics\.mjs$/;

const EAGER_SEGMENTER = `    const segmenter = new Intl.Segmenter();
    return (s) => {
      const segments = segmenter.segment(s);`;
const LAZY_SEGMENTER = `    let segmenter = null;
    return (s) => {
      const segments = (segmenter || (segmenter = new Intl.Segmenter())).segment(s);`;

const SPACING_ALWAYS = `letterSpacingVal = (_CanvasTextMetrics.graphemeSegmenter(text).length - 1) * letterSpacing;`;
const SPACING_WHEN_SET = `letterSpacingVal = letterSpacing === 0 ? 0 : (_CanvasTextMetrics.graphemeSegmenter(text).length - 1) * letterSpacing;`;

/**
 * Issue 21 (cold start): Pixi builds an `Intl.Segmenter` when its text module is evaluated, and
 * splits every measured line into graphemes to multiply their count by the letter spacing, which
 * is 0 for all of Kalanso's text. Making the segmenter ICU's break-iterator data load on the
 * reader's critical path (≈ 13 % of the JavaScript self time from tap to first panel in a 4× CPU
 * profile). Patched: the segmenter is made on first use, and not used at all when the letter
 * spacing is 0 (the product was 0 anyway). Word wrapping and letter-spaced text still segment.
 */
export function lazyGraphemeSegmenter(code: string): string {
	if (!code.includes(EAGER_SEGMENTER) || !code.includes(SPACING_ALWAYS))
		throw new Error('pixi-patches: CanvasTextMetrics.mjs changed; review lazyGraphemeSegmenter');
	return code.replace(EAGER_SEGMENTER, LAZY_SEGMENTER).replace(SPACING_ALWAYS, SPACING_WHEN_SET);
}

/** The module of Pixi's default batcher (quads and meshes), whose shader is made lazily. */
export const DEFAULT_BATCHER = /\/pixi\.js\/lib\/rendering\/batcher\/shared\/DefaultBatcher\.mjs$/;
/** The module of Pixi's batch pipe, which hands the batcher's shader to the renderer's adaptor. */
export const BATCHER_PIPE = /\/pixi\.js\/lib\/rendering\/batcher\/shared\/BatcherPipe\.mjs$/;

const EAGER_BATCH_SHADER = `    defaultShader ?? (defaultShader = new DefaultShader(options.maxTextures));
    this.shader = defaultShader;
  }`;
const LAZY_BATCH_SHADER = `    this._shaderMaxTextures = options.maxTextures;
  }
  get shader() {
    if (this._shader === void 0) this._shader = defaultShader ?? (defaultShader = new DefaultShader(this._shaderMaxTextures));
    return this._shader;
  }
  set shader(value) {
    this._shader = value;
  }`;
const UPDATE_MAX_TEXTURES = `  _updateMaxTextures(maxTextures) {
    if (this.shader.maxTextures === maxTextures) return;`;
const UPDATE_MAX_TEXTURES_LAZY = `  _updateMaxTextures(maxTextures) {
    if (this._shader === void 0) {
      this._shaderMaxTextures = maxTextures;
      return;
    }
    if (this.shader.maxTextures === maxTextures) return;`;
const SHADER_ALWAYS = `      const shader = batcher.shader;`;
// RendererType.CANVAS is 4 (rendering/renderers/types.mjs); Pixi's canvas adaptor ignores the shader.
const SHADER_EXCEPT_CANVAS = `      const shader = this.renderer.type === 4 ? null : batcher.shader;`;

/**
 * Issue 21 (cold start with the canvas renderer): Pixi's default batcher builds its shader when it
 * is made, the WebGL and the WebGPU program texts of the batch shader (≈ 30 ms of a 4× CPU cold start
 * on the canvas renderer, measured in a trace), and the batch pipe reads it at every batch to hand
 * it to the renderer's adaptor, whose canvas one ignores it. Patched: the batcher makes its shader
 * on first read (the same shared one, with the same number of textures), and the pipe does not read
 * it on the canvas renderer. WebGL reads it at its first batch, as before.
 */
export function lazyBatchShader(code: string): string {
	if (!code.includes(EAGER_BATCH_SHADER) || !code.includes(UPDATE_MAX_TEXTURES))
		throw new Error('pixi-patches: DefaultBatcher.mjs changed; review lazyBatchShader');
	return code
		.replace(EAGER_BATCH_SHADER, LAZY_BATCH_SHADER)
		.replace(UPDATE_MAX_TEXTURES, UPDATE_MAX_TEXTURES_LAZY);
}

/** See `lazyBatchShader`: the batch pipe hands no shader to the canvas renderer's adaptor. */
export function canvasBatchWithoutShader(code: string): string {
	if (!code.includes(SHADER_ALWAYS))
		throw new Error('pixi-patches: BatcherPipe.mjs changed; review canvasBatchWithoutShader');
	return code.replace(SHADER_ALWAYS, SHADER_EXCEPT_CANVAS);
}

/** Every patch: the module it applies to and how (vite.config.ts applies them to the browser build). */
export const PIXI_PATCHES: readonly { module: RegExp; patch: (code: string) => string }[] = [
	{ module: CANVAS_TEXT_METRICS, patch: lazyGraphemeSegmenter },
	{ module: DEFAULT_BATCHER, patch: lazyBatchShader },
	{ module: BATCHER_PIPE, patch: canvasBatchWithoutShader }
];
