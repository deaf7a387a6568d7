/**
 * How far a comic's bubble texts are in one language (issue 17, the translator's list): how many are
 * missing, drafts, or reviewed. Pure; each bubble's status comes from the one rule (text-status.ts).
 */
import type { Manifest } from '../manifest/schema';
import { bubbleTextStatus, type TextStatus } from './text-status';

export type TextCounts = Record<TextStatus, number>;

export function languageTextCounts(
	manifest: Pick<Manifest, 'pages' | 'languages'>,
	lang: string
): TextCounts {
	const counts: TextCounts = { missing: 0, draft: 0, reviewed: 0 };
	for (const page of manifest.pages)
		for (const panel of page.panels)
			for (const bubble of panel.bubbles) counts[bubbleTextStatus(bubble, lang, manifest.languages)]++;
	return counts;
}
