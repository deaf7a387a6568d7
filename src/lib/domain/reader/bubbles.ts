/** Which bubble is where, and what a panel says: hit testing and the transcript. Pure. */
import { pickText } from '../library';
import type { Bubble, BubbleRole, Manifest, Page, Point } from '../manifest/schema';
import { shapeFor } from './text-fit';

/**
 * Whether a page point lies inside the bubble's outline (its tail does not count); never for a bubble
 * not drawn in `lang` (text in the art: `lettered`, see lettering.ts).
 */
export function insideBubble(
	bubble: Bubble,
	lang: string,
	point: Point,
	lettered: readonly string[] = []
): boolean {
	const shape = shapeFor(bubble, lang, lettered);
	if (!shape) return false;
	const { kind, region: r } = shape;
	if (kind === 'ellipse' || kind === 'cloud') {
		const nx = (point.x - (r.x + r.w / 2)) / (r.w / 2);
		const ny = (point.y - (r.y + r.h / 2)) / (r.h / 2);
		return nx * nx + ny * ny <= 1;
	}
	return point.x >= r.x && point.x <= r.x + r.w && point.y >= r.y && point.y <= r.y + r.h;
}

/** The bubble at a page point, topmost (drawn last) first; null when the point is on no bubble. */
export function bubbleAt(
	page: Page,
	lang: string,
	point: Point,
	lettered: readonly string[] = []
): Bubble | null {
	for (let p = page.panels.length - 1; p >= 0; p--) {
		const bubbles = page.panels[p]!.bubbles;
		for (let b = bubbles.length - 1; b >= 0; b--) {
			if (insideBubble(bubbles[b]!, lang, point, lettered)) return bubbles[b]!;
		}
	}
	return null;
}

/** One line of the transcript: who says what. */
export interface TranscriptLine {
	bubbleId: string;
	role: BubbleRole;
	/** The character's name in the reading language; null for captions and sounds. */
	speaker: string | null;
	text: string;
	/** Language the text is actually in (the reference language when the chosen one lacks it). */
	lang: string;
}

export interface Transcript {
	panelId: string;
	description: { text: string; lang: string } | null;
	lines: TranscriptLine[];
}

/** What the current panel shows and says, in `lang`, falling back to the reference language. */
export function panelTranscript(
	manifest: Pick<Manifest, 'pages' | 'characters' | 'referenceLanguage'>,
	pageIndex: number,
	panelIndex: number,
	lang: string
): Transcript | null {
	const panel = manifest.pages[pageIndex]?.panels[panelIndex];
	if (!panel) return null;
	const ref = manifest.referenceLanguage;
	const names = new Map(manifest.characters.map((c) => [c.id, c.name]));
	return {
		panelId: panel.id,
		description: pickText(panel.description, lang, ref),
		lines: panel.bubbles.flatMap((bubble) => {
			const text = pickText(bubble.text, lang, ref);
			if (!text) return [];
			const name = bubble.character ? pickText(names.get(bubble.character), lang, ref) : null;
			return [{ bubbleId: bubble.id, role: bubble.role, speaker: name?.text ?? null, ...text }];
		})
	};
}
