import type { Cookies } from '@sveltejs/kit';

/** The session cookie's name. */
export const SESSION_COOKIE = 'kalanso-session';

/**
 * Sets the session cookie at sign-in: httpOnly (scripts cannot read it), SameSite=Lax (not sent on
 * cross-site POSTs; with the origin check in guard.ts this stops CSRF), Secure when the browser came
 * over https (`isHttps`: a school LAN often serves plain http, where a Secure cookie would never come
 * back). It lives until the session's absolute end; the idle timeout is enforced on the server, so
 * the cookie is written only once.
 */
export function setSessionCookie(cookies: Cookies, secure: boolean, token: string, endsAt: Date): void {
	cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: endsAt });
}

/** Removes the session cookie (sign-out, or a session the server no longer knows). */
export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax' });
}
