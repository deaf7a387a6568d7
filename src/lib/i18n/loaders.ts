/**
 * Loaders of every message chunk, by language then feature folder (and the parts `folder:part`
 * of ./index.ts). A module of its own, loaded only when a page needs a folder that ./index.ts
 * does not list itself: the table (≈ 60 dynamic imports) stays off the library page and the reader.
 */
import type { Messages } from './fallback';
import { addLoaders } from './index';

export const loaders: Parameters<typeof addLoaders>[0] = {};
addLoaders(loaders, import.meta.glob<Messages>('./messages/*/*.json', { import: 'default' }));

/** Every feature folder. */
export const FEATURES: readonly string[] = Object.keys(loaders['fr'] ?? {}).sort();
