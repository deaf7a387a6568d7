import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	BATCHER_PIPE,
	DEFAULT_BATCHER,
	PIXI_PATCHES,
	canvasBatchWithoutShader,
	lazyBatchShader
} from './pixi-patches';

/**
 * The batch-shader patches run against the installed Pixi's own modules: each patched module is
 * written next to a temporary copy, its imports pointing at Pixi's files, except DefaultShader,
 * replaced by a stand-in that counts the shaders made (the real one builds program texts).
 */
const lib = path.dirname(createRequire(import.meta.url).resolve('pixi.js'));
const batcherFile = path.join(lib, 'rendering/batcher/shared/DefaultBatcher.mjs');
const pipeFile = path.join(lib, 'rendering/batcher/shared/BatcherPipe.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'kalanso-pixi-patch-'));

/** Writes `code` (a module of Pixi's folder `from`) with its relative imports made absolute. */
function writeModule(name: string, code: string, from: string, replace: Record<string, string> = {}) {
	const absolute = code.replace(/from '(\.[^']+)'/g, (_match, relative: string) => {
		const target = replace[relative] ?? pathToFileURL(path.resolve(path.dirname(from), relative)).href;
		return `from '${target}'`;
	});
	const file = path.join(dir, name);
	writeFileSync(file, absolute);
	return pathToFileURL(file).href;
}

const stand = writeModule(
	'shader-stand-in.mjs',
	`export const made = [];
export class DefaultShader { constructor(maxTextures) { this.maxTextures = maxTextures; made.push(maxTextures); } }`,
	batcherFile
);

async function loadBatcher() {
	const url = writeModule(
		`DefaultBatcher-${Math.random().toString(36).slice(2)}.mjs`,
		lazyBatchShader(readFileSync(batcherFile, 'utf8')),
		batcherFile,
		{ './DefaultShader.mjs': stand }
	);
	const { DefaultBatcher } = (await import(/* @vite-ignore */ url)) as {
		DefaultBatcher: new (options: { maxTextures: number }) => {
			shader: { maxTextures: number } | null;
			_updateMaxTextures(maxTextures: number): void;
			destroy(): void;
		};
	};
	const { made } = (await import(/* @vite-ignore */ stand)) as { made: number[] };
	made.length = 0;
	return { DefaultBatcher, made };
}

describe('lazyBatchShader (Pixi DefaultBatcher)', () => {
	it('matches the installed Pixi module and is applied to it by the build', () => {
		expect(DEFAULT_BATCHER.test(batcherFile)).toBe(true);
		expect(PIXI_PATCHES.find((p) => p.module.test(batcherFile))?.patch).toBe(lazyBatchShader);
		// The unpatched module makes its shader in the constructor (what the patch removes).
		expect(readFileSync(batcherFile, 'utf8')).toContain(
			'defaultShader = new DefaultShader(options.maxTextures)'
		);
	});

	it('makes no shader when a batcher is made, one shared shader on first read', async () => {
		const { DefaultBatcher, made } = await loadBatcher();
		const first = new DefaultBatcher({ maxTextures: 4 });
		const second = new DefaultBatcher({ maxTextures: 4 });
		expect(made).toEqual([]);
		expect(first.shader?.maxTextures).toBe(4);
		expect(second.shader).toBe(first.shader);
		expect(made).toEqual([4]);
	});

	it('keeps a change of the texture count made before the first read, and after it as before', async () => {
		const { DefaultBatcher, made } = await loadBatcher();
		const batcher = new DefaultBatcher({ maxTextures: 4 });
		batcher._updateMaxTextures(8);
		expect(made).toEqual([]);
		expect(batcher.shader?.maxTextures).toBe(8);
		batcher._updateMaxTextures(16);
		expect(batcher.shader?.maxTextures).toBe(16);
		expect(made).toEqual([8, 16]);
		batcher.destroy();
		expect(batcher.shader).toBeNull();
		expect(made).toEqual([8, 16]);
	});

	it('refuses a module it does not recognise, so a Pixi upgrade is reviewed', () => {
		expect(() => lazyBatchShader('export {};')).toThrow(/changed/);
	});
});

describe('canvasBatchWithoutShader (Pixi BatcherPipe)', () => {
	// One patched module (it registers Pixi's batcher extension when evaluated), two renderers.
	let loaded:
		Promise<new (renderer: unknown, adaptor: unknown) => { execute(batch: unknown): void }> | undefined;
	async function startBatch(rendererType: number) {
		loaded ??= import(
			/* @vite-ignore */ writeModule(
				'BatcherPipe.mjs',
				canvasBatchWithoutShader(readFileSync(pipeFile, 'utf8')),
				pipeFile
			)
		).then((module: { BatcherPipe: never }) => module.BatcherPipe);
		const BatcherPipe = await loaded;
		let reads = 0;
		const started: unknown[] = [];
		const adaptor = {
			start: (_pipe: unknown, _geometry: unknown, shader: unknown) => started.push(shader),
			execute: () => undefined
		};
		const pipe = new BatcherPipe({ type: rendererType, limits: { maxBatchableTextures: 4 } }, adaptor);
		const shader = { name: 'batch' };
		const batcher = {
			geometry: {},
			get shader() {
				reads++;
				return shader;
			}
		};
		pipe.execute({ action: 'startBatch', batcher });
		return { reads, started, shader };
	}

	it('matches the installed Pixi module and is applied to it by the build', () => {
		expect(BATCHER_PIPE.test(pipeFile)).toBe(true);
		expect(PIXI_PATCHES.find((p) => p.module.test(pipeFile))?.patch).toBe(canvasBatchWithoutShader);
	});

	it('does not read the shader on the canvas renderer (RendererType.CANVAS)', async () => {
		const { RendererType } = (await import(
			/* @vite-ignore */ pathToFileURL(path.join(lib, 'rendering/renderers/types.mjs')).href
		)) as { RendererType: Record<string, number> };
		expect(RendererType.CANVAS).toBe(4);
		const canvas = await startBatch(RendererType.CANVAS!);
		expect(canvas.reads).toBe(0);
		expect(canvas.started).toEqual([null]);
		const webgl = await startBatch(RendererType.WEBGL!);
		expect(webgl.reads).toBe(1);
		expect(webgl.started).toEqual([webgl.shader]);
	});

	it('refuses a module it does not recognise, so a Pixi upgrade is reviewed', () => {
		expect(() => canvasBatchWithoutShader('export {};')).toThrow(/changed/);
	});
});
