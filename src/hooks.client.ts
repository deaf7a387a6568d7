import { installDeviceSource } from '$lib/offline';

/** Runs once in the browser before the first route loads, so the reader finds downloaded comics. */
export function init(): void {
	installDeviceSource();
}
