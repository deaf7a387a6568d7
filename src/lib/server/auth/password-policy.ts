import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** Why a chosen password is refused beyond its length; each maps to `auth.password.error.<reason>`. */
export type PasswordWeakness = 'common' | 'username';

/**
 * zxcvbn's score 0–1 means fewer than a million guesses: the password is in the breached-password
 * list, or is a repetition (`aaaaaaaaaa`), a sequence (`0123456789`), a keyboard walk (`azertyuiop`)
 * or a common word with obvious changes. NIST SP 800-63B §5.1.1.2 asks to refuse exactly these.
 */
const MIN_SCORE = 2;

let estimator: ZxcvbnFactory | undefined;

/**
 * @zxcvbn-ts (the maintained TypeScript zxcvbn) with its common package: the ~30 000 most frequent
 * passwords from breach corpora and the qwerty/azerty/keypad graphs, so French keyboard walks count
 * too. Built on first use: ranking the lists takes a moment that only password changes should pay.
 */
function zxcvbn(): ZxcvbnFactory {
	estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
	return estimator;
}

/**
 * Checks a password someone chooses for themself (NIST SP 800-63B): refused when it contains the
 * user name or the display name (or is contained in it), or when it is common or trivially
 * guessable. Returns the reason, or null when it may be used. Length is checked by the caller.
 */
export function passwordWeakness(
	password: string,
	person: { username: string; displayName?: string }
): PasswordWeakness | null {
	const lower = password.normalize('NFC').toLowerCase();
	const names = [person.username, person.displayName ?? '']
		.map((name) => name.normalize('NFC').toLowerCase().trim())
		.filter((name) => name.length >= 3);
	if (names.some((name) => lower.includes(name) || name.includes(lower))) return 'username';
	const result = zxcvbn().check(password, nameParts(names));
	if (
		result.sequence.some((match) => match.pattern === 'dictionary' && match.dictionaryName === 'userInputs')
	)
		return 'username';
	return result.score < MIN_SCORE ? 'common' : null;
}

/**
 * The words of the names, with and without accents (`Traoré` → `traoré`, `traore`), so that a
 * password built from pieces of one's own name (`traoreawa.99`) is recognised too.
 */
function nameParts(names: readonly string[]): string[] {
	const parts = new Set<string>();
	for (const name of names) {
		for (const word of name.split(/[^\p{L}\p{N}]+/u)) {
			if (word.length < 3) continue;
			parts.add(word);
			parts.add(word.normalize('NFD').replace(/\p{M}/gu, ''));
		}
	}
	return [...parts];
}
