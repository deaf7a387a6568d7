/**
 * Loaders of every message chunk, by language then feature folder (and the parts `folder:part`
 * of ./index.ts). A module of its own, loaded only when a page needs a folder that ./index.ts
 * does not list itself: the table (≈ 60 dynamic imports) stays off the library page and the reader.
 */
import type { Messages } from './fallback';

export const loaders: Record<string, Record<string, () => Promise<Messages>>> = {};
for (const [file, load] of Object.entries(
	import.meta.glob<Messages>('./messages/*/*.json', { import: 'default' })
)) {
	const match = /\.\/messages\/([^/]+)\/([^/]+)\.json$/.exec(file);
	if (match) (loaders[match[2]!] ??= {})[match[1]!] = load;
}

/** Every feature folder. */
export const FEATURES: readonly string[] = Object.keys(loaders['fr'] ?? {}).sort();
