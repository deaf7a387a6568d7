/**
 * The bubble × language matrix a reviewer reads before approving: for every bubble (and panel
 * description) and every declared language, is there text, and is there narration recorded from
 * THAT text? A clip is stale when its `textHash` differs from the SHA-256 of the current NFC text.
 */
import type { Manifest } from '../manifest/schema';
import { textHash } from '../signing/hash';

export type TextCell = 'ok' | 'missing';
/** `none`: the language has no narration at all; `missing`: narration exists but not for this row. */
export type NarrationCell = 'ok' | 'missing' | 'stale' | 'none';

export interface MatrixRow {
	kind: 'bubble' | 'description';
	/** Bubble id, or the panel id for its description. */
	id: string;
	pageId: string;
	panelId: string;
	cells: Record<string, { text: TextCell; narration: NarrationCell }>;
}

export interface LanguageColumn {
	tag: string;
	textStatus: 'complete' | 'draft';
	narrationStatus: 'complete' | 'partial' | 'none';
}

export interface LanguageMatrix {
	languages: LanguageColumn[];
	rows: MatrixRow[];
}

/** A gap that forbids approval: text or narration missing or stale in a language declared complete. */
export interface MatrixBlocker {
	rowId: string;
	language: string;
	what: 'text-missing' | 'narration-missing' | 'narration-stale';
}

export function languageMatrix(manifest: Manifest): LanguageMatrix {
	const languages: LanguageColumn[] = manifest.languages.map((l) => ({
		tag: l.tag,
		textStatus: l.status,
		narrationStatus: manifest.narration?.[l.tag]?.status ?? 'none'
	}));
	const rows: MatrixRow[] = [];
	for (const page of manifest.pages) {
		for (const panel of page.panels) {
			rows.push(row('description', panel.id, page.id, panel.id, panel.description));
			for (const bubble of panel.bubbles) rows.push(row('bubble', bubble.id, page.id, panel.id, bubble.text));
		}
	}
	return { languages, rows };

	function row(
		kind: MatrixRow['kind'],
		id: string,
		pageId: string,
		panelId: string,
		text: Record<string, string>
	): MatrixRow {
		const cells: MatrixRow['cells'] = {};
		for (const { tag } of languages) {
			const value = text[tag];
			const narration = manifest.narration?.[tag];
			let narrationCell: NarrationCell = 'none';
			if (narration) {
				const clip = narration.clips.find((c) => c.target === id);
				if (!clip) narrationCell = 'missing';
				else narrationCell = value && clip.textHash === textHash(value) ? 'ok' : 'stale';
			}
			cells[tag] = { text: value ? 'ok' : 'missing', narration: narrationCell };
		}
		return { kind, id, pageId, panelId, cells };
	}
}

/**
 * Gaps that forbid approval. Text: every bubble and description in a language whose text is declared
 * complete. Narration: every bubble in a language whose narration is declared complete (panel
 * descriptions may go unnarrated), and no stale clip anywhere in such a language.
 */
export function matrixBlockers(matrix: LanguageMatrix): MatrixBlocker[] {
	const blockers: MatrixBlocker[] = [];
	for (const r of matrix.rows) {
		for (const lang of matrix.languages) {
			const cell = r.cells[lang.tag]!;
			if (lang.textStatus === 'complete' && cell.text === 'missing') {
				blockers.push({ rowId: r.id, language: lang.tag, what: 'text-missing' });
			}
			if (lang.narrationStatus === 'complete') {
				if (cell.narration === 'stale')
					blockers.push({ rowId: r.id, language: lang.tag, what: 'narration-stale' });
				else if (cell.narration === 'missing' && r.kind === 'bubble') {
					blockers.push({ rowId: r.id, language: lang.tag, what: 'narration-missing' });
				}
			}
		}
	}
	return blockers;
}
