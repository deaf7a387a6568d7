/**
 * The library cards of the comics ready on this tablet, read from their stored manifests: what the
 * library searches and filters while offline (issue 19), with the same rule as the server
 * (matchesLibraryQuery and foldText in domain/library-search.ts).
 */
import { summarize, type ComicSummary } from '$lib/domain/library';
import { readableManifest } from '$lib/domain/manifest/readable';
import { COMIC_MANIFEST_PATH } from '$lib/domain/packs/files';
import { QUIZ_PATH } from '$lib/domain/packs/audio-choice';
import { listStoredPacks, type PacksDb } from './db';

export async function deviceLibrary(db: PacksDb): Promise<ComicSummary[]> {
	const cards: ComicSummary[] = [];
	for (const pack of await listStoredPacks(db)) {
		if (pack.status !== 'ready') continue;
		const file = await db.get('files', [pack.slug, COMIC_MANIFEST_PATH]);
		if (!file) continue;
		const manifest = await readableManifest(JSON.parse(await file.blob.text()));
		if (!manifest) continue;
		cards.push(
			summarize(
				manifest,
				pack.pack.files.some((f) => f.path === QUIZ_PATH)
			)
		);
	}
	return cards.sort((a, b) => (a.slug < b.slug ? -1 : 1));
}

/**
 * The cover of a comic ready on this tablet, from its stored files (the stored manifest says which
 * file): the library card shows it, so a stored comic keeps its cover with the network cut even
 * where no service worker answers `/comics/...` (a plain-http school server). Null when the comic
 * is not (fully) on the tablet.
 */
export async function storedCover(db: PacksDb, slug: string): Promise<Blob | null> {
	const pack = await db.get('packs', slug);
	if (pack?.status !== 'ready') return null;
	const file = await db.get('files', [slug, COMIC_MANIFEST_PATH]);
	if (!file) return null;
	const manifest = await readableManifest(JSON.parse(await file.blob.text()));
	const path = manifest?.cover ?? manifest?.pages[0]?.image;
	if (!path) return null;
	return (await db.get('files', [slug, path]))?.blob ?? null;
}
