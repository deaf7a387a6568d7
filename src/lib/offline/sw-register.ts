/**
 * Registers the service worker (svelte.config.js has `register: false`) and offers updates.
 *
 * A new version installs in the background and waits; the page is told, and only when the user
 * accepts does the new worker take over, followed by one reload. So a running page never gets
 * new files under old ones. Over plain HTTP (a school LAN without TLS) there is no service worker:
 * the app still works online and downloaded comics are still read from IndexedDB.
 */
import { dev } from '$app/environment';
import { CACHE_PAGES, SKIP_WAITING } from './sw-messages';

export interface UpdateOffer {
	/** Switches to the new version and reloads the page. */
	apply(): void;
}

export function serviceWorkerSupported(): boolean {
	return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && window.isSecureContext;
}

export async function registerServiceWorker(onUpdate: (offer: UpdateOffer) => void): Promise<void> {
	if (!serviceWorkerSupported()) return;
	// Installing caches the whole app: wait until the page has loaded and the tablet is idle, so the
	// first visit (and a comic being drawn) does not compete with it for the network and the CPU.
	await afterLoadWhenIdle();
	const registration = await navigator.serviceWorker.register('/service-worker.js', {
		type: dev ? 'module' : 'classic'
	});
	let accepted = false;
	const offer = (worker: ServiceWorker) =>
		onUpdate({
			apply: () => {
				accepted = true;
				worker.postMessage({ type: SKIP_WAITING });
			}
		});
	navigator.serviceWorker.addEventListener('controllerchange', () => {
		if (accepted) location.reload();
	});
	// Only an update is offered: the first install has no previous version to replace.
	if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
	registration.addEventListener('updatefound', () => {
		const worker = registration.installing;
		worker?.addEventListener('statechange', () => {
			if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
		});
	});
}

/**
 * Asks the active worker to keep these same-origin pages for offline use; resolves once it has
 * answered that they are kept, at once where no worker controls the page, or after `timeoutMs`
 * when the worker does not answer (one of an older version, which kept the pages without saying).
 * A comic is shown as ready for offline use only after this: when "ready" showed while the worker
 * was still fetching the reader's page, a tablet that went offline at once got the offline notice
 * instead of the comic (seen as a flaky tests/e2e/offline.e2e.ts under load).
 */
export function cachePagesForOffline(urls: string[], timeoutMs = 10_000): Promise<void> {
	const worker = serviceWorkerSupported() ? navigator.serviceWorker.controller : null;
	if (!worker) return Promise.resolve();
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		const done = () => {
			clearTimeout(timer);
			channel.port1.close();
			resolve();
		};
		const timer = setTimeout(done, timeoutMs);
		channel.port1.onmessage = done;
		worker.postMessage({ type: CACHE_PAGES, urls }, [channel.port2]);
	});
}

function afterLoadWhenIdle(): Promise<void> {
	return new Promise((resolve) => {
		const idle = () =>
			'requestIdleCallback' in window
				? requestIdleCallback(() => resolve(), { timeout: 3000 })
				: setTimeout(resolve, 1000);
		if (document.readyState === 'complete') idle();
		else window.addEventListener('load', idle, { once: true });
	});
}
