import { json } from '@sveltejs/kit';
import { accountQueryFrom } from '$lib/server/auth/account-service';
import { accountJson, jsonBody } from '$lib/server/auth/http';
import { serverMessage } from '$lib/server/auth/messages';
import { authServices } from '$lib/server/auth/server';
import type { RequestHandler } from './$types';

/**
 * A page of the accounts (admins only, by the access table and again by the service), the page the
 * admin page shows for the same query: `?q=traore&role=teacher&page=2` answers
 * `{ items, total, page, pages, q, role }`, 25 accounts at most, in two queries.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { accounts } = await authServices();
	return accountJson(locals.lang, () => accounts.page(locals.user, accountQueryFrom(url.searchParams)));
};

/** Creates an account from `{ username, displayName, role }`; answers its one-time password once. */
export const POST: RequestHandler = async ({ locals, request }) => {
	const body = await jsonBody(request);
	if (!body)
		return json(
			{ code: 'bad-json', message: serverMessage(locals.lang, 'admin.error.bad-json') },
			{ status: 400 }
		);
	const { accounts } = await authServices();
	return accountJson(
		locals.lang,
		() =>
			accounts.create(locals.user, {
				username: String(body.username ?? ''),
				displayName: String(body.displayName ?? ''),
				role: String(body.role ?? '')
			}),
		201
	);
};
