/**
 * `npm run translations -- export <lang> [file.po]` and `npm run translations -- import <lang> <file.po>`:
 * the interface strings of a language as a gettext PO file for translators' tools, and back into the
 * server's database (the same checks as the /translate page; a bad file is refused whole, naming
 * the line, and nothing is stored). Uses the server's database (`KALANSO_DATA` or `DATABASE_URL`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { comicsRoot, loadLanguages } from '../lib/server/content/comic-folder';
import { configFromEnv, openDatabase } from '../lib/server/db/connection';
import { migrateToLatest } from '../lib/server/db/migrate';
import { readCatalogs, readNotes } from '../lib/server/translations/disk';
import { exportPo, importPo } from '../lib/server/translations/po';
import { kyselyTranslationRepository } from '../lib/server/translations/repositories';
import { TranslationError, TranslationService } from '../lib/server/translations/service';

const USAGE = 'usage: npm run translations -- export <lang> [file.po] | import <lang> <file.po>';

async function main(): Promise<number> {
	const [command, lang, file] = process.argv.slice(2);
	if (!lang || (command !== 'export' && command !== 'import') || (command === 'import' && !file)) {
		console.error(USAGE);
		return 2;
	}
	const open = await openDatabase(configFromEnv());
	try {
		await migrateToLatest(open);
		const service = new TranslationService({
			repo: kyselyTranslationRepository(open.db),
			catalogs: await readCatalogs(),
			languages: await loadLanguages(comicsRoot()),
			notes: await readNotes(),
			now: () => new Date()
		});
		if (command === 'export') {
			const po = exportPo(lang, await service.list(lang));
			if (file) {
				await writeFile(file, po);
				console.log(`Written: ${file}`);
			} else process.stdout.write(po);
			return 0;
		}
		const { imported } = await service.importAll(null, lang, importPo(lang, await readFile(file!, 'utf8')));
		console.log(`${imported} string(s) of "${lang}" imported from ${file}.`);
		return 0;
	} catch (error) {
		if (error instanceof TranslationError) {
			const { line, ...rest } = error.params;
			console.error(
				`${file ?? ''}${line ? `:${line}` : ''}: refused (${error.code}) ${JSON.stringify(rest)}. Nothing was stored.`
			);
			return 1;
		}
		throw error;
	} finally {
		await open.close();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	}
);
