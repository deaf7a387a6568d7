import { database } from '$lib/server/db/server';
import {
	ACCOUNT_AUDIT_ACTIONS,
	auditFilterFrom,
	CONTENT_AUDIT_ACTIONS,
	readAuditLog
} from '$lib/server/review/audit-log';
import type { PageServerLoad } from './$types';

/** The audit log for admins: content decisions and account events, filtered by the query string. */
export const load: PageServerLoad = async ({ url }) => {
	const { db } = await database();
	const filter = auditFilterFrom(url.searchParams);
	return {
		filter,
		...(await readAuditLog(db, filter)),
		contentActions: CONTENT_AUDIT_ACTIONS,
		accountActions: ACCOUNT_AUDIT_ACTIONS
	};
};
