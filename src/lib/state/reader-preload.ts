/**
 * The reader's code, loaded while the library waits for a tap (issue 21, cold start): the route's
 * modules, its messages in the interface language, the code that opens a downloaded comic, Pixi,
 * the browser's names of languages; and, where the reader draws with Pixi's canvas renderer, starts
 * that renderer, for the reader to take.
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
import { navigating } from '$app/state';
import { DEFAULT_LANGUAGE, featuresFor, locale, preloadMessages } from '$lib/i18n';
import { preloadDeviceSource } from '$lib/offline';

let asked = false;

/**
 * Loads the code of the reader at `path` (`/read/<slug>`) and its Pixi renderer when the page is
 * idle, then learns whether this device's WebGL is software (src/lib/render/webgl-kind.ts), which
 * decides the renderer the reader starts with. Each step waits for an idle moment and is dropped
 * once the student has left this page or is leaving it (a tap on a comic): the reader then loads
 * what it needs itself, and a step started in the middle of its start would only delay it.
 */
export function preloadReaderWhenIdle(path: string): void {
	if (typeof window === 'undefined' || !navigator.serviceWorker?.controller) return;
	const here = location.pathname;
	const stillHere = () => navigating.to === null && location.pathname === here;
	const warn = (error: unknown) => console.warn('reader code not preloaded', error);
	// Back from a reader (which took the renderer started for it): another, for the next.
	if (asked) {
		prepareRendererWhenIdle(stillHere);
		return;
	}
	asked = true;
	const load = () => {
		if (!stillHere()) return;
		const ui = get(locale) ?? DEFAULT_LANGUAGE;
		void preloadCode(path).catch(warn);
		void preloadMessages(ui, featuresFor('/read/[slug]')).catch(warn);
		void preloadDeviceSource().catch(warn);
		// The reader's language picker and narration controls name languages with the browser's data.
		void import('$lib/i18n/language-name')
			.then((names) => {
				if (stillHere()) names.warmLanguageNames(ui);
			})
			.catch(warn);
		// Both at once: a chain of imports would leave Pixi loading when the student taps.
		void Promise.all([import('$lib/render/webgl-kind'), import('$lib/render/page-renderer')])
			.then(async ([kind, renderer]) => {
				// Once per device and browser: which renderer the reader starts with.
				if (kind.rememberedWebGL() === null) {
					await idle();
					if (!stillHere()) return;
					kind.webglKind();
				}
				// Loads the renderer module the reader will start with (after the probe, the first time).
				if (stillHere()) await renderer.preloadPixiRenderer();
				prepareRendererWhenIdle(stillHere);
			})
			.catch(warn);
	};
	void idle().then(load);
}

let preparing = false;

/**
 * Starts the next reader's renderer at the next idle moment, where it is the canvas renderer
 * (src/lib/render/page-renderer.ts `prepareReaderRenderer`). Once per library visit.
 */
function prepareRendererWhenIdle(stillHere: () => boolean): void {
	if (preparing) return;
	preparing = true;
	void idle()
		.then(async () => {
			if (!stillHere()) return;
			(await import('$lib/render/page-renderer')).prepareReaderRenderer();
		})
		.catch((error: unknown) => console.warn('reader renderer not prepared', error))
		.finally(() => {
			preparing = false;
		});
}

function idle(): Promise<void> {
	return new Promise((resolve) => {
		if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2000 });
		else setTimeout(resolve, 200);
	});
}
