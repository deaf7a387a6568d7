/**
 * Pixi modules the reader's browser build leaves out (issue 21, DESIGN.md §6: the reader's
 * JavaScript ≤ 200 KB gzip). Pixi's granular imports and `skipExtensionImports` (./pixi.ts) keep
 * whole features out, but some code comes in with the classes the reader does use: `Graphics`
 * brings the SVG parser, `Text` the tagged-text layout, the renderer's systems the mask pipes
 * (and the alpha-mask filter) and the video texture source, `pixi.js/unsafe-eval` the particle container and WebGPU's
 * uniform code. vite.config.ts replaces each module below by a stub with the same exports; a stub
 * that is reached says which feature is missing instead of failing somewhere inside Pixi.
 *
 * To use one of these features, remove its entry. pixi-left-out.test.ts checks every entry against
 * the installed Pixi (the file exists and exports the same names), so an upgrade that moves one
 * fails the tests instead of silently bundling it again or breaking the build.
 */

export interface LeftOut {
	/** Path under `node_modules/pixi.js/lib/`. */
	file: string;
	/** The module's replacement (same exports). */
	stub: string;
	/** What the reader would need it for, and why it does not. */
	why: string;
}

const missing = (feature: string) =>
	`throw new Error('Kalanso leaves ${feature} out of its Pixi build (src/lib/render/pixi-left-out.ts)');`;

