import { setupI18n } from '$lib/i18n';

export async function load({ data, route }) {
	// The interface language's messages for this route only, loaded before the first render and
	// before hydration (so both are translated), and again on navigation (route.id changes).
	await setupI18n(data.lang, route.id, data);
	return data;
}
