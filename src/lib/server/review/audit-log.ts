/**
 * The audit log as the admin reads it (/admin/audit): content decisions (review_audit) and account
 * events (account_events) in one list, newest first, filtered by action, actor, comic and date.
 * Read-only; the workflow and the account services write the entries.
 *
 * At a national scale (thousands of accounts and comics) a page costs the same whatever their
 * number: the names looked up are those of the page's entries, and the actor and comic filters are
 * typed, with a few suggestions at a time (`auditComicChoices`, and the accounts' own paged search
 * for actors) instead of a dropdown of every value.
 */
import type { Kysely } from 'kysely';
import type { AccountEvent } from '../auth/repositories';
import type { Database } from '../db/schema';
import type { AuditAction } from './repositories';

/** Content actions, in lifecycle order (the filter lists them so). */
export const CONTENT_AUDIT_ACTIONS: readonly AuditAction[] = [
	'import',
	'start_translation',
	'submit',
	'comment',
	'resolve_comment',
	'reopen_comment',
	'rate',
	'request_changes',
	'approve',
	'reject',
	'publish',
	'withdraw',
	'delete_version'
];

/** Account actions. */
export const ACCOUNT_AUDIT_ACTIONS: readonly AccountEvent['action'][] = [
	'created',
	'password-reset',
	'password-changed',
	'disabled',
	'enabled'
];

export interface AuditLogFilter {
	action?: string;
	/** The actor's account id, or their login (what the filter's field shows and suggests). */
	actorId?: string;
	comicId?: string;
	/** First day included, `YYYY-MM-DD` (UTC). */
	from?: string;
	/** Last day included, `YYYY-MM-DD` (UTC). */
	to?: string;
}