export const PIXI_LEFT_OUT: readonly LeftOut[] = [
	{
		file: 'spritesheet/init.mjs',
		stub: 'export {};',
		why:
			"registers the spritesheet loader (and with it Pixi's asset resolver, ≈ 4.5 KB gzip); the reader " +
			'loads its page art itself (fetch + createImageBitmap + Texture.from) and uses no spritesheet'
	},
	{
		file: 'scene/graphics/shared/svg/SVGParser.mjs',
		stub: `export function SVGParser() { ${missing('Graphics.svg()')} }`,
		why: 'Graphics.svg(): bubbles are drawn from shapes (circle, ellipse, poly, roundRect), never from SVG'
	},
	{
		file: 'scene/graphics/shared/svg/parseSVGPath.mjs',
		stub: `export function parseSVGPath() { ${missing('SVG path strings (new GraphicsPath(string))')} }`,
		why: 'new GraphicsPath(svgPathString): never called with a string'
	},
	{
		file: 'scene/text/canvas/utils/measureTaggedText.mjs',
		stub:
			`export function measureTaggedText() { ${missing('tagged text (TextStyle.tagStyles)')} }\n` +
			'export const tokenizeTaggedRuns = measureTaggedText;\n' +
			'export const wordWrapTaggedLines = measureTaggedText;',
		why: 'text with per-run styles (TextStyle.tagStyles): bubble text has one style per bubble'
	},
	{
		file: 'rendering/mask/alpha/AlphaMaskPipe.mjs',
		// The renderer makes one of each registered pipe: the stub keeps its registration.
		stub:
			"import { ExtensionType } from '../../../extensions/Extensions.mjs';\n" +
			`export class AlphaMaskPipe { push() { ${missing('alpha masks (sprite masks)')} } destroy() {} }\n` +
			'AlphaMaskPipe.extension = { type: [ExtensionType.WebGLPipes, ExtensionType.WebGPUPipes, ExtensionType.CanvasPipes], name: "alphaMask" };',
		why: 'drawing alpha (sprite) masks: the reader uses no mask'
	},
	{
		file: 'rendering/mask/stencil/StencilMaskPipe.mjs',
		stub:
			"import { ExtensionType } from '../../../extensions/Extensions.mjs';\n" +
			`export class StencilMaskPipe { push() { ${missing('stencil masks (Graphics masks)')} } destroy() {} }\n` +
			'StencilMaskPipe.extension = { type: [ExtensionType.WebGLPipes, ExtensionType.WebGPUPipes], name: "stencilMask" };',
		why: 'drawing stencil (Graphics) masks: the reader uses no mask'
	},
	{
		file: 'rendering/renderers/shared/texture/sources/VideoSource.mjs',
		stub:
			"import { ExtensionType } from '../../../../../extensions/Extensions.mjs';\n" +
			'export class VideoSource { static test() { return false; } }\n' +
			'VideoSource.extension = ExtensionType.TextureSource;',
		why: 'video textures: pages are images (Texture.from of an ImageBitmap never reaches this source)'
	},
	{
		file: 'scene/graphics/shared/buildCommands/buildArcToSvg.mjs',
		stub: `export function buildArcToSvg() { ${missing('Graphics.arcToSvg()')} }`,
		why: "SVG-style elliptical arcs (Graphics.arcToSvg, the SVG parser's `A`): not drawn"
	},
	{
		file: 'scene/graphics/shared/fill/FillGradient.mjs',
		// Pixi tests fills with `instanceof FillGradient`: never true with this class.
		stub: `export class FillGradient { constructor() { ${missing('gradient fills (FillGradient)')} } }`,
		why: 'gradient fills of shapes and text: bubbles and their text are filled with plain colours'
	},
	{
		file: 'scene/graphics/shared/fill/FillPattern.mjs',
		stub: `export class FillPattern { constructor() { ${missing('pattern fills (FillPattern)')} } }`,
		why: 'texture-pattern fills of shapes and text: plain colours only'
	},
	{
		file: 'rendering/renderers/gl/texture/uploaders/glUploadVideoResource.mjs',
		stub: `export const glUploadVideoResource = { id: 'video', upload() { ${missing('video textures')} } };`,
		why: 'WebGL upload of video textures: no video (see VideoSource)'
	},
	{
		file: 'rendering/renderers/gl/texture/uploaders/glUploadCompressedTextureResource.mjs',
		stub: `export const glUploadCompressedTextureResource = { id: 'compressed', upload() { ${missing('compressed textures')} } };`,
		why: 'WebGL upload of compressed (DDS, KTX, Basis) textures: pages are WebP/PNG/JPEG'
	},
	{
		file: 'rendering/renderers/gl/texture/uploaders/glUploadCubeTextureResource.mjs',
		stub: `export function createGlUploadCubeTextureResource() { return { id: 'cube', upload() { ${missing('cube textures')} } }; }`,
		why: 'WebGL upload of cube-map textures: 2D pages only'
	},
	{
		file: 'scene/particle-container/shared/ParticleBuffer.mjs',
		// pixi.js/unsafe-eval patches the prototype of this class: an empty class takes the patch.
		stub: 'export class ParticleBuffer {}',
		why: 'ParticleContainer: not used'
	},
	{
		file: 'unsafe-eval/particle/generateParticleUpdatePolyfill.mjs',
		stub: `export function generateParticleUpdatePolyfill() { ${missing('ParticleContainer')} }`,
		why: "ParticleContainer's eval-free update code: not used"
	},
	{
		file: 'rendering/renderers/gpu/GpuUboSystem.mjs',
		// pixi.js/unsafe-eval patches the prototype of this class: an empty class takes the patch.
		stub: 'export class GpuUboSystem {}',
		why: 'WebGPU uniform buffers: the reader never creates a WebGPU renderer (./pixi.ts)'
	}
];

const PIXI_LIB = '/node_modules/pixi.js/lib/';

/** The stub replacing the module `id` (a resolved file path), or null to keep it. */
export function pixiStub(id: string): string | null {
	const normalized = id.replaceAll('\\', '/');
	const at = normalized.indexOf(PIXI_LIB);
	if (at < 0) return null;
	const file = normalized.slice(at + PIXI_LIB.length).replace(/[?#].*$/, '');
	return PIXI_LEFT_OUT.find((entry) => entry.file === file)?.stub ?? null;
}
