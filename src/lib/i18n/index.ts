/**
 * The i18n layer: ICU messages in Svelte stores (`t`, `locale`), a thin layer of our own over
 * ./icu-format.ts. It replaced svelte-i18n, which weighed ≈ 4 KB gzip more on every page (with
 * intl-messageformat; DESIGN.md §6). Chosen over Paraglide because Paraglide's compiler loads its
 * message-format plugin from a CDN, which these offline machines and school servers cannot reach.
 *
 * Messages live in `messages/<feature>/<lang>.json`, one folder per feature so that each feature
 * owns its strings; a new folder needs no code. Each file is its own chunk, loaded on demand: a
 * page loads its interface language only, and only the folders it uses (`ROUTE_FEATURES`; every
 * folder for the routes not listed there). The root layout's load does it (`setupI18n`), on the
 * server for the first render and in the browser before hydrating and on each navigation; the
 * other language is loaded when the user switches to it. The service worker keeps every chunk of
 * the build, so all of this works offline. French is the default; every language has every key
 * (i18n.test.ts).
 *
 * Languages besides the bundled ones are data (comics/languages.json, `ui`): the server offers them
 * (`OfferedLanguage`, from the root layout) with the strings translators gave in the app
 * (`provideTranslations`); every string nobody translated yet falls back to French, one by one
 * (./fallback.ts).
 *
 * In the browser build, ICU messages are parsed by ./icu-parser.ts instead of formatjs's parser
 * (vite.config.ts), which keeps ≈ 9 KB gzip off every page.
 */
import { derived, get, writable, type Readable } from 'svelte/store';
import { browser } from '$app/environment';
import { pluralRulesLocale, type Language } from '$lib/domain/languages/languages';
import { withFallback, type Messages } from './fallback';
import { DATE_STYLES, formatMessage, type MessageValues } from './icu-format';

/** The languages whose complete catalogs are bundled (messages/<feature>/<lang>.json). */
export const UI_LANGUAGES = ['fr', 'en'] as const;
/** An interface language: a bundled one or one offered at run time (comics/languages.json `ui`). */
export type UiLanguage = string;
export const DEFAULT_LANGUAGE: UiLanguage = 'fr';
/** Cookie that remembers the interface language on this device (read by the server for SSR). */
export const LANGUAGE_COOKIE = 'kalanso-lang';

/** What the interface needs of a language it offers (from comics/languages.json). */
export type OfferedLanguage = Pick<
	Language,
	'tag' | 'name' | 'nativeName' | 'script' | 'direction' | 'plural' | 'recording'
> & {
	/** `draft`: the "traduction en cours de relecture" status shows; `pseudo`: a test locale. */
	ui: 'reviewed' | 'draft' | 'pseudo';
	/** The recording was made in the app and nobody else has reviewed it yet (name-recordings). */
	recordingDraft?: boolean;
};

/** The interface languages bundled with the app (before comics/languages.json is read). */
export const BUNDLED: readonly OfferedLanguage[] = [
	{
		tag: 'fr',
		name: { fr: 'Français' },
		nativeName: 'Français',
		script: 'Latn',
		direction: 'ltr',
		plural: 'fr',
		recording: null,
		ui: 'reviewed'
	},
	{
		tag: 'en',
		name: { fr: 'Anglais' },
		nativeName: 'English',
		script: 'Latn',
		direction: 'ltr',
		plural: 'en',
		recording: null,
		ui: 'reviewed'
	}
];
let offered: readonly OfferedLanguage[] = BUNDLED;

/** Sets the languages the interface offers (the server's list; the bundled ones until then). */
export function setOfferedLanguages(languages: readonly OfferedLanguage[]): void {
	if (languages.length > 0) offered = languages;
}

/** The languages the interface offers, in the order of comics/languages.json. */
export function offeredLanguages(): readonly OfferedLanguage[] {
	return offered;
}

/** The offered language `tag`, if it is one. */
export function offeredLanguage(tag: string | null | undefined): OfferedLanguage | undefined {
	return offered.find((l) => l.tag === tag);
}

/** Strings translators gave at run time, by language (nested like a catalog). */
const translations = new Map<string, Messages>();

/**
 * Loaders of the folders the budgeted routes use (`ROUTE_FEATURES`), by language then folder; the
 * loaders of every folder are in ./loaders.ts, loaded the first time a page needs another folder.
 */
