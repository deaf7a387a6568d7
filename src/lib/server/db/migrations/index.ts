import type { Migration } from 'kysely';
import { accounts } from './001_accounts';
import { review } from '../../review/migrations/review';
import { classroom } from '../../classroom/migrations/003_classroom';
import { live } from '../../live/migrations/004_live';
import { translations } from '../../translations/migrations/005_translations';
import { library } from '../../library/migrations/006_library';
import { reviewLoop } from '../../review/migrations/007_review_loop';
import { translationReviews } from '../../translations/migrations/008_languages';
import { scalePaging } from '../../packs/migrations/009_scale_paging';
import { schoolSync } from '../../sync/migrations/010_school_sync';
import { nameRecordings } from '../../translations/migrations/011_name_recordings';
import { memoryAdmin } from '../../auth/migrations/012_memory_admin';
import { syncKeysAndReport } from '../../sync/migrations/013_sync_keys_and_report';
import { folderListings } from '../../library/migrations/014_folder_listings';

/**
 * Every migration, by name, in the order they run. Kysely runs them sorted by name, so names start
 * with a zero-padded number.
 *
 * To add tables for a feature: write `src/lib/server/<feature>/migrations/NNN_name.ts` (or put it in
 * this folder) exporting a `Migration` built with `db.schema` (so the SQL is right for both SQLite and
 * PostgreSQL), import it here with a RELATIVE path (the CLIs run through tsx, which has no `$lib`), and
 * add one line below with the next free number. Never edit or renumber a migration that has shipped:
 * databases in schools have already run it.
 */
export const migrations: Record<string, Migration> = {
	'001_accounts': accounts,
	'002_review': review,
	'003_classroom': classroom,
	'004_live': live,
	'005_translations': translations,
	'006_library': library,
	'007_review_loop': reviewLoop,
	'008_languages': translationReviews,
	'009_scale_paging': scalePaging,
	'010_school_sync': schoolSync,
	'011_name_recordings': nameRecordings,
	'012_memory_admin': memoryAdmin,
	'013_sync_keys_and_report': syncKeysAndReport,
	'014_folder_listings': folderListings
};
