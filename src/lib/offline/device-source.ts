/**
 * The IndexedDB-backed ComicSource: when a comic's pack is on the device and ready, the reader
 * gets its manifest and object URLs of its stored files, and never touches the network.
 */
import { readableManifest } from '$lib/domain/manifest/readable';
import { COMIC_MANIFEST_PATH, manifestForLanguages } from '$lib/domain/packs/files';
import { QUIZ_PATH, narrationOnDevice, quizNarrationOnDevice } from '$lib/domain/packs/audio-choice';
import type { ComicSource, ComicSourceProvider } from '$lib/state/comic-source';
import { signedVersionHash, storedFiles, type PacksDb } from './db';
import { blobResponse } from './range';

/** The ready comic `slug` from the device, or null when it is not (fully) there. */
export async function openDeviceSource(db: PacksDb, slug: string): Promise<ComicSource | null> {
	const stored = await db.get('packs', slug);
	if (!stored || stored.status !== 'ready') return null;
	const files = await storedFiles(db, slug);
	const comicFile = files.find((f) => f.path === COMIC_MANIFEST_PATH);
	if (!comicFile) return null;
	// Checked against the approval when stored; only migrated and checked for damage here (no zod).
	const readable = await readableManifest(JSON.parse(await comicFile.blob.text()));
	if (!readable) return null;
	// A tablet keeps one audio format per narration file: the narrator chooses among those only.
	const onDevice = new Set(files.map((f) => f.path));
	const has = (path: string) => onDevice.has(path);
	const manifest = narrationOnDevice(manifestForLanguages(readable, stored.languages), has);

	// Object URLs are made on first use and all revoked by release(), so no Blob outlives the reader.
	const urls = new Map<string, string>();
	const blobs = new Map(files.map((f) => [f.path, f.blob]));
	let released = false;
	return {
		slug,
		manifest,
		origin: 'device',
		versionHash: signedVersionHash(stored),
		assetUrl(path: string): string {
			const known = urls.get(path);
			if (known) return known;
			const blob = released ? undefined : blobs.get(path);
			// A file not stored (e.g. narration in a language not downloaded) comes from the server.
			if (!blob) return `/comics/${encodeURIComponent(slug)}/${path}`;
			const url = URL.createObjectURL(blob);
			urls.set(path, url);
			return url;
		},
		async readFile(path: string): Promise<Blob | null> {
			const blob = (released ? undefined : blobs.get(path)) ?? null;
			if (!blob || path !== QUIZ_PATH) return blob;
			// The quiz offers "Listen" only for audio on the device (its format, its languages).
			const quiz = quizNarrationOnDevice(JSON.parse(await blob.text()), has);
			return new Blob([JSON.stringify(quiz)], { type: blob.type });
		},
		release(): void {
			released = true;
			for (const url of urls.values()) URL.revokeObjectURL(url);
			urls.clear();
			blobs.clear();
		}
	};
}

/** A provider for `registerComicSource`; opens the database on first use. */
export function deviceSourceProvider(getDb: () => Promise<PacksDb>): ComicSourceProvider {
	return async (slug) => {
		try {
			return await openDeviceSource(await getDb(), slug);
		} catch (error) {
			// A broken or blocked database must not stop reading from the network.
			console.warn('Offline store unavailable, reading from the server', error);
			return null;
		}
	};
}

/**
 * The response the service worker gives for `/comics/<slug>/<path>` when that file of a ready
 * comic is on the device (with Range support for audio), or null to let the request through.
 */
export async function storedFileResponse(
	db: PacksDb,
	slug: string,
	path: string,
	request: Request
): Promise<Response | null> {
	const stored = await db.get('packs', slug);
	if (!stored || stored.status !== 'ready') return null;
	const file = await db.get('files', [slug, path]);
	if (!file) return null;
	return blobResponse(file.blob, request, { 'x-kalanso-source': 'device', 'cache-control': 'no-store' });
}
