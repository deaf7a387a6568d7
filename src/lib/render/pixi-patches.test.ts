import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CANVAS_TEXT_METRICS, lazyGraphemeSegmenter } from './pixi-patches';

const file = createRequire(import.meta.url)
	.resolve('pixi.js')
	.replace(/lib\/index\.(m?js)$/, 'lib/scene/text/canvas/CanvasTextMetrics.mjs');

describe('lazyGraphemeSegmenter', () => {
	const original = readFileSync(file, 'utf8');
	const patched = lazyGraphemeSegmenter(original);

	it('matches the installed Pixi module', () => {
		expect(CANVAS_TEXT_METRICS.test(file)).toBe(true);
		expect(patched).not.toBe(original);
	});

	it('builds no Intl.Segmenter when the module is evaluated, only on first use', () => {
		// The factory's body, before the segmenting closure it returns.
		const factory = patched.slice(patched.indexOf('graphemeSegmenter = (() => {'));
		const beforeClosure = factory.slice(0, factory.indexOf('return (s) =>'));
		expect(beforeClosure).not.toContain('new Intl.Segmenter');
		expect(original.slice(original.indexOf('graphemeSegmenter = (() => {'))).toContain(
			'const segmenter = new Intl.Segmenter();'
		);
	});

	it('does not segment a measured line when the letter spacing is 0', () => {
		expect(patched).toContain('letterSpacing === 0 ? 0 :');
	});

	it('refuses a module it does not recognise, so a Pixi upgrade is reviewed', () => {
		expect(() => lazyGraphemeSegmenter('export {};')).toThrow(/changed/);
	});
});
