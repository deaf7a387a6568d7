/**
 * Where the reader (and the quiz) get a comic from: its validated manifest and a URL for each
 * asset. The network source reads from the Kalanso server; the offline layer provides a source
 * backed by IndexedDB (object URLs) when the comic's pack is on the tablet, and is tried first.
 */
import type { Manifest } from '$lib/domain/manifest/schema';

export interface ComicSource {
	readonly slug: string;
	readonly manifest: Manifest;
	/** Where the comic came from, shown to the user and used by tests. */
	readonly origin: 'network' | 'device';
	/** The approved version (content hash) of the comic this source holds; null when unknown. */
	readonly versionHash: string | null;
	/** A URL that <img>, Pixi and howler can load, for a path relative to the comic folder. */
	assetUrl(path: string): string;
	/**
	 * The stored bytes of a file of the comic (e.g. `quiz.json`) when the source holds them, or
	 * null. Only the device source has files; the network source reads through its endpoints.
	 */
	readFile?(path: string): Promise<Blob | null>;
	/** Frees what the source holds (object URLs). Safe to call twice. */
	release(): void;
}

/** A provider returns a source, or null when it does not have the comic. */
export type ComicSourceProvider = (slug: string) => Promise<ComicSource | null>;

const providers: ComicSourceProvider[] = [];

/** Registers a provider tried before the network (the offline pack store does this). */
export function registerComicSource(provider: ComicSourceProvider): void {
	if (!providers.includes(provider)) providers.unshift(provider);
}

export class ComicNotFoundError extends Error {}

export async function networkSource(slug: string, fetcher: typeof fetch = fetch): Promise<ComicSource> {
	const response = await fetcher(`/api/comics/${encodeURIComponent(slug)}`);
	if (response.status === 404) throw new ComicNotFoundError(slug);
	if (!response.ok) throw new Error(`HTTP ${response.status}`);
	const manifest = (await response.json()) as Manifest;
	return {
		slug,
		manifest,
		origin: 'network',
		// The server names the published version it answered with.
		versionHash: response.headers.get('x-kalanso-version'),
		assetUrl: (path) => `/comics/${encodeURIComponent(slug)}/${path}`,
		release: () => {}
	};
}

/** The comic from the first provider that has it, else from the server. */
export async function openComicSource(slug: string, fetcher: typeof fetch = fetch): Promise<ComicSource> {
	for (const provider of providers) {
		const source = await provider(slug);
		if (source) return source;
	}
	return networkSource(slug, fetcher);
}
