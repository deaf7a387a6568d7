/**
 * Message catalogs as gettext PO files, the format every translators' tool reads (Poedit, Weblate,
 * Lokalize, OmegaT), read and written by `gettext-parser` (the PO library of the Node ecosystem,
 * maintained since 2012, no dependencies beyond encoding): a translation can be done outside the app
 * and imported back.
 *
 * One entry per interface string: `msgctxt` is its key (unique, so two identical French strings
 * with different meanings stay apart), `msgid` the French source, `msgstr` the translation, the
 * `fuzzy` flag a draft awaiting review (PO's own meaning of it), `#.` the note and English reference,
 * `#:` its location (the feature folder).
 */
import { po, type GetTextTranslation, type GetTextTranslations } from 'gettext-parser';
import { TranslationError, type IncomingTranslation, type TranslationEntry } from './service';

/** Writes `entries` (from `TranslationService.list`) as a PO file for `lang`. */
export function exportPo(lang: string, entries: readonly TranslationEntry[]): string {
	const context: Record<string, GetTextTranslation> = {};
	for (const e of entries) {
		const extracted = [
			e.note,
			e.reference !== null ? `English: ${e.reference}` : null,
			e.placeholders.length > 0 ? `Keep: ${e.placeholders.map((p) => `{${p}}`).join(' ')}` : null
		].filter((c): c is string => c !== null);
		context[e.key] = {
			msgctxt: e.key,
			msgid: e.source,
			msgstr: [e.translation ?? ''],
			comments: {
				extracted: extracted.join('\n'),
				reference: `src/lib/i18n/messages/${e.feature}/fr.json`,
				...(e.status === 'draft' || e.outdated ? { flag: 'fuzzy' } : {})
			} as GetTextTranslation['comments']
		};
	}
	const translations: Record<string, Record<string, GetTextTranslation>> = {
		'': { '': { msgid: '', msgstr: [''] } }
	};
	for (const [key, entry] of Object.entries(context)) translations[key] = { [entry.msgid]: entry };
	return po
		.compile(
			{
				charset: 'utf-8',
				headers: {
					'Project-Id-Version': 'Kalanso',
					Language: lang,
					'Content-Type': 'text/plain; charset=UTF-8',
					'Content-Transfer-Encoding': '8bit'
				},
				translations
			},
			{ foldLength: 0 }
		)
		.toString('utf8');
}

/**
 * Reads a PO file for `lang`: every translated entry (an empty `msgstr` is a string still missing).
 * Refuses, with what is wrong and where, a file that is not PO, is for another language, or has an
 * entry without a key.
 */
export function importPo(lang: string, text: string): IncomingTranslation[] {
	let parsed: GetTextTranslations;
	try {
		parsed = po.parse(text, { validation: true });
	} catch (error) {
		throw new TranslationError('badFile', { detail: error instanceof Error ? error.message : String(error) });
	}
	const fileLang = parsed.headers?.Language ?? parsed.headers?.language;
	if (fileLang && fileLang !== lang)
		throw new TranslationError('badFile', { detail: `Language: ${fileLang} ≠ ${lang}` });
	const lines = text.split(/\r?\n/);
	const lineOf = (key: string) => {
		const quoted = `msgctxt ${JSON.stringify(key)}`;
		const index = lines.findIndex((l) => l.trim() === quoted);
		return index >= 0 ? index + 1 : undefined;
	};
	const incoming: IncomingTranslation[] = [];
	for (const [ctx, entries] of Object.entries(parsed.translations)) {
		for (const entry of Object.values(entries)) {
			if (ctx === '' && entry.msgid === '') continue; // the header
			if (ctx === '') {
				const index = lines.findIndex((l) => l.trim() === `msgid ${JSON.stringify(entry.msgid)}`);
				throw new TranslationError('badFile', {
					detail: `msgid ${JSON.stringify(entry.msgid)} has no msgctxt (the key of the string)`,
					...(index >= 0 ? { line: String(index + 1) } : {})
				});
			}
			const translated = entry.msgstr[0] ?? '';
			if (translated === '') continue;
			const fuzzy = /\bfuzzy\b/.test(entry.comments?.flag ?? '');
			const line = lineOf(ctx);
			incoming.push({
				key: ctx,
				text: translated,
				status: fuzzy ? 'draft' : 'reviewed',
				source: entry.msgid,
				...(line !== undefined ? { line } : {})
			});
		}
	}
	return incoming;
}
