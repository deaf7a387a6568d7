/**
 * A language's name in the interface language `uiLang`, from the browser's own data
 * (`Intl.DisplayNames`: no list to download); the tag itself where the browser has none. One
 * `DisplayNames` per interface language, built the first time it is asked for (building one loads
 * the browser's locale data: the reader's language picker and narration controls share it).
 */
const displays = new Map<string, Intl.DisplayNames | null>();

function displayFor(uiLang: string): Intl.DisplayNames | null {
	let display = displays.get(uiLang);
	if (display === undefined) {
		try {
			display = new Intl.DisplayNames([uiLang], { type: 'language' });
		} catch (error) {
			console.warn('Intl.DisplayNames unavailable, showing language tags', error);
			display = null;
		}
		displays.set(uiLang, display);
	}
	return display;
}

/**
 * Builds the `DisplayNames` of `uiLang` ahead of need: the library does it while idle
 * (src/lib/state/reader-preload.ts), since building it was ≈ 19 ms of a slowed tablet's main
 * thread in the reader's first render, before its first panel (issue 21).
 */
export function warmLanguageNames(uiLang: string): void {
	displayFor(uiLang);
}

/** The name as the browser writes it inside a sentence ("français"), or the tag. */
export function languageName(tag: string, uiLang: string): string {
	try {
		return displayFor(uiLang)?.of(tag) ?? tag;
	} catch {
		// A tag the browser finds malformed.
		return tag;
	}
}

/** The name as a label or button ("Français"), or the tag as it is. */
export function languageLabel(tag: string, uiLang: string): string {
	const name = languageName(tag, uiLang);
	return name && name !== tag ? name.charAt(0).toLocaleUpperCase(uiLang) + name.slice(1) : tag;
}