const loaders: Record<string, Record<string, () => Promise<Messages>>> = {};
for (const [file, load] of Object.entries(
	import.meta.glob<Messages>('./messages/{common,library,library-search,reader,narration}/*.json', {
		import: 'default'
	})
)) {
	const match = /\.\/messages\/([^/]+)\/([^/]+)\.json$/.exec(file);
	if (match) (loaders[match[2]!] ??= {})[match[1]!] = load;
}
/** ./loaders.ts, once. */
let allLoaders: Promise<typeof import('./loaders')> | undefined;
function everyLoader(): Promise<typeof import('./loaders')> {
	return (allLoaders ??= import('./loaders'));
}

/** Every feature folder, in place of a list: the routes not in `ROUTE_FEATURES`. */
export type Folders = readonly string[] | 'every';

/**
 * Parts of a folder, named `folder:part`: a budgeted route that shows a few of a big folder's
 * strings loads only those top-level keys (vite.config.ts `messageKeys` cuts the JSON when it
 * is bundled). `offline` also holds the storage page's and the pack import's strings, two thirds
 * of it, which the library page never shows. A part goes into its folder's dictionary beside
 * whatever of the folder is already there.
 */
const parts: Record<string, Record<string, () => Promise<Messages>>> = {
	'offline:library': import.meta.glob<Messages>('./messages/offline/*.json', {
		import: 'default',
		query: '?keys=download,shell'
	}),
	// The download errors: loaded once a download starts or fails (src/lib/offline/offline.svelte.ts).
	'offline:errors': import.meta.glob<Messages>('./messages/offline/*.json', {
		import: 'default',
		query: '?keys=errors'
	})
};
for (const [part, files] of Object.entries(parts)) {
	for (const [file, load] of Object.entries(files)) {
		const match = /\/([^/]+)\.json/.exec(file);
		if (match) (loaders[match[1]!] ??= {})[part] = load;
	}
}

/**
 * The folders of the routes that need fewer than all (DESIGN.md §6: the library page's and the
 * reader's JavaScript are budgeted). The root layout's own strings (header, account menu, offline
 * indicator, update prompt, error page) are all in `common`, so every entry lists it. A route not
 * listed loads every folder. A key missing on a listed route shows as its key and as the
 * "was not found" warning of `t`, which tests/e2e/language.e2e.ts fails on.
 */
const ROUTE_FEATURES: Record<string, readonly string[]> = {
	'/': ['common', 'offline:library', 'library', 'library-search'],
	'/read/[slug]': ['common', 'reader', 'narration']
};

/** The feature folders the route `routeId` (SvelteKit's `route.id`) needs. */
export function featuresFor(routeId: string | null): Folders {
	return (routeId !== null && ROUTE_FEATURES[routeId]) || 'every';
}

export function isUiLanguage(value: unknown): value is UiLanguage {
	return typeof value === 'string' && offered.some((l) => l.tag === value);
}

/** Messages by language, then feature folder: what `t` reads. */
const dictionaries: Record<string, Messages> = {};
/** Counts the changes of `dictionaries`, so that `t` formats again with the new strings. */
const published = writable(0);

/**
 * Adds messages to `lang`'s dictionary (`{ feature: { key: … } }`), each top-level folder
 * replacing the one of the same name.
 */
export function addMessages(lang: string, messages: Messages): void {
	dictionaries[lang] = { ...dictionaries[lang], ...messages };
	published.update((n) => n + 1);
}

const interfaceLanguage = writable<UiLanguage | null | undefined>(undefined);
/**
 * The interface language. Setting it in the browser also sets the page's `lang`, as svelte-i18n
 * did; the loads and the switch (`setupI18n`, `rememberLanguage`) set the language first.
 */
export const locale = {
	subscribe: interfaceLanguage.subscribe,
	set(lang: UiLanguage | null | undefined): void {
		if (browser && lang) document.documentElement.setAttribute('lang', lang);
		interfaceLanguage.set(lang);
	}
};

const loading = new Map<string, Promise<void>>();
/** The bundled (or French) messages of each loaded `lang/feature`, kept to merge translations again. */
const loaded = new Map<string, Messages>();

/**
 * Adds `name` (a folder, or a part `folder:part`) of `lang` to the folder's dictionary: its base
 * messages with the run-time translations on top.
 */
function publish(lang: string, name: string, base: Messages): void {
	const feature = name.split(':')[0]!;
	const given = translations.get(lang)?.[feature];
	const before = dictionaries[lang]?.[feature];
	// No translations for this folder (the bundled languages): its messages as they are, not a copy.
	const merged = typeof given === 'object' ? withFallback(base, given) : base;
	addMessages(lang, {
		[feature]: typeof before === 'object' ? { ...before, ...merged } : merged
	});
}

