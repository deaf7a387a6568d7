/**
 * `npm run comics:check [folder…]`: validates every comic (or the folders given) and prints each
 * problem as `file: JSON path: reason`. Exits 1 on any error, 0 otherwise (warnings allowed).
 */
import path from 'node:path';
import { formatIssue } from '../lib/domain/manifest/issues';
import { comicsRoot, listComicDirs, loadComic, loadLanguages } from '../lib/server/content/comic-folder';
import { contentChecks } from '../lib/server/content/checks';
import { letteredLanguages } from '../lib/domain/reader/lettering';

async function main(): Promise<number> {
	const root = comicsRoot();
	const args = process.argv.slice(2);
	const dirs = args.length > 0 ? args.map((a) => path.resolve(a)) : await listComicDirs(root);
	const languages = await loadLanguages(root);
	const checks = await contentChecks(root);
	let errors = 0;
	let warnings = 0;
	for (const dir of dirs) {
		const comic = await loadComic(dir, languages, checks);
		const rel = path.relative(process.cwd(), dir) || dir;
		if (comic.manifest) {
			// Both kinds of comic: textless art (Kalanso draws the bubbles) and text in the art.
			const lettered = [
				...new Set(comic.manifest.pages.flatMap((p) => letteredLanguages(comic.manifest!, p)))
			];
			console.log(`${rel}: ${lettered.length ? `text in the art (${lettered.join(', ')})` : 'textless art'}`);
		}
		for (const issue of comic.issues) {
			console.log(`${rel}/${formatIssue(issue)}`);
			if (issue.severity === 'error') errors++;
			else warnings++;
		}
	}
	console.log(`${dirs.length} comic(s) checked: ${errors} error(s), ${warnings} warning(s)`);
	return errors > 0 ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`comics:check could not run: ${(error as Error).message}`);
		process.exit(2);
	}
);
