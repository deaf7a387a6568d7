/**
 * The process-wide translation service and what the root layout serves: the languages offered as an
 * interface and the strings translators gave for one of them.
 */
import { catalogs } from '$lib/i18n/catalogs';
import type { OfferedLanguage } from '$lib/i18n';
import type { Messages } from '$lib/i18n/fallback';
import { comicsRoot, loadLanguages } from '../content/comic-folder';
import { database } from '../db/server';
import notesFile from './notes.json';
import { offeredFrom, PSEUDO_ACCENTED, PSEUDO_RTL, pseudoCatalog, pseudoLocalesEnabled } from './pseudo';
import { kyselyTranslationRepository } from './repositories';
import { TranslationService } from './service';

const { $comment: _comment, ...notes } = notesFile as Record<string, string>;

let service: Promise<TranslationService> | undefined;

export function translationService(): Promise<TranslationService> {
	service ??= (async () => {
		const [{ db }, languages] = await Promise.all([database(), loadLanguages(comicsRoot())]);
		return new TranslationService({
			repo: kyselyTranslationRepository(db),
			catalogs: catalogs as Record<string, Messages>,
			languages,
			notes,
			now: () => new Date()
		});
	})().catch((error: unknown) => {
		service = undefined;
		throw error;
	});
	return service;
}

let offered: Promise<OfferedLanguage[]> | undefined;

/** The interface languages: languages.json's `ui` entries, and the pseudo-locales when enabled. */
export function serverOfferedLanguages(): Promise<OfferedLanguage[]> {
	offered ??= loadLanguages(comicsRoot())
		.then((languages) => offeredFrom(languages))
		.catch((error: unknown) => {
			offered = undefined;
			throw error;
		});
	return offered;
}

/** The strings served for `lang` on top of its bundled or French messages. */
export async function runtimeTranslations(lang: string): Promise<Messages> {
	if (lang === PSEUDO_ACCENTED || lang === PSEUDO_RTL) {
		if (!pseudoLocalesEnabled()) return {};
		return pseudoCatalog(catalogs.fr as Messages, lang === PSEUDO_RTL);
	}
	return (await translationService()).runtime(lang);
}
