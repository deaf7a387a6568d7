import { accountJson } from '$lib/server/auth/http';
import { authServices } from '$lib/server/auth/server';
import type { RequestHandler } from './$types';

/** Resets an account's password; answers the new one-time password once. */
export const POST: RequestHandler = async ({ locals, params }) => {
	const { accounts } = await authServices();
	return accountJson(locals.lang, () => accounts.resetPassword(locals.user, params.id));
};
