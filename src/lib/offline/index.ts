/**
 * Entry point of the offline layer for the app: one connection to the pack store per page, and
 * the device ComicSource provider registered before the first route loads (src/hooks.client.ts).
 */
import { registerComicSource } from '$lib/state/comic-source';
import { openPacksDb, type PacksDb } from './db';

let opening: Promise<PacksDb> | null = null;

/** The pack store of this browser, opened once. Rejects where IndexedDB is unavailable. */
export function getPacksDb(): Promise<PacksDb> {
	if (!opening) {
		opening = openPacksDb();
		// A failed open (private mode, blocked upgrade) is retried on the next call.
		opening.catch(() => (opening = null));
	}
	return opening;
}

/** Loads the code that opens a downloaded comic, ahead of opening one (src/lib/state/reader-preload.ts). */
export async function preloadDeviceSource(): Promise<void> {
	await import('./device-source');
}

/** Makes the reader (and the quiz) read downloaded comics from the device first. */
export function installDeviceSource(): void {
	if (typeof indexedDB === 'undefined') return;
	// The device source (and the manifest check it runs) loads only when a comic opens.
	registerComicSource(async (slug) =>
		(await import('./device-source')).deviceSourceProvider(getPacksDb)(slug)
	);
}