export interface AuditLogEntry {
	kind: 'content' | 'account';
	id: string;
	at: string;
	actorId: string | null;
	action: string;
	/** Content entries: the comic and version. */
	comicId: string | null;
	versionHash: string | null;
	/** Account entries: the account acted on. */
	userId: string | null;
	detail: Record<string, string>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filter from a URL's query, keeping only well-formed values. */
export function auditFilterFrom(query: URLSearchParams): AuditLogFilter {
	const get = (key: string) => query.get(key)?.trim() || undefined;
	const day = (key: string) => {
		const value = get(key);
		return value && DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
	};
	return {
		action: get('action'),
		actorId: get('actor'),
		comicId: get('comic'),
		from: day('from'),
		to: day('to')
	};
}

/** The day after `day` (`YYYY-MM-DD`), as an ISO instant: the exclusive end of a date range. */
function dayAfter(day: string): string {
	return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();
}

/** Where a page of the log starts: entries strictly older than this one (`at|id`, in the URL). */
export interface AuditCursor {
	at: string;
	id: string;
}

/** The cursor of an entry, as the URL's `older=` carries it. */
export function auditCursorOf(entry: Pick<AuditLogEntry, 'at' | 'id'>): string {
	return `${entry.at}|${entry.id}`;
}

/** The cursor from a URL's `older=`, or undefined when absent or malformed. */
export function auditCursorFrom(value: string | null): AuditCursor | undefined {
	const bar = value?.indexOf('|') ?? -1;
	if (!value || bar < 1 || bar === value.length - 1) return undefined;
	const at = value.slice(0, bar);
	return Number.isNaN(Date.parse(at)) ? undefined : { at, id: value.slice(bar + 1) };
}

/** Comic ids suggested by the audit log's comic filter as the admin types. */
export const AUDIT_CHOICES_MAX = 20;

/**
 * The comic ids starting with `prefix` (the first AUDIT_CHOICES_MAX in order): what the comic filter
 * suggests as the admin types. Read in order from the index on `review_versions.comic_id`, stopping
 * at the limit.
 */
export async function auditComicChoices(
	db: Kysely<Database>,
	prefix: string,
	limit = AUDIT_CHOICES_MAX
): Promise<string[]> {
	// Comic ids are slugs; LIKE's wildcards and escape are dropped rather than escaped.
	const start = prefix
		.trim()
		.toLowerCase()
		.replace(/[%_\\]/g, '');
	let query = db.selectFrom('review_versions').select('comic_id').distinct();
	if (start) query = query.where('comic_id', 'like', `${start}%`);
	const rows = await query.orderBy('comic_id').limit(limit).execute();
	return rows.map((r) => r.comic_id);
}

/**
 * The newest `limit` entries matching `filter` (older than `older` when given: the next page), with
 * the display names of the accounts they mention and the account the actor filter names (given by
 * id or login). `older` in the answer is the cursor of the page after this one, null on the last.
 */
export async function readAuditLog(
	db: Kysely<Database>,
	filter: AuditLogFilter,
	limit = 300,
	older?: AuditCursor
): Promise<{
	entries: AuditLogEntry[];
	older: string | null;
	names: Record<string, string>;
	/** Ids of the demo accounts among them (labelled "démo" wherever an account appears). */
	demo: string[];
	/** The account the actor filter names, for its field; null when none or unknown. */
	actor: { id: string; username: string; name: string } | null;
}> {
	let actor: { id: string; username: string; name: string } | null = null;
	if (filter.actorId) {
		const wanted = filter.actorId;
		const row = await db
			.selectFrom('users')
			.select(['id', 'username', 'display_name'])
			.where((eb) => eb.or([eb('id', '=', wanted), eb('username', '=', wanted.toLowerCase())]))
			.executeTakeFirst();
		if (row) actor = { id: row.id, username: row.username, name: row.display_name };
		// An unknown login or id filters on itself: no entry matches, as with any unknown value.
		filter = { ...filter, actorId: row?.id ?? wanted };
	}
	const wantsContent = !filter.action || (CONTENT_AUDIT_ACTIONS as readonly string[]).includes(filter.action);
	const wantsAccount =
		!filter.comicId &&
		(!filter.action || (ACCOUNT_AUDIT_ACTIONS as readonly string[]).includes(filter.action));
	const from = filter.from ? `${filter.from}T00:00:00.000Z` : undefined;
	const before = filter.to ? dayAfter(filter.to) : undefined;

	const entries: AuditLogEntry[] = [];
	if (wantsContent) {
		let q = db.selectFrom('review_audit').selectAll();
		if (filter.action) q = q.where('action', '=', filter.action);
		if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
		if (filter.comicId) q = q.where('comic_id', '=', filter.comicId);
		if (from) q = q.where('at', '>=', from);
		if (before) q = q.where('at', '<', before);
		if (older)
			q = q.where((eb) =>
				eb.or([eb('at', '<', older.at), eb.and([eb('at', '=', older.at), eb('id', '<', older.id)])])
			);
		const rows = await q
			.orderBy('at', 'desc')
			.orderBy('id', 'desc')
			.limit(limit + 1)
			.execute();
		for (const r of rows) {
			entries.push({
				kind: 'content',
				id: r.id,
				at: r.at,
				actorId: r.actor_id,
				action: r.action,
				comicId: r.comic_id,
				versionHash: r.version_hash,
				userId: null,
				detail: JSON.parse(r.detail) as Record<string, string>
			});
		}
	}
	if (wantsAccount) {
		let q = db.selectFrom('account_events').selectAll();
		if (filter.action) q = q.where('action', '=', filter.action);
		if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
		if (from) q = q.where('at', '>=', from);
		if (before) q = q.where('at', '<', before);
		if (older)
			q = q.where((eb) =>
				eb.or([eb('at', '<', older.at), eb.and([eb('at', '=', older.at), eb('id', '<', older.id)])])
			);
		const rows = await q
			.orderBy('at', 'desc')
			.orderBy('id', 'desc')
			.limit(limit + 1)
			.execute();
		for (const r of rows) {
			entries.push({
				kind: 'account',
				id: r.id,
				at: r.at,
				actorId: r.actor_id,
				action: r.action,
				comicId: null,
				versionHash: null,
				userId: r.user_id,
				detail: {}
			});
		}
	}
	entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
	// One more than a page was read from each table: if any is left over, older entries exist.
	const next = entries.length > limit ? auditCursorOf(entries[limit - 1]!) : null;
	entries.splice(limit);

	// The names of the accounts this page mentions, not of every account.
	const ids = new Set<string>();
	for (const e of entries) {
		if (e.actorId) ids.add(e.actorId);
		if (e.userId) ids.add(e.userId);
	}
	const users = ids.size
		? await db
				.selectFrom('users')
				.select(['id', 'display_name', 'demo'])
				.where('id', 'in', [...ids])
				.execute()
		: [];
	return {
		entries,
		older: next,
		names: Object.fromEntries(users.map((u) => [u.id, u.display_name])),
		demo: users.filter((u) => u.demo === 1).map((u) => u.id),
		actor
	};
}
