/**
 * `npm run comics:import -- <folder or .zip> [--out <comic folder>] [--id <slug>]`: a Readium Web
 * Publication (Divina reading order + Guided Navigation) as a Kalanso comic folder, pages as WebP
 * and speech as Opus within budget. Prints what was converted, defaulted or not carried over (each
 * with its file and JSON path), then the one validation's findings; exits 1 when the comic has
 * errors (the folder is written anyway, for the author to fix).
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatIssue } from '../lib/domain/manifest/issues';
import { comicsRoot, loadComic, loadLanguages } from '../lib/server/content/comic-folder';
import { contentChecks } from '../lib/server/content/checks';
import { importPublication, readFiles, writeFiles } from '../lib/server/interop/readium';

function option(args: string[], name: string): string | undefined {
	const at = args.indexOf(name);
	return at >= 0 ? args[at + 1] : undefined;
}

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	const source = args.find((a, i) => !a.startsWith('--') && !['--out', '--id'].includes(args[i - 1] ?? ''));
	if (!source) {
		console.error('usage: npm run comics:import -- <folder or .zip> [--out <comic folder>] [--id <slug>]');
		return 2;
	}
	const root = comicsRoot();
	const languages = await loadLanguages(root);
	const base = path.basename(source).replace(/\.(readium\.)?zip$/i, '');
	const fallbackId =
		option(args, '--id') ??
		(base
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '') ||
			'imported');
	const result = await importPublication(await readFiles(path.resolve(source)), {
		fallbackId,
		knownLanguages: new Set(languages.map((l) => l.tag))
	});
	for (const issue of result.issues) console.log(formatIssue(issue));
	if (!result.files) return 1;
	const id = (JSON.parse(new TextDecoder().decode(result.files.get('comic.json')!)) as { id: string }).id;
	const out = path.resolve(option(args, '--out') ?? path.join(root, id));
	const exists = await stat(out).then(
		() => true,
		() => false
	);
	if (exists && !args.includes('--force')) {
		console.error(`${out} already exists: choose another --out, or --force to write over it`);
		return 1;
	}
	await mkdir(out, { recursive: true });
	await writeFiles(out, result.files);
	const comic = await loadComic(out, languages, await contentChecks(root));
	for (const issue of comic.issues) console.log(`${path.basename(out)}/${formatIssue(issue)}`);
	const errors = result.issues.concat(comic.issues).filter((i) => i.severity === 'error').length;
	console.log(`${path.relative(process.cwd(), out) || out}: imported, ${errors} error(s)`);
	return errors > 0 ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`comics:import could not run: ${(error as Error).message}`);
		process.exit(2);
	}
);
