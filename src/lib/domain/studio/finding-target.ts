/**
 * Which bubble or panel a content finding is about, so the studio shows it next to that bubble
 * (issue 16). Findings carry a JSON path into comic.json (`$.pages[0].panels[1].bubbles[0].text.bm`);
 * the ids come from the manifest the path was found in. Pure.
 */
import { locate } from '../manifest/locate';
import type { Manifest } from '../manifest/schema';

const MANIFEST = 'comic.json';

/**
 * The id of the bubble (else the panel, else the page) a JSON path points into; null for the rest.
 * Where a path is comes from the one locator of findings (`locate`, which also names pages from 1
 * and bubbles by id in every findings list).
 */
export function findingTarget(manifest: Pick<Manifest, 'pages'>, path: string): string | null {
	const place = locate(MANIFEST, manifest, path);
	const known = (id: string | undefined) => (id && !id.startsWith('#') ? id : null);
	return (
		known(place.bubble) ??
		known(place.panel) ??
		(place.page !== undefined ? (manifest.pages[place.page - 1]?.id ?? null) : null)
	);
}

/** The language a finding's path names last (`…text.bm`, `…shapeByLanguage.bm.region`), if any. */
export function findingLanguage(path: string): string | null {
	const match = /\.(?:text|textStatus|shapeByLanguage|description)\.([a-z]{2,3}(?:-[A-Za-z0-9]+)*)/.exec(
		path
	);
	return match ? match[1]! : null;
}
