/**
 * The database as TypeScript types (STYLE.md: the schema as a type). One interface per table, in the
 * shape every engine returns it.
 *
 * Conventions so that the same queries run on SQLite and PostgreSQL:
 * - ids are text (random UUIDs made by the application), never autoincrement: the two engines spell
 *   auto-numbering differently, and text ids can be created offline.
 * - timestamps are ISO-8601 UTC text from `Date#toISOString()`: they sort and compare correctly as
 *   strings on both engines, and PostgreSQL's `bigint` would come back from `pg` as a string.
 * - booleans are `integer` 0/1: SQLite has no boolean type.
 *
 * Other features add their tables by extending `Database` here (one line per table, an integration
 * point) and by adding a later-numbered migration in `migrations/index.ts`.
 */

/** Roles a staff account can hold. Students have no accounts. */
import type { ReviewTables } from '../review/schema';
import type { ClassroomTables } from '../classroom/schema';
import type { LiveTables } from '../live/schema';
import type { LibraryTables } from '../library/schema';
import type { TranslationTables } from '../translations/schema';
import type { ScalePagingTables } from '../packs/schema';
import type { SyncTables } from '../sync/schema';

export type { RoleName } from '../../domain/roles';
import type { RoleName } from '../../domain/roles';
import type { Generated } from 'kysely';

export interface UsersTable {
	id: string;
	/** Lower-case sign-in name, unique. */
	username: string;
	display_name: string;
	role: RoleName;
	/** `scrypt$N$r$p$salt$hash` (see auth/password.ts). */
	password_hash: string;
	/** 1 after creation or an admin reset: the one-time password must be replaced at next sign-in. */
	must_change_password: number;
	disabled: number;
	/** 1 for accounts seeded for the demo (the UI may label them). */
	demo: number;
	created_at: string;
	updated_at: string;
	/** Login and display name folded for the admin's search (auth/search-key.ts); '' until set. */
	search_key: Generated<string>;
}

export interface SessionsTable {
	/** SHA-256 (hex) of the cookie token: a leaked database does not give away live sessions. */
	id: string;
	user_id: string;
	created_at: string;
	expires_at: string;
}

export interface LoginThrottleTable {
	/** `username|ip`: throttling is per account and per address. */
	key: string;
	failures: number;
	window_started_at: string;
	locked_until: string | null;
}

export interface AccountEventsTable {
	id: string;
	at: string;
	/** Who did it (null for the server itself, e.g. first-start seeding). */
	actor_id: string | null;
	/** e.g. `created`, `password-reset`, `disabled`, `enabled`, `password-changed`. */
	action: string;
	user_id: string;
}

/** Every table Kalanso's query layer knows. */
export interface Database
	extends
		ReviewTables,
		ClassroomTables,
		LiveTables,
		LibraryTables,
		TranslationTables,
		ScalePagingTables,
		SyncTables {
	users: UsersTable;
	sessions: SessionsTable;
	login_throttle: LoginThrottleTable;
	account_events: AccountEventsTable;
}
