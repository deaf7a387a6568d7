/**
 * What a translator may change in a comic (issue 17): the texts of languages other than the
 * reference (French), and their per-bubble statuses. The reference text, bubble geometry, reading
 * order, languages, narration and everything else stay the author's. Pure: the review service asks
 * here before it stores a translator's revision.
 */
import { canonicalJson } from '../signing/canonical';
import type { Manifest } from '../manifest/schema';
import { bubbleTextStatus } from './text-status';

export interface TranslatorEditProblem {
	/** `translator-reference`: a reference text changed; `translator-layout`: anything else but texts. */
	code: 'translator-reference' | 'translator-layout';
	params: Record<string, string>;
}

function only<T>(record: Record<string, T> | undefined, lang: string): Record<string, T> {
	const value = record?.[lang];
	return value === undefined ? {} : { [lang]: value };
}

/** The manifest with every non-reference text and status left out: what a translator must not change. */
function withoutTranslations(manifest: Manifest): unknown {
	const ref = manifest.referenceLanguage;
	return {
		...manifest,
		pages: manifest.pages.map((page) => ({
			...page,
			panels: page.panels.map((panel) => ({
				...panel,
				description: only(panel.description, ref),
				bubbles: panel.bubbles.map((bubble) => {
					const rest = { ...bubble, text: only(bubble.text, ref) };
					const status = only(bubble.textStatus, ref);
					delete rest.textStatus;
					return Object.keys(status).length ? { ...rest, textStatus: status } : rest;
				})
			}))
		}))
	};
}

/** Each bubble (by id) or panel description (by panel id) with its reference text. */
function referenceTexts(manifest: Manifest): Map<string, string | undefined> {
	const ref = manifest.referenceLanguage;
	const texts = new Map<string, string | undefined>();
	for (const page of manifest.pages) {
		for (const panel of page.panels) {
			texts.set(panel.id, panel.description?.[ref]);
			for (const bubble of panel.bubbles) texts.set(bubble.id, bubble.text[ref]);
		}
	}
	return texts;
}

/** Why a translator may not turn `before` into `after`, or null when only translations changed. */
export function translatorEditProblem(before: Manifest, after: Manifest): TranslatorEditProblem | null {
	const was = referenceTexts(before);
	for (const [target, text] of referenceTexts(after)) {
		if (was.has(target) && was.get(target) !== text) {
			return {
				code: 'translator-reference',
				params: { target, language: before.referenceLanguage }
			};
		}
	}
	if (canonicalJson(withoutTranslations(before)) !== canonicalJson(withoutTranslations(after))) {
		return { code: 'translator-layout', params: {} };
	}
	return null;
}

/**
 * The bubble texts of `after` marked reviewed that `writer` wrote: every non-reference text that is
 * not word for word the one in `base`, the last version someone else made (null: none, every text
 * is the writer's). Nobody reviews their own translation, as for interface strings.
 */
export function ownTextsMarkedReviewed(
	base: Manifest | null,
	after: Manifest
): Array<{ target: string; language: string }> {
	const earlier = new Map<string, Record<string, string>>();
	for (const page of base?.pages ?? [])
		for (const panel of page.panels) for (const b of panel.bubbles) earlier.set(b.id, b.text);
	const out: Array<{ target: string; language: string }> = [];
	for (const page of after.pages) {
		for (const panel of page.panels) {
			for (const bubble of panel.bubbles) {
				for (const [language, text] of Object.entries(bubble.text)) {
					if (language === after.referenceLanguage) continue;
					if (bubbleTextStatus(bubble, language, after.languages) !== 'reviewed') continue;
					if (earlier.get(bubble.id)?.[language] !== text) out.push({ target: bubble.id, language });
				}
			}
		}
	}
	return out;
}
