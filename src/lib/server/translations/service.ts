/**
 * The translation workflow (issue 17): which interface strings a language has, missing, draft or
 * reviewed; saving a translator's string after checking it against its French source; importing a
 * whole file all-or-nothing; and the strings served at run time on top of the bundled catalogs.
 * Pure of I/O besides its repository, so it is tested on fakes and on both databases.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Language } from '../../domain/languages/languages';
import { FALLBACK_LANGUAGE } from '../../domain/languages/languages';
import { flatten, nest, type Messages } from '../../i18n/fallback';
import type { StoredTranslation, TranslationRepository, TranslationStatus } from './repositories';

export const TRANSLATION_STATUSES = ['draft', 'reviewed'] as const;

/** One interface string as the translator's page shows it. */
export interface TranslationEntry {
	/** `common.nav.library` */
	key: string;
	/** The feature folder it lives in (`src/lib/i18n/messages/<feature>/`): its location in the app. */
	feature: string;
	/** The French source. */
	source: string;
	/** The English version, a second reference for the meaning. */
	reference: string | null;
	/** What the translator should know (placeholders, where it shows). */
	note: string | null;
	/** Placeholders the translation must keep, e.g. `{name}`. */
	placeholders: string[];
	translation: string | null;
	status: 'missing' | TranslationStatus;
	/** The French source changed since the translation was made: it needs a look again. */
	outdated: boolean;
}

/** Why a translation was refused: a code the interface translates (`translate.errors.<code>`). */
export class TranslationError extends Error {
	constructor(
		readonly code:
			| 'unknownLanguage'
			| 'unknownKey'
			| 'badStatus'
			| 'empty'
			| 'badSyntax'
			| 'placeholders'
			| 'badFile'
			| 'sourceChanged'
			| 'ownReview',
		readonly params: Record<string, string> = {}
	) {
		super(`${code} ${JSON.stringify(params)}`);
	}
}

/** A string to store, as a file or the page gives it; `line` names it in a refusal. */
export interface IncomingTranslation {
	key: string;
	text: string;
	status: TranslationStatus;
	/** The French source the file says it translated (PO `msgid`), checked against today's. */
	source?: string;
	line?: number;
}

export interface TranslationDeps {
	repo: TranslationRepository;
	/** The bundled catalogs by language, then feature folder (`src/lib/i18n/catalogs.ts`). */
	catalogs: Readonly<Record<string, Messages>>;
	/** comics/languages.json. */
	languages: readonly Language[];
	/** Notes for translators by key (src/lib/i18n/translator-notes.json). */
	notes?: Readonly<Record<string, string>>;
	now: () => Date;
}

/** The argument names of an ICU message (`{name}`, `{count, plural, …}`), sorted. */
export function placeholdersOf(message: string): string[] {
	const names = new Set<string>();
	const walk = (elements: MessageFormatElement[]) => {
		for (const el of elements) {
			if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
			if ('value' in el && typeof el.value === 'string' && el.type !== TYPE.tag) names.add(el.value);
			if (el.type === TYPE.plural || el.type === TYPE.select)
				for (const option of Object.values(el.options)) walk(option.value);
			if (el.type === TYPE.tag) walk(el.children);
		}
	};
	walk(parse(message, { ignoreTag: true }));
	return [...names].sort();
}

/**
 * The no-self-review rule of the translation workflow (issue 17): "reviewed" is another person's
 * word, so whoever wrote a text (or recorded a name) may not mark it reviewed. The command line
 * (`actorId` null) is the server's operator importing a catalog reviewed elsewhere.
 */
export function mayMarkReviewed(actorId: string | null, writtenBy: string | null): boolean {
	return actorId === null || writtenBy !== actorId;
}

export class TranslationService {
	readonly #source: Record<string, string>;
	readonly #reference: Record<string, string>;

	constructor(private readonly deps: TranslationDeps) {
		this.#source = flatten(deps.catalogs[FALLBACK_LANGUAGE] ?? {});
		this.#reference = flatten(deps.catalogs.en ?? {});
	}

	/** The languages a translator can translate into: every language of languages.json but French. */
	targets(): Language[] {
		return this.deps.languages.filter((l) => l.tag !== FALLBACK_LANGUAGE);
	}