/** The loader of `feature` in `lang`, else in French (a language without bundled messages). */
function loaderOf(
	table: typeof loaders,
	lang: string,
	feature: string
): (() => Promise<Messages>) | undefined {
	return table[lang]?.[feature] ?? table[DEFAULT_LANGUAGE]?.[feature];
}

/**
 * Loads the `features` of `lang` (each once; a failed load is tried again on the next call). A
 * language without bundled messages gets the French ones, replaced string by string by its
 * translations: the whole feature is in its own dictionary, so `t` never reaches another
 * language's strings (`bm-Nkoo` never shows Latin `bm`, only French for what nobody translated).
 */
export async function loadMessages(lang: UiLanguage, features: Folders = 'every'): Promise<void> {
	const every =
		features === 'every' || features.some((feature) => !loaderOf(loaders, lang, feature))
			? await everyLoader()
			: undefined;
	await Promise.all(
		(features === 'every' ? every!.FEATURES : features).map((feature) => {
			const key = `${lang}/${feature}`;
			let promise = loading.get(key);
			if (!promise) {
				const load = loaderOf(loaders, lang, feature) ?? (every && loaderOf(every.loaders, lang, feature));
				if (!load) return Promise.reject(new Error(`no messages for "${feature}" in "${lang}"`));
				promise = load().then((messages) => {
					loaded.set(key, messages);
					publish(lang, feature, messages);
				});
				promise.catch(() => loading.delete(key));
				loading.set(key, promise);
			}
			return promise;
		})
	);
}

/**
 * Fetches and runs the message modules of `features` in `lang` without adding them to the
 * dictionaries (which would format every string on screen again): a page about to be left for
 * another route loads them ahead (src/lib/state/reader-preload.ts), and `loadMessages` finds them.
 */
export async function preloadMessages(lang: UiLanguage, features: Folders): Promise<void> {
	if (features === 'every') return;
	await Promise.all(features.map((feature) => loaderOf(loaders, lang, feature)?.()));
}

/**
 * Gives the strings translators wrote for `lang` (nested like a catalog: `{ common: { nav: … } }`),
 * shown on top of the bundled or French messages, also for the folders already loaded.
 */
export function provideTranslations(lang: UiLanguage, messages: Messages): void {
	// The root layout gives its data's translations again on every navigation: the same object,
	// already merged into every loaded folder (merging them again cost each navigation, the
	// reader's cold start among them, a copy of every folder and as many store updates).
	if (translations.get(lang) === messages) return;
	translations.set(lang, messages);
	for (const [key, base] of loaded) {
		const [l, feature] = key.split('/') as [string, string];
		if (l === lang) publish(lang, feature, base);
	}
}

let initialised = false;
/** The folders the current page uses, loaded again in the new language on a switch. */
let inUse: Folders = 'every';

/**
 * Loads what the route `routeId` needs, sets up i18n once and switches to the language: `lang`
 * (from the server's data) on the server and for the browser's first load; after that the browser
 * keeps the language in use, which the user may have switched since that data was loaded.
 */
export async function setupI18n(
	serverLang: UiLanguage,
	routeId: string | null = null,
	serverData?: { languages: readonly OfferedLanguage[]; translations: Messages }
): Promise<void> {
	if (serverData) {
		setOfferedLanguages(serverData.languages);
		provideTranslations(serverLang, serverData.translations);
	}
	const current = get(locale);
	const lang =
		browser && initialised && isUiLanguage(current)
			? current
			: (!initialised && rememberedLanguage()) || serverLang;
	const features = featuresFor(routeId);
	if (lang !== serverLang) {
		// A page the service worker kept, rendered in the language of that day: this device's choice
		// wins, with its translations if they can be fetched (French fills in offline).
		await fetchTranslations(lang);
		document.documentElement.lang = lang;
		document.documentElement.dir = offeredLanguage(lang)?.direction ?? 'ltr';
	}
	await loadMessages(lang, features);
	// Set after the await, right before rendering: the locale is one store for the whole process.
	inUse = features;
	initialised = true;
	locale.set(lang);
}

