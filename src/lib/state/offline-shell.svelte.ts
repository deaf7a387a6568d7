/**
 * Whether this page can open without a connection: only when a service worker controls it
 * (it serves the app's files from its cache). Comics in IndexedDB are not enough on their own:
 * with no worker, reopening Kalanso offline fails before any comic is read. So the interface
 * says "readable offline" only in the `controlled` state, and otherwise says why.
 */
import { browser } from '$app/environment';

/**
 * - `controlled`: a service worker serves the app; it opens offline.
 * - `insecure`: plain http on a LAN address; browsers allow no service worker there.
 * - `unsupported`: a secure page in a browser without service workers.
 * - `pending`: the worker is installing or has not taken control yet.
 */
export type OfflineShell = 'controlled' | 'insecure' | 'unsupported' | 'pending';

/** The state now (on the server: `pending`, nothing is promised before the browser says so). */
export function offlineShell(): OfflineShell {
	if (!browser) return 'pending';
	if (!window.isSecureContext) return 'insecure';
	if (!('serviceWorker' in navigator)) return 'unsupported';
	return navigator.serviceWorker.controller ? 'controlled' : 'pending';
}

/** The state, kept up to date as the worker takes control. Call `destroy()` when done. */
export class OfflineShellWatch {
	state = $state<OfflineShell>(offlineShell());
	readonly #update = () => (this.state = offlineShell());

	constructor() {
		if (browser && 'serviceWorker' in navigator)
			navigator.serviceWorker.addEventListener('controllerchange', this.#update);
	}

	destroy(): void {
		if (browser && 'serviceWorker' in navigator)
			navigator.serviceWorker.removeEventListener('controllerchange', this.#update);
	}
}
