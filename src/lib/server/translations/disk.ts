/**
 * The bundled catalogs and translators' notes read from disk, for the CLI (which runs through tsx,
 * without Vite's `import.meta.glob` that src/lib/i18n/catalogs.ts uses).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Messages } from '../../i18n/fallback';

/** `src/lib/i18n/messages/<feature>/<lang>.json` as `{ [lang]: { [feature]: messages } }`. */
export async function readCatalogs(
	dir = path.resolve('src/lib/i18n/messages')
): Promise<Record<string, Messages>> {
	const catalogs: Record<string, Messages> = {};
	for (const feature of (await readdir(dir)).sort()) {
		for (const file of await readdir(path.join(dir, feature))) {
			const match = /^(.+)\.json$/.exec(file);
			if (!match) continue;
			(catalogs[match[1]!] ??= {})[feature] = JSON.parse(
				await readFile(path.join(dir, feature, file), 'utf8')
			) as Messages;
		}
	}
	return catalogs;
}

/** The translators' notes (notes.json beside this module), without its `$comment`. */
export async function readNotes(
	file = path.resolve('src/lib/server/translations/notes.json')
): Promise<Record<string, string>> {
	const { $comment: _comment, ...notes } = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
	return notes;
}
