/**
 * Where a bubble's text stands in one language (issue 16): missing, a draft, or reviewed by a native
 * speaker. Pure. The one place this is decided: the reader's draft notice, the studio's status column
 * and the text-fit check's severity all ask here.
 *
 * A bubble's own `textStatus[lang]` wins; without it the language's status decides, so comics made
 * before per-bubble statuses read exactly as before (`complete` means reviewed, DESIGN.md §3).
 */
import type { Bubble, ComicLanguage } from '../manifest/schema';

export type TextStatus = 'missing' | 'draft' | 'reviewed';

export function bubbleTextStatus(
	bubble: Pick<Bubble, 'text' | 'textStatus'>,
	lang: string,
	languages: readonly Pick<ComicLanguage, 'tag' | 'status'>[]
): TextStatus {
	if (!bubble.text[lang]) return 'missing';
	const own = bubble.textStatus?.[lang];
	if (own) return own;
	return languages.find((l) => l.tag === lang)?.status === 'complete' ? 'reviewed' : 'draft';
}

/**
 * Whether what a reader sees of these bubbles in `lang` includes unreviewed text: a draft, or a
 * missing text shown in the reference language instead (a gap is not reviewed in this language).
 */
export function showsUnreviewed(
	bubbles: readonly Pick<Bubble, 'text' | 'textStatus'>[],
	lang: string,
	languages: readonly Pick<ComicLanguage, 'tag' | 'status'>[]
): boolean {
	return bubbles.some((b) => bubbleTextStatus(b, lang, languages) !== 'reviewed');
}
