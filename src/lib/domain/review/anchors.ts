/**
 * Where a review comment is pinned: the whole comic, a panel, a bubble, or a moment of narration,
 * optionally in one language (a language is required for narration: the audio is per language).
 */
import type { Manifest } from '../manifest/schema';

export type CommentAnchor =
	| { kind: 'comic'; language?: string }
	| { kind: 'panel'; panelId: string; language?: string }
	| { kind: 'bubble'; bubbleId: string; language?: string }
	| { kind: 'narration'; targetId: string; language: string; atSec: number };

/** Why an anchor does not fit: a code the interface translates, its parameters, and the English. */
export interface AnchorProblem {
	code: 'unknown-language' | 'unknown-target' | 'no-narration' | 'no-clip' | 'outside-clip';
	params: Record<string, string>;
	message: string;
}

const problem = (code: AnchorProblem['code'], params: Record<string, string>, message: string) => ({
	code,
	params,
	message
});

/** Why an anchor does not fit a manifest, or null when it does. */
export function anchorProblem(manifest: Manifest, anchor: CommentAnchor): AnchorProblem | null {
	const declared = new Set(manifest.languages.map((l) => l.tag));
	if (anchor.language !== undefined && !declared.has(anchor.language)) {
		const language = anchor.language;
		return problem('unknown-language', { language }, `this comic has no language "${language}"`);
	}
	const panels = manifest.pages.flatMap((p) => p.panels);
	const bubbles = panels.flatMap((p) => p.bubbles);
	switch (anchor.kind) {
		case 'comic':
			return null;
		case 'panel':
			return panels.some((p) => p.id === anchor.panelId)
				? null
				: problem(
						'unknown-target',
						{ target: anchor.panelId },
						`this comic has no panel "${anchor.panelId}"`
					);
		case 'bubble':
			return bubbles.some((b) => b.id === anchor.bubbleId)
				? null
				: problem(
						'unknown-target',
						{ target: anchor.bubbleId },
						`this comic has no bubble "${anchor.bubbleId}"`
					);
		case 'narration': {
			const narration = manifest.narration?.[anchor.language];
			const language = anchor.language;
			if (!narration)
				return problem('no-narration', { language }, `this comic has no narration in "${language}"`);
			const clip = narration.clips.find((c) => c.target === anchor.targetId);
			if (!clip) {
				const target = anchor.targetId;
				return problem('no-clip', { target, language }, `no narration clip for "${target}" in "${language}"`);
			}
			if (!(anchor.atSec >= clip.startSec && anchor.atSec <= clip.endSec)) {
				const params = { at: String(anchor.atSec), start: String(clip.startSec), end: String(clip.endSec) };
				return problem(
					'outside-clip',
					params,
					`${params.at} s lies outside the clip (${params.start}–${params.end} s)`
				);
			}
			return null;
		}
	}
}

/** Parses an untrusted anchor (from a form or JSON); null when it is not an anchor at all. */
export function parseAnchor(value: unknown): CommentAnchor | null {
	const v = value as Record<string, unknown> | null;
	if (!v || typeof v !== 'object') return null;
	const language = typeof v.language === 'string' && v.language !== '' ? v.language : undefined;
	const id = (key: string) => (typeof v[key] === 'string' && v[key] !== '' ? (v[key] as string) : null);
	switch (v.kind) {
		case 'comic':
			return { kind: 'comic', language };
		case 'panel': {
			const panelId = id('panelId');
			return panelId ? { kind: 'panel', panelId, language } : null;
		}
		case 'bubble': {
			const bubbleId = id('bubbleId');
			return bubbleId ? { kind: 'bubble', bubbleId, language } : null;
		}
		case 'narration': {
			const targetId = id('targetId');
			const atSec = Number(v.atSec);
			return targetId && language && Number.isFinite(atSec)
				? { kind: 'narration', targetId, language, atSec }
				: null;
		}
		default:
			return null;
	}
}

/** The panel an anchor sits in (for showing comments in place), or null for the whole comic. */
export function anchorPanel(manifest: Manifest, anchor: CommentAnchor): string | null {
	for (const page of manifest.pages) {
		for (const panel of page.panels) {
			if (anchor.kind === 'panel' && anchor.panelId === panel.id) return panel.id;
			if (anchor.kind === 'bubble' && panel.bubbles.some((b) => b.id === anchor.bubbleId)) return panel.id;
			if (
				anchor.kind === 'narration' &&
				(anchor.targetId === panel.id || panel.bubbles.some((b) => b.id === anchor.targetId))
			)
				return panel.id;
		}
	}
	return null;
}

/** The id an anchor points at (panel, bubble or narration target), or null for the whole comic. */
export function anchorTarget(anchor: CommentAnchor): string | null {
	switch (anchor.kind) {
		case 'comic':
			return null;
		case 'panel':
			return anchor.panelId;
		case 'bubble':
			return anchor.bubbleId;
		case 'narration':
			return anchor.targetId;
	}
}
