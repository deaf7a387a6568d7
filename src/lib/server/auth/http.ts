import { json } from '@sveltejs/kit';
import type { UiLanguage } from '$lib/i18n';
import { AccountError } from './account-service';
import { serverMessage } from './messages';

/**
 * Runs an admin API action and turns a refused action into its status with a translated
 * `{ code, message }` body; anything else is a server error and propagates.
 */
export async function accountJson<T>(
	lang: UiLanguage,
	action: () => Promise<T>,
	status = 200
): Promise<Response> {
	try {
		return json(await action(), { status });
	} catch (error) {
		if (error instanceof AccountError) {
			return json(
				{ code: error.code, message: serverMessage(lang, `admin.error.${error.code}`) },
				{ status: error.status }
			);
		}
		throw error;
	}
}

/** Parses a JSON body, or null when it is not JSON. */
export async function jsonBody(request: Request): Promise<Record<string, unknown> | null> {
	try {
		const body: unknown = await request.json();
		return typeof body === 'object' && body !== null && !Array.isArray(body)
			? (body as Record<string, unknown>)
			: null;
	} catch (error) {
		if (error instanceof SyntaxError) return null;
		throw error;
	}
}
