import { fail } from '@sveltejs/kit';
import { AccountError, accountQueryFrom } from '$lib/server/auth/account-service';
import { ROLES } from '$lib/server/auth/roles';
import { authServices } from '$lib/server/auth/server';
import { setupQr } from '$lib/server/tls/setup';
import type { Actions, PageServerLoad } from './$types';

/** `?q=traore&role=teacher&page=2`: a page of the accounts (25), searched by login or name, of one role. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { accounts } = await authServices();
	return {
		accounts: await accounts.page(locals.user, accountQueryFrom(url.searchParams)),
		demoAccounts: await accounts.demoAccounts(locals.user),
		roles: ROLES,
		me: locals.user!.id,
		setupQr: setupQr(url)
	};
};

/**
 * Runs an admin action and answers the form: `ok` shapes the success; a refusal becomes a form
 * failure with its code (translated on the page as `admin.error.<code>`), keeping `keep` for the form.
 */
async function attempt<T, R extends Record<string, unknown>>(
	action: () => Promise<T>,
	ok: (value: T) => R,
	keep: Record<string, string> = {}
) {
	try {
		return ok(await action());
	} catch (error) {
		if (error instanceof AccountError) return fail(error.status, { error: error.code, ...keep });
		throw error;
	}
}

async function idFrom(request: Request): Promise<string> {
	return String((await request.formData()).get('id') ?? '');
}

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		const input = {
			username: String(form.get('username') ?? ''),
			displayName: String(form.get('displayName') ?? ''),
			role: String(form.get('role') ?? '')
		};
		const { accounts } = await authServices();
		// The one-time password travels once, in this answer; it is stored only as a hash.
		return attempt(
			() => accounts.create(locals.user, input),
			(r) => ({ done: 'created' as const, username: r.account.username, password: r.password }),
			input
		);
	},
	reset: async ({ request, locals }) => {
		const id = await idFrom(request);
		const { accounts } = await authServices();
		return attempt(
			() => accounts.resetPassword(locals.user, id),
			(r) => ({ done: 'reset' as const, username: r.account.username, password: r.password })
		);
	},
	disable: async ({ request, locals }) => {
		const id = await idFrom(request);
		const { accounts } = await authServices();
		return attempt(
			() => accounts.setDisabled(locals.user, id, true),
			(a) => ({ done: 'disabled' as const, username: a.username })
		);
	},
	/** Before going live: every demo account off at once (issue 11: demo accounts can approve content). */
	disableDemo: async ({ locals }) => {
		const { accounts } = await authServices();
		return attempt(
			() => accounts.disableDemoAccounts(locals.user),
			(disabled) => ({ done: 'demoDisabled' as const, username: '', count: disabled.length })
		);
	},
	enable: async ({ request, locals }) => {
		const id = await idFrom(request);
		const { accounts } = await authServices();
		return attempt(
			() => accounts.setDisabled(locals.user, id, false),
			(a) => ({ done: 'enabled' as const, username: a.username })
		);
	}
};
