import { safeReturnPath } from '$lib/domain/navigation/safe-path';
import { fail, redirect } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/server/auth/cookies';
import { HOME_BY_ROLE } from '$lib/server/auth/home';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import { authServices } from '$lib/server/auth/server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => ({
	oneTime: locals.user?.mustChangePassword ?? false,
	next: safeReturnPath(url.searchParams.get('next')) ?? '',
	min: PASSWORD_MIN_LENGTH,
	max: PASSWORD_MAX_LENGTH
});

export const actions: Actions = {
	default: async ({ request, locals, cookies }) => {
		// The access table admits only signed-in staff here.
		const user = locals.user!;
		const form = await request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('new') ?? '');
		const confirm = String(form.get('confirm') ?? '');
		if (next !== confirm) return fail(400, { error: 'mismatch' as const });
		const { auth } = await authServices();
		const result = await auth.changePassword(user.id, current, next, cookies.get(SESSION_COOKIE));
		if (!result.ok) return fail(400, { error: result.reason });
		const destination = safeReturnPath(String(form.get('next') ?? '')) ?? '';
		if (destination) redirect(303, destination);
		if (user.mustChangePassword) redirect(303, HOME_BY_ROLE[user.role]);
		return { done: true };
	}
};
