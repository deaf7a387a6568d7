/**
 * WebGL contexts a page makes, counted from its first script on (Pixi's test contexts and the
 * library's probe of the device's WebGL included): `countWebGLContexts` before the page loads,
 * `webglContexts` to read the count.
 */
import type { Page } from '@playwright/test';

export async function countWebGLContexts(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const w = window as unknown as { __webglContexts: number };
		w.__webglContexts = 0;
		const getContext = HTMLCanvasElement.prototype.getContext;
		HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, ...args: unknown[]) {
			const context = (getContext as (...a: unknown[]) => RenderingContext | null).apply(this, args);
			if (context && /^webgl/.test(String(args[0]))) w.__webglContexts++;
			return context;
		} as typeof getContext;
	});
}

export function webglContexts(page: Page): Promise<number> {
	return page.evaluate(() => (window as unknown as { __webglContexts: number }).__webglContexts);
}
