import { database } from '$lib/server/db/server';
import {
	ACCOUNT_AUDIT_ACTIONS,
	auditCursorFrom,
	auditFilterFrom,
	CONTENT_AUDIT_ACTIONS,
	readAuditLog
} from '$lib/server/review/audit-log';
import type { PageServerLoad } from './$types';

/**
 * The audit log for admins: content decisions and account events, filtered by the query string,
 * 300 a page; `older=` (a cursor: the last entry of the page before) reaches older entries. The
 * actor (id or login) and comic filters are typed, with suggestions from /api/admin/audit/choices.
 */
export const load: PageServerLoad = async ({ url }) => {
	const { db } = await database();
	const filter = auditFilterFrom(url.searchParams);
	const older = auditCursorFrom(url.searchParams.get('older'));
	return {
		filter,
		paged: older !== undefined,
		...(await readAuditLog(db, filter, undefined, older)),
		contentActions: CONTENT_AUDIT_ACTIONS,
		accountActions: ACCOUNT_AUDIT_ACTIONS
	};
};
