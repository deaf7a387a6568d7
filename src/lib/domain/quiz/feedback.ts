/**
 * What the feedback after an answer says, so that it never contradicts itself. On a true/false
 * question, authors often open the explanation with the statement's truth ("Faux : l'APE…").
 * Under a verdict about the student's answer ("Bravo, c'est juste !") that word reads as a second,
 * opposite verdict. So the feedback states the statement's truth in its own words ("La phrase est
 * fausse."), and the explanation is shown without a leading truth word. Pure.
 */

/** Punctuation and spaces that may follow a leading truth word ("Faux :", "False.", "Vrai ! "). */
const AFTER_LABEL = /^[\s\u00a0\u202f]*[:.!,;–—-][\s\u00a0\u202f]*/u;

/**
 * The explanation without a leading truth word. `labels` are the words for true and false in the
 * explanation's language (the quiz buttons' own labels). Matching ignores case; the label must be
 * followed by punctuation, so "Faux papiers…" or "Vraiment…" are left as they are. The rest
 * starts with a capital letter, as a sentence does.
 */
export function explanationBody(explanation: string, labels: readonly string[]): string {
	const text = explanation.trimStart();
	for (const label of labels) {
		if (!label || text.slice(0, label.length).toLocaleLowerCase() !== label.toLocaleLowerCase()) continue;
		const after = AFTER_LABEL.exec(text.slice(label.length));
		if (!after) continue;
		const rest = text.slice(label.length + after[0].length);
		return rest.charAt(0).toLocaleUpperCase() + rest.slice(1);
	}
	return explanation;
}
