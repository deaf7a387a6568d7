/**
 * `npm run quiz:qti -- export <comic folder> [--out <package folder or .zip>]`: the comic's quiz as an
 * IMS QTI 3.0 package. `npm run quiz:qti -- import <package folder or .zip> <comic folder>`: a QTI
 * package's items as the comic's quiz.json (only where it has none), then the one validation.
 * Everything not carried either way is printed with its file and path.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatIssue } from '../lib/domain/manifest/issues';
import type { Quiz } from '../lib/domain/quiz/schema';
import { comicsRoot, loadComic, loadLanguages } from '../lib/server/content/comic-folder';
import { contentChecks } from '../lib/server/content/checks';
import { readFiles, writeFiles, zipFiles } from '../lib/server/interop/readium';
import { exportQti, importQti } from '../lib/server/interop/qti';

async function main(): Promise<number> {
	const [command, first, second] = process.argv
		.slice(2)
		.filter((a, i, all) => a !== '--out' && all[i - 1] !== '--out');
	const outAt = process.argv.indexOf('--out');
	const root = comicsRoot();
	const languages = await loadLanguages(root);
	const checks = await contentChecks(root);
	if (command === 'export' && first) {
		const comic = await loadComic(path.resolve(first), languages, checks);
		if (!comic.manifest) {
			for (const issue of comic.issues) console.log(formatIssue(issue));
			return 1;
		}
		const quiz = JSON.parse(await readFile(path.join(comic.dir, 'quiz.json'), 'utf8')) as Quiz;
		const { files, issues } = exportQti(quiz, comic.manifest);
		for (const issue of issues) console.log(formatIssue(issue));
		const out = path.resolve(outAt > 0 ? process.argv[outAt + 1]! : `${comic.slug}.qti.zip`);
		if (out.endsWith('.zip')) await writeFile(out, zipFiles(files));
		else await writeFiles(out, files);
		console.log(`${comic.slug}: quiz exported to ${path.relative(process.cwd(), out)}`);
		return 0;
	}
	if (command === 'import' && first && second) {
		const dir = path.resolve(second);
		const target = path.join(dir, 'quiz.json');
		if (
			await stat(target).then(
				() => true,
				() => false
			)
		) {
			console.error(`${target} exists: move it away first`);
			return 1;
		}
		const manifest = JSON.parse(await readFile(path.join(dir, 'comic.json'), 'utf8')) as Parameters<
			typeof importQti
		>[1] & { id: string };
		const { questions, issues } = importQti(await readFiles(path.resolve(first)), manifest);
		for (const issue of issues) console.log(formatIssue(issue));
		await writeFile(
			target,
			JSON.stringify({ schemaVersion: 1, comic: manifest.id, questions }, null, '\t') + '\n'
		);
		const comic = await loadComic(dir, languages, checks);
		for (const issue of comic.issues) console.log(formatIssue(issue));
		return comic.manifest ? 0 : 1;
	}
	console.error(
		'usage: npm run quiz:qti -- export <comic folder> [--out <folder or .zip>] | import <package> <comic folder>'
	);
	return 2;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`quiz:qti could not run: ${(error as Error).message}`);
		process.exit(2);
	}
);
