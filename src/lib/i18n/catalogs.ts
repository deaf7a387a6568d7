/**
 * Every message of every language at once, for the server (JSON error bodies: src/lib/server/auth/
 * messages.ts) and the tests. Pages never import this: they load what they need through
 * `setupI18n` (./index.ts).
 */
const files = import.meta.glob<Record<string, unknown>>('./messages/*/*.json', {
	eager: true,
	import: 'default'
});

/** Messages by language, then by feature folder: `catalogs.fr.library.title`. */
export const catalogs: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, messages] of Object.entries(files)) {
	const match = /\.\/messages\/([^/]+)\/([^/]+)\.json$/.exec(file);
	if (!match) continue;
	const [, feature, lang] = match as unknown as [string, string, string];
	(catalogs[lang] ??= {})[feature] = messages;
}
