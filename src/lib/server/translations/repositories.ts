/** Where translations are stored: the interface the service needs, and its SQL implementation. */
import type { Kysely } from 'kysely';
import type { TranslationTables } from './schema';

export type TranslationStatus = 'draft' | 'reviewed';

export interface StoredTranslation {
	lang: string;
	key: string;
	text: string;
	status: TranslationStatus;
	/** The French source it was made from. */
	source: string;
	/** When and by whom the text was written; a change of status alone leaves them. */
	updatedAt: string;
	updatedBy: string | null;
	/** Who marked it reviewed, never its writer; null while a draft (or reviewed before migration 008). */
	reviewedBy?: string | null;
}

export interface TranslationRepository {
	/** Every stored translation of `lang`. */
	forLanguage(lang: string): Promise<StoredTranslation[]>;
	/** Inserts or replaces all `rows` at once: either all are stored or none (one transaction). */
	saveAll(rows: readonly StoredTranslation[]): Promise<void>;
	/** Removes the translation of `key` in `lang` (the string is missing again). */
	remove(lang: string, key: string): Promise<void>;
}

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

export function kyselyTranslationRepository<DB extends TranslationTables>(
	database: Kysely<DB>
): TranslationRepository {
	// The generic keeps callers' `Kysely<Database>`; queries only touch this feature's table.
	const db = database as unknown as Kysely<TranslationTables>;
	return {
		async forLanguage(lang) {
			const rows = await db
				.selectFrom('ui_translations')
				.selectAll()
				.where('lang', '=', lang)
				.orderBy('key')
				.execute();
			return rows.map((r) => ({
				lang: r.lang,
				key: r.key,
				text: r.text,
				status: r.status === 'reviewed' ? 'reviewed' : 'draft',
				source: r.source,
				updatedAt: r.updated_at,
				updatedBy: r.updated_by,
				reviewedBy: r.reviewed_by
			}));
		},
		async saveAll(rows) {
			if (rows.length === 0) return;
			await db.transaction().execute(async (trx) => {
				for (let i = 0; i < rows.length; i += CHUNK) {
					await trx
						.insertInto('ui_translations')
						.values(
							rows.slice(i, i + CHUNK).map((r) => ({
								lang: r.lang,
								key: r.key,
								text: r.text,
								status: r.status,
								source: r.source,
								updated_at: r.updatedAt,
								updated_by: r.updatedBy,
								reviewed_by: r.reviewedBy ?? null
							}))
						)
						.onConflict((oc) =>
							oc.columns(['lang', 'key']).doUpdateSet((eb) => ({
								text: eb.ref('excluded.text'),
								status: eb.ref('excluded.status'),
								source: eb.ref('excluded.source'),
								updated_at: eb.ref('excluded.updated_at'),
								updated_by: eb.ref('excluded.updated_by'),
								reviewed_by: eb.ref('excluded.reviewed_by')
							}))
						)
						.execute();
				}
			});
		},
		async remove(lang, key) {
			await db.deleteFrom('ui_translations').where('lang', '=', lang).where('key', '=', key).execute();
		}
	};
}

/** The same contract in memory, for unit tests of the service. */
export function memoryTranslationRepository(): TranslationRepository & {
	rows: Map<string, StoredTranslation>;
} {
	const rows = new Map<string, StoredTranslation>();
	return {
		rows,
		async forLanguage(lang) {
			return [...rows.values()].filter((r) => r.lang === lang).sort((a, b) => (a.key < b.key ? -1 : 1));
		},
		async saveAll(list) {
			for (const r of list) rows.set(`${r.lang}|${r.key}`, { ...r });
		},
		async remove(lang, key) {
			rows.delete(`${lang}|${key}`);
		}
	};
}
