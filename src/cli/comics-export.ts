/**
 * `npm run comics:export -- <comic folder> [--out <folder or file.zip>]`: a validated comic as a
 * Readium Web Publication (Divina manifest.json, one Guided Navigation document per language, every
 * file of the comic as it is). Refuses a comic with errors (run comics:check first).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatIssue } from '../lib/domain/manifest/issues';
import { comicsRoot, loadComic, loadLanguages, MANIFEST_FILE } from '../lib/server/content/comic-folder';
import { contentChecks } from '../lib/server/content/checks';
import { exportComic, writeFiles, zipFiles } from '../lib/server/interop/readium';

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	const outAt = args.indexOf('--out');
	const out = outAt >= 0 ? args[outAt + 1] : undefined;
	const dir = args.find((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1));
	if (!dir) {
		console.error('usage: npm run comics:export -- <comic folder> [--out <folder or file.zip>]');
		return 2;
	}
	const root = comicsRoot();
	const comic = await loadComic(path.resolve(dir), await loadLanguages(root), await contentChecks(root));
	for (const issue of comic.issues) console.log(formatIssue(issue));
	if (!comic.manifest) {
		console.error(`${dir}: not exported (errors above)`);
		return 1;
	}
	const files = new Map<string, Uint8Array>();
	for (const rel of [MANIFEST_FILE, ...(comic.files ?? [])]) {
		files.set(rel, new Uint8Array(await readFile(path.join(comic.dir, rel))));
	}
	const publication = exportComic(comic.manifest, files);
	const target = path.resolve(out ?? `${comic.slug}.readium.zip`);
	if (target.endsWith('.zip')) {
		const { writeFile } = await import('node:fs/promises');
		await writeFile(target, zipFiles(publication));
	} else {
		await writeFiles(target, publication);
	}
	console.log(
		`${comic.slug}: exported to ${path.relative(process.cwd(), target) || target} (${publication.size} files)`
	);
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`comics:export could not run: ${(error as Error).message}`);
		process.exit(2);
	}
);
