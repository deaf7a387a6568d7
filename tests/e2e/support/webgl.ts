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

/**
 * Makes the page's WebGL name a tablet's GPU (Mali) in place of SwiftShader's, so the reader takes
 * this machine for a device drawn by a GPU and starts WebGL (src/lib/render/webgl-kind.ts).
 * `known`: the device has already learnt so (as after its first start): no probe is made.
 */
export async function pretendGpu(page: Page, { known = false } = {}): Promise<void> {
	await page.addInitScript((known: boolean) => {
		for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
			const getParameter = proto.getParameter as (p: number) => unknown;
			proto.getParameter = function (this: WebGLRenderingContext, p: number) {
				return p === 0x9246 /* UNMASKED_RENDERER_WEBGL */ ? 'Mali-G52 MC2' : getParameter.call(this, p);
			} as typeof proto.getParameter;
		}
		if (known)
			localStorage.setItem(
				'kalanso:webgl',
				JSON.stringify({ browser: navigator.userAgent, kind: 'hardware' })
			);
	}, known);
}
