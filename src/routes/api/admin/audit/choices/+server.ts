import { json } from '@sveltejs/kit';
import { accountJson } from '$lib/server/auth/http';
import { authServices } from '$lib/server/auth/server';
import { database } from '$lib/server/db/server';
import { AUDIT_CHOICES_MAX, auditComicChoices } from '$lib/server/review/audit-log';
import type { RequestHandler } from './$types';

/**
 * What the audit log's filters suggest as the admin types (admins only, by the access table):
 * `?field=actor&q=traore`: accounts found by the admin list's own search (words of the login or
 * name, accents ignored; its first page), as `{ value: login, label: name }`;
 * `?field=comic&q=tre`: comic ids starting so. A few at a time, whatever the number of each.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const q = url.searchParams.get('q') ?? '';
	const field = url.searchParams.get('field');
	if (field === 'comic') {
		const { db } = await database();
		const comics = await auditComicChoices(db, q);
		return json({ choices: comics.map((comic) => ({ value: comic, label: comic })) });
	}
	if (field === 'actor') {
		const { accounts } = await authServices();
		return accountJson(locals.lang, async () => {
			const page = await accounts.page(locals.user, { q });
			return {
				choices: page.items
					.slice(0, AUDIT_CHOICES_MAX)
					.map((a) => ({ value: a.username, label: a.displayName }))
			};
		});
	}
	return json({ error: 'field', reason: 'field must be "actor" or "comic"' }, { status: 400 });
};
