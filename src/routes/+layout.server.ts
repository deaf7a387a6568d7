import { withNameRecordings } from '$lib/server/translations/name-recordings-server';
import { runtimeTranslations, serverOfferedLanguages } from '$lib/server/translations/server';

export async function load({ locals }) {
	const user = locals.user;
	const [languages, translations] = await Promise.all([
		serverOfferedLanguages()
			.then(withNameRecordings)
			.catch((e: unknown) => {
				console.warn('[languages] comics/languages.json unreadable: bundled languages only', e);
				return [];
			}),
		runtimeTranslations(locals.lang).catch((e: unknown) => {
			console.warn(`[languages] translations of "${locals.lang}" unavailable: French shows`, e);
			return {};
		})
	]);
	return {
		lang: locals.lang,
		// The interface languages (comics/languages.json) and the translators' strings for this one.
		languages,
		translations,
		// Only what the header needs; never the password hash or session token.
		user: user
			? { username: user.username, displayName: user.displayName, role: user.role, demo: user.demo }
			: null
	};
}
