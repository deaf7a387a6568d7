/**
 * Content rules of a quiz that go beyond its structure: what a teacher reviewing the quiz would
 * catch, as far as a program can catch it.
 *
 * - Feedback never contradicts the verdict. The same explanation is shown after a right and
 *   after a wrong answer, so it must not open with a verdict of its own ("Faux : …" under
 *   "Bravo, c'est juste !"). Checked: an explanation that starts with a verdict word followed by
 *   punctuation ("Faux :", "Vrai !", "Wrong.", "No,"). Not checked: a verdict hidden later in
 *   the sentence, or an explanation that is simply wrong.
 * - Every question points at the panel that holds its answer. Checked: the question has an
 *   evidence panel; for a "find" question, that panel is one of the targets; and each key term
 *   the author lists in `evidence.terms` (per language) appears in the panel's own texts (its
 *   bubbles and its description, in that language). Not checked: that the terms are the right
 *   ones: a program cannot tell whether a panel *explains* an idea, only that it names it, so
 *   the terms are the author's claim and the reviewer's checklist. A question without terms is
 *   reported as a warning (its panel cannot be checked), except an ordering of panel pictures,
 *   whose pictures are the evidence.
 */
import { finding } from '../manifest/findings';
import type { Manifest } from '../manifest/schema';
import type { Reporter } from '../manifest/validate';
import type { Quiz } from './schema';

/** Words that announce a verdict when they open the explanation, followed by punctuation. */
const VERDICT_OPENING =
	/^\s*[«"“]?\s*(faux|vrai|bravo|exact|juste|correct|incorrect|oui|non|perdu|raté|bonne réponse|mauvaise réponse|false|true|right|wrong|yes|no|well done|correct answer|wrong answer)\s*[:!,.;—–-]/iu;

/** The verdict word an explanation opens with, or null. */
export function verdictOpening(explanation: string): string | null {
	const m = VERDICT_OPENING.exec(explanation.normalize('NFC'));
	return m ? m[1]! : null;
}

/**
 * Text as compared by the evidence check: NFC, lower case, typographic apostrophes and no-break
 * spaces folded, runs of spaces collapsed. Accents stay: "débat" is not "debat".
 */
export function foldForSearch(text: string): string {
	return text
		.normalize('NFC')
		.toLocaleLowerCase('fr')
		.replace(/[’ʼ‘]/g, "'")
		.replace(/[\u00a0\u202f\s]+/g, ' ')
		.trim();
}

/** Every text of a panel in one language (its description and its bubbles), folded. */
function panelTexts(manifest: Manifest, panelId: string, tag: string): string | null {
	for (const page of manifest.pages)
		for (const panel of page.panels)
			if (panel.id === panelId)
				return foldForSearch(
					[panel.description[tag] ?? '', ...panel.bubbles.map((b) => b.text[tag] ?? '')].join(' \n ')
				);
	return null;
}

/** Feedback that opens with a verdict of its own (see the module comment). */
export function checkFeedback(quiz: Quiz, report: Reporter): void {
	quiz.questions.forEach((q, i) => {
		for (const [tag, text] of Object.entries(q.explanation)) {
			const word = verdictOpening(text);
			if (word)
				report(['questions', i, 'explanation', tag], finding('explanationOpensWithVerdict', { word }));
		}
	});
}

/** Evidence panels: present, one of a find question's targets, and naming the listed key terms. */
export function checkEvidence(quiz: Quiz, manifest: Manifest, report: Reporter): void {
	quiz.questions.forEach((q, i) => {
		const at = ['questions', i];
		if (!q.evidence) {
			report(at, finding('questionWithoutEvidence', { question: q.id }), 'warning');
			return;
		}
		const panel = q.evidence.panel;
		// An unknown panel is reported by validateQuiz already.
		if (panelTexts(manifest, panel, manifest.referenceLanguage) === null) return;
		if (q.type === 'find') {
			const targets = q.targets.flatMap((t) => ('panel' in t ? [t.panel] : []));
			if (targets.length > 0 && !targets.includes(panel))
				report([...at, 'evidence', 'panel'], finding('evidenceNotATarget', { panel }));
		}
		// Putting panels in order: the pictures themselves are the story to check against.
		const picturesOnly = q.type === 'ordering' && q.items.every((item) => 'panel' in item);
		if (!q.evidence.terms && picturesOnly) return;
		if (!q.evidence.terms) {
			report([...at, 'evidence'], finding('evidenceWithoutTerms', { question: q.id }), 'warning');
			return;
		}
		for (const [tag, terms] of Object.entries(q.evidence.terms)) {
			const texts = panelTexts(manifest, panel, tag) ?? '';
			terms.forEach((term, j) => {
				if (!texts.includes(foldForSearch(term)))
					report([...at, 'evidence', 'terms', tag, j], finding('evidenceTermMissing', { term, panel, tag }));
			});
		}
	});
}
