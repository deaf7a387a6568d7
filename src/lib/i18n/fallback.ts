/**
 * French fallback, string by string: the messages of an interface language are the French source
 * with each string a translator has given replaced by its translation. A key nobody translated yet
 * shows in French, never as its key, and a translation whose key no longer exists in the source is
 * dropped (the source decides which strings exist).
 */

/** Nested messages of one feature folder, or a whole catalog. */
export type Messages = { [key: string]: string | Messages };

/** `source` with every string that `translations` has at the same path replaced by it. */
export function withFallback(source: Messages, translations: Messages | undefined): Messages {
	const merged: Messages = {};
	for (const [key, value] of Object.entries(source)) {
		const given = translations?.[key];
		if (typeof value === 'string') merged[key] = typeof given === 'string' && given !== '' ? given : value;
		else merged[key] = withFallback(value, typeof given === 'object' ? given : undefined);
	}
	return merged;
}

/** `{ "common.nav.library": "…" }` → `{ common: { nav: { library: "…" } } }`. */
export function nest(flat: Readonly<Record<string, string>>): Messages {
	const root: Messages = {};
	for (const [path, text] of Object.entries(flat)) {
		const parts = path.split('.');
		let node = root;
		for (const part of parts.slice(0, -1)) {
			const next = node[part];
			node = typeof next === 'object' ? next : (node[part] = {});
		}
		node[parts[parts.length - 1]!] = text;
	}
	return root;
}

/** Every string of `messages` by its dotted path, in order: the inverse of `nest`. */
export function flatten(messages: Messages, prefix = ''): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [key, value] of Object.entries(messages)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (typeof value === 'string') flat[path] = value;
		else Object.assign(flat, flatten(value, path));
	}
	return flat;
}
