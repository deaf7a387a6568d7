import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIXI_LEFT_OUT, pixiStub } from './pixi-left-out';

/** node_modules/pixi.js/lib (its main file is lib/index.js). */
const pixiLib = path.dirname(createRequire(import.meta.url).resolve('pixi.js'));

/** The names a module exports (`export { a, b as c }`, `export function f`, `export class C`, `export const x`). */
function exportedNames(code: string): string[] {
	const names: string[] = [];
	for (const m of code.matchAll(/^export\s*\{([^}]*)\}/gm))
		for (const part of m[1]!.split(',')) {
			const name = part
				.trim()
				.split(/\s+as\s+/)
				.pop();
			if (name) names.push(name);
		}
	for (const m of code.matchAll(/^export\s+(?:function|class|const|let)\s+([\w$]+)/gm)) names.push(m[1]!);
	return names.sort();
}

describe('Pixi modules left out of the browser build', () => {
	it.each(PIXI_LEFT_OUT.map((entry) => [entry.file, entry] as const))(
		'%s exists in the installed Pixi and its stub exports the same names',
		(file, entry) => {
			const original = path.join(pixiLib, file);
			expect(existsSync(original), `pixi.js/lib/${file} moved: review ${entry.why}`).toBe(true);
			expect(exportedNames(entry.stub)).toEqual(exportedNames(readFileSync(original, 'utf8')));
		}
	);

	it('picks the stub by the resolved file path, on any OS, and keeps every other module', () => {
		const svg = PIXI_LEFT_OUT.find((e) => e.file.endsWith('SVGParser.mjs'))!;
		expect(pixiStub(`/repo/node_modules/pixi.js/lib/${svg.file}`)).toBe(svg.stub);
		expect(pixiStub(`C:\\repo\\node_modules\\pixi.js\\lib\\${svg.file.replaceAll('/', '\\')}`)).toBe(
			svg.stub
		);
		expect(pixiStub(`/repo/node_modules/pixi.js/lib/${svg.file}?v=1`)).toBe(svg.stub);
		expect(pixiStub('/repo/node_modules/pixi.js/lib/scene/graphics/shared/Graphics.mjs')).toBeNull();
		expect(pixiStub('/repo/src/lib/render/SVGParser.mjs')).toBeNull();
	});

	it('a stub that is reached names the missing feature', async () => {
		const svg = PIXI_LEFT_OUT.find((e) => e.file.endsWith('SVGParser.mjs'))!;
		const url = 'data:text/javascript,' + encodeURIComponent(svg.stub);
		const { SVGParser } = (await import(/* @vite-ignore */ url)) as { SVGParser: () => void };
		expect(() => SVGParser()).toThrow(/Graphics\.svg\(\).*pixi-left-out\.ts/);
	});
});
