/**
 * Pseudo-locales for tests (issue 17): every French string rewritten so that a person or a test
 * sees at once a string that skipped the i18n layer (it stays plain), a button too small for longer
 * languages (the text is 40% longer and ends with `]`, which a clipped button hides) and a layout
 * that does not mirror (the right-to-left one). They are offered only when the server is started with
 * `KALANSO_PSEUDO_LOCALES=1` (tests, development), never to students otherwise.
 *
 * The rewriting goes through the ICU syntax tree, so placeholders, plurals and selects keep working.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';
import { uiLanguages, type Language } from '../../domain/languages/languages';
import type { OfferedLanguage } from '../../i18n';
import type { Messages } from '../../i18n/fallback';

/** Accented and 40% longer, left to right (Microsoft's name for it). */
export const PSEUDO_ACCENTED = 'qps-ploc';
/** Accented, 40% longer, right to left: the layout must mirror. */
export const PSEUDO_RTL = 'qps-plocm';

export const PSEUDO_LANGUAGES: readonly OfferedLanguage[] = [
	{
		tag: PSEUDO_ACCENTED,
		name: { fr: 'Pseudo (accents, +40 %)' },
		nativeName: '[Ƥşéûđö]',
		script: 'Latn',
		direction: 'ltr',
		plural: 'fr',
		recording: null,
		ui: 'pseudo'
	},
	{
		tag: PSEUDO_RTL,
		name: { fr: 'Pseudo (droite à gauche)' },
		nativeName: '[Ƥşéûđö ŔŢĻ]',
		script: 'Latn',
		direction: 'rtl',
		plural: 'fr',
		recording: null,
		ui: 'pseudo'
	}
];

/** Whether this server offers the pseudo-locales (`KALANSO_PSEUDO_LOCALES=1`). */
export function pseudoLocalesEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
	return env.KALANSO_PSEUDO_LOCALES === '1';
}

/**
 * The interface languages a server offers: languages.json's `ui` entries, then the pseudo-locales
 * only when `KALANSO_PSEUDO_LOCALES=1`.
 */
export function offeredFrom(
	languages: readonly Language[],
	env: NodeJS.ProcessEnv = process.env
): OfferedLanguage[] {
	return [
		...uiLanguages(languages).map(({ tag, name, nativeName, script, direction, plural, recording, ui }) => ({
			tag,
			name,
			nativeName,
			script,
			direction,
			plural,
			recording,
			ui: ui ?? 'draft'
		})),
		...(pseudoLocalesEnabled(env) ? PSEUDO_LANGUAGES : [])
	];
}

const ACCENTS: Record<string, string> = Object.fromEntries(
	[
		...'aàbƀcçdđeéfƒgĝhĥiîjĵkķlļmɱnñoöpþqǫrŕsştţuûvṽwŵxẋyýzžAÅBƁCÇDĐEÉFƑGĜHĤIÎJĴKĶLĻMṀNÑOÖPÞQǪRŔSŞTŢUÛVṼWŴXẊYÝZŽ'
	].reduce<string[][]>((pairs, c, i, all) => (i % 2 === 0 ? [...pairs, [c, all[i + 1]!]] : pairs), [])
);

/** One text run: accented letters. */
function accent(text: string): string {
	return [...text].map((c) => ACCENTS[c] ?? c).join('');
}

function rewrite(elements: MessageFormatElement[]): MessageFormatElement[] {
	return elements.map((el) => {
		if (el.type === TYPE.literal) return { ...el, value: accent(el.value) };
		if (el.type === TYPE.plural || el.type === TYPE.select) {
			const options = Object.fromEntries(
				Object.entries(el.options).map(([k, option]) => [k, { ...option, value: rewrite(option.value) }])
			);
			return { ...el, options } as MessageFormatElement;
		}
		return el;
	});
}

/** The visible length of a message's literal text (placeholders not counted). */
function literalLength(elements: MessageFormatElement[]): number {
	return elements.reduce((n, el) => (el.type === TYPE.literal ? n + [...el.value].length : n), 0);
}

/**
 * `message` accented, padded to 40% longer and bracketed: `Bibliothèque` → `[ßîƀļîöţĥèǫûé·····]`.
 * `rtl`: wrapped in RIGHT-TO-LEFT OVERRIDE, so the letters read right to left like a real RTL text.
 */
export function pseudoLocalize(message: string, rtl = false): string {
	const ast = parse(message, { ignoreTag: true });
	const pad = '·'.repeat(Math.ceil(literalLength(ast) * 0.4));
	const body = printAST(rewrite(ast));
	return rtl ? `\u202E[${body}${pad}]\u202C` : `[${body}${pad}]`;
}

/** Every string of `catalog` pseudo-localized. */
export function pseudoCatalog(catalog: Messages, rtl = false): Messages {
	return Object.fromEntries(
		Object.entries(catalog).map(([key, value]) => [
			key,
			typeof value === 'string' ? pseudoLocalize(value, rtl) : pseudoCatalog(value, rtl)
		])
	);
}