	#target(lang: string): Language {
		const language = this.targets().find((l) => l.tag === lang);
		if (!language) throw new TranslationError('unknownLanguage', { lang });
		return language;
	}

	/** Every interface string with its translation into `lang` and its status, in catalog order. */
	async list(lang: string): Promise<TranslationEntry[]> {
		this.#target(lang);
		const stored = new Map((await this.deps.repo.forLanguage(lang)).map((r) => [r.key, r]));
		return Object.entries(this.#source).map(([key, source]) => {
			const row = stored.get(key);
			return {
				key,
				feature: key.split('.')[0]!,
				source,
				reference: this.#reference[key] ?? null,
				note: this.deps.notes?.[key] ?? null,
				placeholders: placeholdersOf(source),
				translation: row?.text ?? null,
				status: row?.status ?? 'missing',
				outdated: row !== undefined && row.source !== source
			};
		});
	}

	/** Checks one string against its source; returns the row to store or throws naming the line. */
	#check(actorId: string | null, lang: string, incoming: IncomingTranslation): StoredTranslation {
		const at: Record<string, string> = incoming.line !== undefined ? { line: String(incoming.line) } : {};
		const source = this.#source[incoming.key];
		if (source === undefined) throw new TranslationError('unknownKey', { key: incoming.key, ...at });
		if (incoming.source !== undefined && incoming.source !== source)
			throw new TranslationError('sourceChanged', { key: incoming.key, ...at });
		if (!(TRANSLATION_STATUSES as readonly string[]).includes(incoming.status))
			throw new TranslationError('badStatus', { key: incoming.key, ...at });
		const text = incoming.text.normalize('NFC');
		if (text.trim() === '') throw new TranslationError('empty', { key: incoming.key, ...at });
		let given: string[];
		try {
			given = placeholdersOf(text);
		} catch (error) {
			throw new TranslationError('badSyntax', {
				key: incoming.key,
				detail: error instanceof Error ? error.message : String(error),
				...at
			});
		}
		const wanted = placeholdersOf(source);
		if (given.join(',') !== wanted.join(','))
			throw new TranslationError('placeholders', {
				key: incoming.key,
				expected: wanted.map((p) => `{${p}}`).join(' ') || '-',
				found: given.map((p) => `{${p}}`).join(' ') || '-',
				...at
			});
		return {
			lang,
			key: incoming.key,
			text,
			status: incoming.status,
			source,
			updatedAt: this.deps.now().toISOString(),
			updatedBy: actorId
		};
	}

	/**
	 * Who wrote and who reviewed `row` once stored over `stored` (issue 17): the writer is whoever
	 * changed the text (a change of status alone keeps the writer and the time), and "reviewed" is
	 * another person's word: the writer marking their own text reviewed gets null (the caller
	 * refuses or keeps a draft). The command line (`actorId` null) is the server's operator importing
	 * a catalog reviewed elsewhere, so it is not a writer that can be told apart.
	 */
	#reviewed(actorId: string | null, stored: StoredTranslation | undefined, row: StoredTranslation) {
		const sameText = stored !== undefined && stored.text === row.text;
		const written = sameText
			? { updatedBy: stored.updatedBy, updatedAt: stored.updatedAt }
			: { updatedBy: row.updatedBy, updatedAt: row.updatedAt };
		if (row.status === 'draft') return { ...row, ...written, reviewedBy: null };
		if (sameText && stored.status === 'reviewed' && stored.source === row.source) return stored;
		if (!mayMarkReviewed(actorId, written.updatedBy)) return null;
		return { ...row, ...written, reviewedBy: actorId };
	}

	/**
	 * Saves one translator's string (checked against its French source). Marking reviewed a text
	 * one wrote oneself (or is writing now) is refused: another translator or a reviewer must.
	 */
	async save(actorId: string | null, lang: string, incoming: IncomingTranslation): Promise<void> {
		this.#target(lang);
		const row = this.#check(actorId, lang, incoming);
		const stored = (await this.deps.repo.forLanguage(lang)).find((r) => r.key === row.key);
		const reviewed = this.#reviewed(actorId, stored, row);
		if (!reviewed) throw new TranslationError('ownReview', { key: row.key });
		await this.deps.repo.saveAll([reviewed]);
	}

	/** Makes `key` missing again in `lang`. */
	async remove(lang: string, key: string): Promise<void> {
		this.#target(lang);
		await this.deps.repo.remove(lang, key);
	}

	/**
	 * Stores every string of an imported file, or none: all are checked first, and the first bad
	 * one refuses the whole file (naming its line); then one transaction writes them. A string the
	 * file marks reviewed (no `fuzzy` flag) that the importer wrote is stored as a draft, since
	 * another person must review it: `keptDraft` counts them.
	 */
	async importAll(
		actorId: string | null,
		lang: string,
		incoming: readonly IncomingTranslation[]
	): Promise<{ imported: number; keptDraft: number }> {
		this.#target(lang);
		const checked = incoming.map((entry) => this.#check(actorId, lang, entry));
		const stored = new Map((await this.deps.repo.forLanguage(lang)).map((r) => [r.key, r]));
		let keptDraft = 0;
		const rows = checked.map((row) => {
			const reviewed = this.#reviewed(actorId, stored.get(row.key), row);
			if (reviewed) return reviewed;
			keptDraft++;
			return this.#reviewed(actorId, stored.get(row.key), { ...row, status: 'draft' })!;
		});
		await this.deps.repo.saveAll(rows);
		return { imported: rows.length, keptDraft };
	}

	/**
	 * The strings of `lang` served at run time (draft and reviewed; the page shows a draft language's
	 * status), nested like a catalog. A translation whose source changed is still served: it is closer
	 * than French, and the translator's page lists it as outdated.
	 */
	async runtime(lang: string): Promise<Messages> {
		if (lang === FALLBACK_LANGUAGE || !this.targets().some((l) => l.tag === lang)) return {};
		const rows = await this.deps.repo.forLanguage(lang);
		return nest(Object.fromEntries(rows.filter((r) => r.key in this.#source).map((r) => [r.key, r.text])));
	}
}
