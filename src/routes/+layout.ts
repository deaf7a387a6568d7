import { setupI18n } from '$lib/i18n';

export function load({ data }) {
	// Catalogs are bundled, so this is synchronous and the first render is already translated.
	setupI18n(data.lang);
	return data;
}
