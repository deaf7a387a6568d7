/**
 * The i18n layer: svelte-i18n (ICU message syntax, Svelte stores). Chosen over Paraglide because
 * Paraglide's compiler loads its message-format plugin from a CDN, which these offline machines
 * and school servers cannot reach; svelte-i18n needs nothing at build time.
 *
 * Messages live in `messages/<feature>/<lang>.json`, one folder per feature so that each feature
 * owns its strings. French is the default and the fallback.
 */
import { addMessages, init, locale } from 'svelte-i18n';

export const UI_LANGUAGES = ['fr', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: UiLanguage = 'fr';
/** Cookie that remembers the interface language on this device (read by the server for SSR). */
export const LANGUAGE_COOKIE = 'kalanso-lang';

const files = import.meta.glob<Record<string, unknown>>('./messages/*/*.json', {
	eager: true,
	import: 'default'
});

/** All messages by language, merged across features; exported for the completeness test. */
export const catalogs: Record<string, Record<string, unknown>> = {};
for (const [file, messages] of Object.entries(files)) {
	const match = /\.\/messages\/([^/]+)\/([^/]+)\.json$/.exec(file);
	if (!match) continue;
	const [, feature, lang] = match as unknown as [string, string, string];
	(catalogs[lang] ??= {})[feature] = messages;
}
for (const [lang, messages] of Object.entries(catalogs)) addMessages(lang, messages as never);

export function isUiLanguage(value: unknown): value is UiLanguage {
	return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

let initialised = false;

/** Sets up i18n once and switches to `lang`. Synchronous: all catalogs are bundled. */
export function setupI18n(lang: UiLanguage): void {
	if (!initialised) {
		init({ fallbackLocale: DEFAULT_LANGUAGE, initialLocale: lang });
		initialised = true;
	}
	locale.set(lang);
}

/** Remembers the choice on this device: cookie for the server's first render, and the page's lang. */
export function rememberLanguage(lang: UiLanguage): void {
	document.cookie = `${LANGUAGE_COOKIE}=${lang}; path=/; max-age=31536000; samesite=lax`;
	document.documentElement.lang = lang;
	locale.set(lang);
}

export { _ as t, locale, date, number } from 'svelte-i18n';
