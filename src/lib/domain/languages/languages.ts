/**
 * Languages as data (comics/languages.json): the script, writing direction, plural rules and
 * names of each language Kalanso knows, and the pure rules that read them. The server reads the
 * file (server/content/comic-folder.ts `loadLanguages`); the interface receives the parsed list
 * from the root layout, so adding a language needs no code.
 */

/** ISO 15924 codes of the scripts Kalanso bundles a font for. */
export const SCRIPTS = ['Latn', 'Nkoo', 'Tfng'] as const;
export type ScriptCode = (typeof SCRIPTS)[number];

export type TextDirection = 'ltr' | 'rtl';

/**
 * How far the interface is translated: `reviewed` (checked by a native speaker), `draft` (shown
 * with the "traduction en cours de relecture" status) or absent (not offered as an interface).
 */
export type UiStatus = 'reviewed' | 'draft';

/** One entry of comics/languages.json, with defaults filled in. */
export interface Language {
	/** BCP-47 tag, e.g. `bm`, `bm-Nkoo`, `taq-Tfng`. */
	tag: string;
	/** The language's name in each interface language (`name.fr`, `name.en`). */
	name: Record<string, string>;
	/** The name in the language itself, in its own script (what a child who cannot read French finds). */
	nativeName: string;
	/** Where `nativeName` comes from, or that it awaits a native speaker's review. */
	nativeNameSource?: string;
	script: ScriptCode;
	direction: TextDirection;
	/**
	 * The CLDR locale whose plural rules the language follows (`Intl.PluralRules`), or null when
	 * nobody has stated them yet: French rules are used then, the fallback language's.
	 */
	plural: string | null;
	/** Whether (and how far) the interface is offered in it. */
	ui?: UiStatus;
	/**
	 * A short recording of the name spoken by a speaker (path under static/), or null: no recording
	 * exists yet, and the chooser says so rather than inventing a voice.
	 */
	recording: string | null;
}

/** The language the interface falls back to, string by string. */
export const FALLBACK_LANGUAGE = 'fr';

/** Unicode ranges of each script's letters (not its punctuation, shared with Latin). */
const SCRIPT_RANGES: Record<Exclude<ScriptCode, 'Latn'>, RegExp> = {
	Nkoo: /[\u07C0-\u07FF]/u,
	Tfng: /[\u2D30-\u2D7F]/u
};

/** A letter outside the bundled non-Latin blocks (counted as Latin). */
const OTHER_LETTER = new RegExp(
	`(?!${Object.values(SCRIPT_RANGES)
		.map((range) => range.source)
		.join('|')})\\p{L}`,
	'u'
);

/**
 * The scripts written in `text` (Latin for any letter outside the bundled non-Latin blocks). One
 * search of the whole text per script: the reader asks this of a whole comic's text before its
 * first panel, and three tests per character (one compiling `\p{L}` each time) took ≈ 3 % of the
 * cold start's main thread (issue 21).
 */
export function scriptsIn(text: string): Set<ScriptCode> {
	const found = new Set<ScriptCode>();
	if (SCRIPT_RANGES.Nkoo.test(text)) found.add('Nkoo');
	if (SCRIPT_RANGES.Tfng.test(text)) found.add('Tfng');
	if (OTHER_LETTER.test(text)) found.add('Latn');
	return found;
}

/** The script a tag names (`bm-Nkoo` → Nkoo), if it names one. */
function scriptSubtag(tag: string): string | undefined {
	return tag
		.split('-')
		.slice(1)
		.find((s) => /^[A-Za-z]{4}$/.test(s));
}

const isScript = (v: unknown): v is ScriptCode => (SCRIPTS as readonly unknown[]).includes(v);

/**
 * Reads the `languages` array of languages.json, filling the defaults (script from the tag's script
 * subtag or Latin; direction from the script; plural rules of the tag itself when CLDR has them,
 * else unknown) and refusing, with
 * the entry's tag and what is wrong, anything else. Throws an Error naming `file`.
 */
