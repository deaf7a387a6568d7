import { json } from '@sveltejs/kit';
import type { UiLanguage } from '$lib/i18n';
import { serverMessage } from '../auth/messages';
import { LiveError } from './service';

/** Runs a live request: a refusal becomes `{ code, message }` with its status, in the user's language. */
export async function liveJson<T>(lang: UiLanguage, run: () => Promise<T>): Promise<Response> {
	try {
		return json(await run());
	} catch (error) {
		if (!(error instanceof LiveError)) throw error;
		return liveRefusal(lang, error.status, error.code);
	}
}

export function liveRefusal(lang: UiLanguage, status: number, code: string): Response {
	return json({ code, message: serverMessage(lang, `live.error.${code}`) }, { status });
}
