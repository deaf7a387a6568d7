/**
 * Which bubble or panel a content finding is about, so the studio shows it next to that bubble
 * (issue 16). Findings carry a JSON path into comic.json (`$.pages[0].panels[1].bubbles[0].text.bm`);
 * the ids come from the manifest the path was found in. Pure.
 */
import type { Manifest } from '../manifest/schema';

/** The id of the bubble (else the panel, else the page) a JSON path points into; null for the rest. */
export function findingTarget(manifest: Pick<Manifest, 'pages'>, path: string): string | null {
	const match = /^\$\.pages\[(\d+)\](?:\.panels\[(\d+)\](?:\.bubbles\[(\d+)\])?)?/.exec(path);
	if (!match) return null;
	const page = manifest.pages[Number(match[1])];
	if (!page) return null;
	if (match[2] === undefined) return page.id;
	const panel = page.panels[Number(match[2])];
	if (!panel) return page.id;
	if (match[3] === undefined) return panel.id;
	return panel.bubbles[Number(match[3])]?.id ?? panel.id;
}

/** The language a finding's path names last (`…text.bm`, `…shapeByLanguage.bm.region`), if any. */
export function findingLanguage(path: string): string | null {
	const match = /\.(?:text|textStatus|shapeByLanguage|description)\.([a-z]{2,3}(?:-[A-Za-z0-9]+)*)/.exec(
		path
	);
	return match ? match[1]! : null;
}
