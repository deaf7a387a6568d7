import { json } from '@sveltejs/kit';
import { accountJson, jsonBody } from '$lib/server/auth/http';
import { serverMessage } from '$lib/server/auth/messages';
import { authServices } from '$lib/server/auth/server';
import type { RequestHandler } from './$types';

/** The accounts (admins only, by the access table and again by the service). */
export const GET: RequestHandler = async ({ locals }) => {
	const { accounts } = await authServices();
	return accountJson(locals.lang, () => accounts.list(locals.user));
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
