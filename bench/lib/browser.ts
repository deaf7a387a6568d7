/**
 * Headless Chromium as the e2e tests run it (same executable and flags, from playwright.config.ts),
 * plus the DevTools-protocol handles the bench needs: CPU throttling and the performance metrics.
 */
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { chromiumExecutable } from '../../tests/e2e/browser.js';

/** A low-end 10-inch Android tablet held in landscape. */
export const VIEWPORT = { width: 1280, height: 800 };
export const DEVICE_SCALE_FACTOR = 1;

export function chromiumPath(): string | undefined {
	return chromiumExecutable();
}

export async function launchBrowser(): Promise<Browser> {
	const args = config.use?.launchOptions?.args ?? [];
	return chromium.launch({ executablePath: chromiumPath(), args, headless: true });
}

export interface ContextOptions {
	/** Service workers are blocked unless asked for, so that precaching does not pollute a measure. */
	serviceWorkers?: boolean;
	reducedMotion?: boolean;
}

export async function newContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
	return browser.newContext({
		viewport: VIEWPORT,
		deviceScaleFactor: DEVICE_SCALE_FACTOR,
		serviceWorkers: options.serviceWorkers ? 'allow' : 'block',
		reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
		locale: 'fr-FR'
	});
}

/** Slows the page's main thread `rate` times through `Emulation.setCPUThrottlingRate` (1 = off). */
export async function throttle(page: Page, rate: number): Promise<CDPSession> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate });
	return cdp;
}

/** `Performance.getMetrics` as a name → value map (ScriptDuration is seconds of JS, cumulative). */
export async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
	const { metrics: list } = await cdp.send('Performance.getMetrics');
	return Object.fromEntries(list.map((m) => [m.name, m.value]));
}
