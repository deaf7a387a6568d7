/**
 * The reader's code, loaded while the library waits for a tap (issue 21, cold start): the route's
 * modules, its messages in the interface language, the code that opens a downloaded comic, Pixi.
 *
 * Tapping a comic used to fetch and run the reader route's modules, then Pixi's: on a 4× slowed CPU
 * about a fifth of the time to the first panel, before the reader did anything of its own. Once the
 * library has nothing else to do, the same modules are loaded, so the tap finds them ready.
 *
 * Only on a tablet whose service worker serves the app: the code then comes from the tablet's own
 * cache, costs no network, and a first visit (no service worker yet) loads no more than the
 * library needs (its JavaScript budget). Once per page load.
 */
import { get } from 'svelte/store';
import { preloadCode } from '$app/navigation';
import { DEFAULT_LANGUAGE, featuresFor, locale, preloadMessages } from '$lib/i18n';
import { preloadDeviceSource } from '$lib/offline';

let asked = false;

/** Loads the code of the reader at `path` (`/read/<slug>`) and its Pixi renderer when the page is idle. */
export function preloadReaderWhenIdle(path: string): void {
	if (asked || typeof window === 'undefined') return;
	if (!navigator.serviceWorker?.controller) return;
	asked = true;
	const load = () => {
		const warn = (error: unknown) => console.warn('reader code not preloaded', error);
		void preloadCode(path).catch(warn);
		void preloadMessages(get(locale) ?? DEFAULT_LANGUAGE, featuresFor('/read/[slug]')).catch(warn);
		void preloadDeviceSource().catch(warn);
		void import('$lib/render/page-renderer').then((m) => m.preloadPixiRenderer()).catch(warn);
	};
	if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
	else setTimeout(load, 200);
}
