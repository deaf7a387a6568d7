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

/** Why an anchor does not fit a manifest, or null when it does. */
export function anchorProblem(manifest: Manifest, anchor: CommentAnchor): string | null {
	const declared = new Set(manifest.languages.map((l) => l.tag));
	if (anchor.language !== undefined && !declared.has(anchor.language)) {
		return `this comic has no language "${anchor.language}"`;
	}
	const panels = manifest.pages.flatMap((p) => p.panels);
	const bubbles = panels.flatMap((p) => p.bubbles);
	switch (anchor.kind) {
		case 'comic':
			return null;
		case 'panel':
			return panels.some((p) => p.id === anchor.panelId)
				? null
				: `this comic has no panel "${anchor.panelId}"`;
		case 'bubble':
			return bubbles.some((b) => b.id === anchor.bubbleId)
				? null
				: `this comic has no bubble "${anchor.bubbleId}"`;
		case 'narration': {
			const narration = manifest.narration?.[anchor.language];
			if (!narration) return `this comic has no narration in "${anchor.language}"`;
			const clip = narration.clips.find((c) => c.target === anchor.targetId);
			if (!clip) return `no narration clip for "${anchor.targetId}" in "${anchor.language}"`;
			if (!(anchor.atSec >= clip.startSec && anchor.atSec <= clip.endSec)) {
				return `${anchor.atSec} s lies outside the clip (${clip.startSec}–${clip.endSec} s)`;
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