export function parseLanguages(raw: unknown, file = 'languages.json'): Language[] {
	const fail = (what: string): never => {
		throw new Error(`${file}: ${what}`);
	};
	const list = (raw as { languages?: unknown } | null)?.languages;
	if (!Array.isArray(list)) fail('expected { "languages": [...] }');
	const seen = new Set<string>();
	return (list as unknown[]).map((entry, index) => {
		const e = (entry ?? {}) as Record<string, unknown>;
		const tag = e.tag;
		if (typeof tag !== 'string' || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag))
			fail(`languages[${index}]: "tag" must be a BCP-47 tag`);
		const where = `language "${tag as string}"`;
		if (seen.has(tag as string)) fail(`${where} is listed twice`);
		seen.add(tag as string);
		if (typeof e.nativeName !== 'string' || e.nativeName === '') fail(`${where}: "nativeName" is required`);
		if (
			typeof e.name !== 'object' ||
			e.name === null ||
			typeof (e.name as Record<string, unknown>).fr !== 'string'
		)
			fail(`${where}: "name.fr" is required`);
		const script = e.script ?? scriptSubtag(tag as string) ?? 'Latn';
		if (!isScript(script)) fail(`${where}: "script" must be one of ${SCRIPTS.join(', ')}`);
		const direction = e.direction ?? (script === 'Nkoo' ? 'rtl' : 'ltr');
		if (direction !== 'ltr' && direction !== 'rtl') fail(`${where}: "direction" must be "ltr" or "rtl"`);
		const hasRules = (t: string) => Intl.PluralRules.supportedLocalesOf(t).length > 0;
		const plural = e.plural === undefined ? (hasRules(tag as string) ? tag : null) : e.plural;
		if (plural !== null && (typeof plural !== 'string' || !hasRules(plural)))
			fail(`${where}: "plural" must be a locale with CLDR plural rules, or null when not yet known`);
		// `ui: true` is the older spelling of a reviewed interface language.
		const ui = e.ui === true ? 'reviewed' : e.ui;
		if (ui !== undefined && ui !== false && ui !== 'reviewed' && ui !== 'draft')
			fail(`${where}: "ui" must be "reviewed" or "draft"`);
		const recording = e.recording ?? null;
		if (recording !== null && (typeof recording !== 'string' || !/^\/[\w./-]+$/.test(recording)))
			fail(`${where}: "recording" must be a path under static/ or null`);
		return {
			tag: tag as string,
			name: e.name as Record<string, string>,
			nativeName: e.nativeName as string,
			...(typeof e.nativeNameSource === 'string' ? { nativeNameSource: e.nativeNameSource } : {}),
			script: script as ScriptCode,
			direction: direction as TextDirection,
			plural: plural as string | null,
			...(ui === 'reviewed' || ui === 'draft' ? { ui: ui as UiStatus } : {}),
			recording: recording as string | null
		};
	});
}

/**
 * The locale whose plural rules apply to messages in `language`: the CLDR locale its entry names,
 * French when nobody has stated them (null) or when this runtime lacks that locale's rules, never
 * the device's own locale (which `Intl.PluralRules` falls back to for a locale it does not know).
 */
export function pluralRulesLocale(language: Pick<Language, 'plural'>): string {
	const named = language.plural ?? FALLBACK_LANGUAGE;
	return Intl.PluralRules.supportedLocalesOf(named).length > 0 ? named : FALLBACK_LANGUAGE;
}

/** The plural category of `count` in `language` (its `plural` rules, or French when unknown). */
export function pluralCategory(language: Pick<Language, 'plural'>, count: number): Intl.LDMLPluralRule {
	return new Intl.PluralRules(pluralRulesLocale(language)).select(count);
}

/** The languages offered as an interface, in file order. */
export function uiLanguages(languages: readonly Language[]): Language[] {
	return languages.filter((l) => l.ui !== undefined);
}

/** Right-to-left scripts among the bundled ones. */
const RTL_SCRIPTS: ReadonlySet<ScriptCode> = new Set(['Nkoo']);

/** A text's direction from its first letter (Unicode's rule P2): N'Ko reads right to left. */
export function directionOf(text: string): TextDirection {
	for (const char of text) {
		if (!/\p{L}/u.test(char)) continue;
		const [script] = scriptsIn(char);
		return script !== undefined && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
	}
	return 'ltr';
}

/**
 * A line of text to draw on a canvas, whose own direction is left to right: a right-to-left line is
 * wrapped in RIGHT-TO-LEFT EMBEDDING … POP DIRECTIONAL FORMATTING, so its punctuation and any
 * Latin word inside sit where a reader of the script expects them. The marks have no width.
 */
export function canvasLine(line: string, direction: TextDirection): string {
	return direction === 'rtl' ? `\u202B${line}\u202C` : line;
}
