import type { Handle } from '@sveltejs/kit';
import { DEFAULT_LANGUAGE, LANGUAGE_COOKIE, isUiLanguage } from '$lib/i18n';

/** The interface language comes from the device's cookie (French by default), never from the network. */
export const handle: Handle = async ({ event, resolve }) => {
	const cookie = event.cookies.get(LANGUAGE_COOKIE);
	event.locals.lang = isUiLanguage(cookie) ? cookie : DEFAULT_LANGUAGE;
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
	});
};
