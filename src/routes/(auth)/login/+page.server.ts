import { safeReturnPath } from '$lib/domain/navigation/safe-path';
import { fail, redirect } from '@sveltejs/kit';
import { clientAddress } from '$lib/server/auth/client-address';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { isHttps, PASSWORD_PATH } from '$lib/server/auth/guard';
import { HOME_BY_ROLE } from '$lib/server/auth/home';
import { authServices } from '$lib/server/auth/server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => {
	const reason = url.searchParams.get('reason');
	return {
		reason: reason === 'sign-in' || reason === 'forbidden' ? reason : null,
		next: safeReturnPath(url.searchParams.get('next')) ?? '',
		role: locals.user?.role ?? null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const username = String(form.get('username') ?? '');
		const password = String(form.get('password') ?? '');
		const next = safeReturnPath(String(form.get('next') ?? '')) ?? '';
		if (!username.trim() || !password) return fail(400, { username, error: 'missing' as const });

		const { auth } = await authServices();
		const result = await auth.login(username, password, clientAddress(event));
		if (!result.ok) {
			const minutes = result.reason === 'throttled' ? Math.ceil(result.retryAfterMs / 60_000) : 0;
			return fail(result.reason === 'throttled' ? 429 : 400, { username, error: result.reason, minutes });
		}
		setSessionCookie(event.cookies, isHttps(event), result.token, result.endsAt);
		const destination = next || HOME_BY_ROLE[result.user.role];
		if (result.user.mustChangePassword)
			redirect(303, `${PASSWORD_PATH}?next=${encodeURIComponent(destination)}`);
		redirect(303, destination);
	}
};
