/**
 * Text in the art (DESIGN.md §3): most existing comics have their text lettered into the drawing.
 * A comic (`textInArt` on the manifest: its reference language), a language (`textInArt` on one of
 * `languages`) or a page (`textInArt`: the list of languages its art carries) declares it. Where the
 * art carries a language's text, the reader draws nothing over the art in that language; a bubble
 * with a shape can still carry a translation drawn over the art (covering the original lettering) in
 * the other languages. The one place these rules live: the reader, the quiz pages, the validation
 * and the text-fitting check all ask here. Pure.
 */
import type { Bubble, BubbleShape, Manifest, Page } from '../manifest/schema';

/** What decides it; `languages` may be left out by views that only carry part of a manifest. */
type LetteringSource = Pick<Manifest, 'referenceLanguage' | 'textInArt'> &
	Partial<Pick<Manifest, 'languages'>>;

/** The languages whose text the art of `page` carries (empty: textless art, every bubble drawn). */
export function letteredLanguages(manifest: LetteringSource, page: Pick<Page, 'textInArt'>): string[] {
	if (page.textInArt) return [...page.textInArt];
	const tags = (manifest.languages ?? []).filter((l) => l.textInArt).map((l) => l.tag);
	if (manifest.textInArt && !tags.includes(manifest.referenceLanguage))
		tags.unshift(manifest.referenceLanguage);
	return tags;
}

/** Whether any page of the comic carries text in its art. */
export function hasTextInArt(manifest: LetteringSource & Pick<Manifest, 'pages'>): boolean {
	return manifest.pages.some((page) => letteredLanguages(manifest, page).length > 0);
}

/**
 * The shape a bubble is drawn with in `lang`, or null when nothing is drawn: the art already carries
 * that language's text, or the bubble has no shape (its text is read, not drawn). A language whose
 * text runs longer may have a shape of its own.
 */
export function drawnShape(
	bubble: Pick<Bubble, 'shape' | 'shapeByLanguage'>,
	lang: string,
	lettered: readonly string[]
): BubbleShape | null {
	if (lettered.includes(lang)) return null;
	return bubble.shapeByLanguage?.[lang] ?? bubble.shape ?? null;
}
