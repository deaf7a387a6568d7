import { error, json } from '@sveltejs/kit';
import { isUiLanguage } from '$lib/i18n';
import { runtimeTranslations } from '$lib/server/translations/server';

/** The translators' strings for an interface language, for a switch to it in the browser. */
export async function GET({ params }) {
	if (!isUiLanguage(params.lang)) error(404, { message: `no interface language "${params.lang}"` });
	return json(await runtimeTranslations(params.lang));
}
