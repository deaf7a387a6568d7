import type { CommentAnchor } from '$lib/domain/review/anchors';

/** Translation key and values naming where a comment is pinned. */
export function anchorText(
	anchor: CommentAnchor,
	t: (key: string, options?: { values: Record<string, string> }) => string
): string {
	const where =
		anchor.kind === 'panel'
			? t('review.common.panel', { values: { id: anchor.panelId } })
			: anchor.kind === 'bubble'
				? t('review.common.bubble', { values: { id: anchor.bubbleId } })
				: anchor.kind === 'narration'
					? `${t('review.matrix.narration')} ${anchor.targetId} ${t('review.common.at', { values: { sec: String(anchor.atSec) } })}`
					: t('review.common.wholeComic');
	const lang = anchor.language
		? t('review.common.inLanguage', { values: { lang: anchor.language.toUpperCase() } })
		: t('review.common.allLanguages');
	return `${where} · ${lang}`;
}
