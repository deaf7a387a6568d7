import { json } from '@sveltejs/kit';
import { accountJson, jsonBody } from '$lib/server/auth/http';
import { serverMessage } from '$lib/server/auth/messages';
import { authServices } from '$lib/server/auth/server';
import type { RequestHandler } from './$types';

/** Disables or enables an account: `{ disabled: boolean }`. */
export const PATCH: RequestHandler = async ({ locals, request, params }) => {
	const body = await jsonBody(request);
	if (!body || typeof body.disabled !== 'boolean') {
		return json(
			{ code: 'bad-json', message: serverMessage(locals.lang, 'admin.error.bad-json') },
			{ status: 400 }
		);
	}
	const disabled = body.disabled;
	const { accounts } = await authServices();
	return accountJson(locals.lang, () => accounts.setDisabled(locals.user, params.id, disabled));
};