/** The interface language this browser remembers (its cookie), if it is an offered one. */
function rememberedLanguage(): UiLanguage | undefined {
	if (!browser) return undefined;
	const match = new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE}=([^;]*)`).exec(document.cookie);
	const lang = match ? decodeURIComponent(match[1]!) : undefined;
	return isUiLanguage(lang) ? lang : undefined;
}

/** Fetches the translators' strings of `lang` once; offline, the French fallback shows until they can. */
async function fetchTranslations(lang: UiLanguage): Promise<void> {
	if ((UI_LANGUAGES as readonly string[]).includes(lang) || translations.has(lang)) return;
	const response = await fetch(`/api/translations/${encodeURIComponent(lang)}`).catch(() => null);
	if (response?.ok) provideTranslations(lang, (await response.json()) as Messages);
}

/**
 * Loads folders a page needs only sometimes (the messages of a refused pack or a withdrawn comic on
 * the library page, whose JavaScript is budgeted), in the current language; they follow a language
 * switch until the next navigation.
 */
export async function useMessages(features: readonly string[]): Promise<void> {
	if (inUse !== 'every') inUse = [...new Set([...inUse, ...features])];
	const current = get(locale);
	await loadMessages(isUiLanguage(current) ? current : DEFAULT_LANGUAGE, features);
}

/**
 * Switches the interface to `lang` once the current page's messages in it are loaded, and
 * remembers the choice on this device: cookie for the server's first render, and the page's lang.
 */
export async function rememberLanguage(lang: UiLanguage): Promise<void> {
	await fetchTranslations(lang);
	await loadMessages(lang, inUse);
	document.cookie = `${LANGUAGE_COOKIE}=${lang}; path=/; max-age=31536000; samesite=lax`;
	document.documentElement.lang = lang;
	document.documentElement.dir = offeredLanguage(lang)?.direction ?? 'ltr';
	locale.set(lang);
}

/** The non-empty string at the dotted path `id` (`feature.key…`) of `messages`, if there is one. */
function at(messages: Messages | undefined, id: string): string | undefined {
	let node: string | Messages | undefined = messages;
	for (const part of id.split('.')) node = typeof node === 'object' ? node[part] : undefined;
	return typeof node === 'string' && node !== '' ? node : undefined;
}

/** Whether `id` shows a translator's string in `lang`, not the French fallback. */
function isTranslated(lang: string, id: string): boolean {
	return at(translations.get(lang), id) !== undefined;
}

/**
 * The locale whose plural rules (and number formats) a message uses: for a string in the language
 * itself, the rules its languages.json entry names (French when unknown); for a French string
 * shown in its place, French. The language's tag itself would not do: `Intl.PluralRules` takes the
 * device's locale instead of a tag it does not know (`taq-Tfng`).
 */
export function messageRulesLocale(lang: string, id: string): string {
	if ((UI_LANGUAGES as readonly string[]).includes(lang)) return lang;
	const language = offeredLanguage(lang);
	if (!language || !isTranslated(lang, id)) return DEFAULT_LANGUAGE;
	return pluralRulesLocale(language);
}

/** What `$t` takes besides the key: values for the message's arguments, its language, a default. */
export interface MessageOptions {
	values?: MessageValues;
	/** The language to read the message in; the interface language by default. */
	locale?: string;
	/** Shown when the message is missing, instead of its key. */
	default?: string;
}
/** `$t('feature.key', { values })`: the message `id` in the interface language, formatted. */
export type Translate = (id: string | (MessageOptions & { id: string }), options?: MessageOptions) => string;

/**
 * The message `id` in `lang`, else in French; else its `fallback` (or `id`), with a warning that
 * tests/e2e/language.e2e.ts fails on: a page showing keys lacks a folder in ROUTE_FEATURES.
 */
function message(id: string, lang: string, fallback: string | undefined): string {
	const found = at(dictionaries[lang], id) ?? at(dictionaries[DEFAULT_LANGUAGE], id);
	if (found !== undefined) return found;
	console.warn(`[i18n] The message "${id}" was not found in "${lang}".`);
	return fallback ?? id;
}

/**
 * `$t`: each message in the interface language (French for a key it lacks), formatted with its
 * values by the plural rules of `messageRulesLocale` (issue 17). A message without values is shown
 * as written, ICU quotes included.
 */
export const t: Readable<Translate> = derived([interfaceLanguage, published], ([interfaceLang]) => {
	const translate: Translate = (id, options) => {
		const asked = typeof id === 'object' ? id : { ...options, id };
		const lang = asked.locale ?? interfaceLang ?? DEFAULT_LANGUAGE;
		const text = message(asked.id, lang, asked.default);
		if (!asked.values) return text;
		try {
			return formatMessage(text, messageRulesLocale(lang, asked.id), asked.values);
		} catch (error) {
			// A broken message shows as written rather than breaking the page.
			console.warn(`[i18n] Message "${asked.id}" could not be formatted:`, (error as Error).message);
			return text;
		}
	};
	return translate;
});

/** `$date(when, { format: 'medium' })`: a date in the interface language, in a named style. */
export const date = derived(
	interfaceLanguage,
	(lang) => (when: Date | number, options?: { format?: string }) =>
		new Intl.DateTimeFormat(lang ?? DEFAULT_LANGUAGE, DATE_STYLES[options?.format ?? 'short']).format(when)
);
