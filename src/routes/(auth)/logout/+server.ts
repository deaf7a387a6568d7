import { redirect } from '@sveltejs/kit';
import { clearSessionCookie, SESSION_COOKIE } from '$lib/server/auth/cookies';
import { authServices } from '$lib/server/auth/server';
import type { RequestHandler } from './$types';

/** Signs out: ends the server-side session and clears the cookie. POST only (a link cannot sign out). */
export const POST: RequestHandler = async ({ cookies }) => {
	const token = cookies.get(SESSION_COOKIE);
	if (token) await (await authServices()).auth.logout(token);
	clearSessionCookie(cookies);
	redirect(303, '/');
};
