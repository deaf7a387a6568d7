import { DEFAULT_LANGUAGE, type UiLanguage } from '$lib/i18n';
import { catalogs } from '$lib/i18n/catalogs';

/**
 * A translated message on the server, for JSON error bodies. Reads the bundled catalogs directly
 * (the i18n store holds one locale per process, and a server answers people in several
 * languages at once). Placeholders are `{name}`; server messages use no ICU plurals.
 */
export function serverMessage(
	lang: UiLanguage,
	key: string,
	values: Record<string, string | number> = {}
): string {
	const lookup = (l: string) =>
		key
			.split('.')
			.reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogs[l]);
	const found = lookup(lang) ?? lookup(DEFAULT_LANGUAGE);
	const template = typeof found === 'string' ? found : key;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in values ? String(values[name]) : whole
	);
}
