/**
 * `npx tsx src/cli/sample-hashes.ts [--write]`: the version hash of every comic in comics/, as
 * start-up seeding computes it. With `--write`, records them as the bundled samples
 * (src/lib/server/review/bundled-samples.ts): only those exact versions are published without a
 * human review. Run it after changing a sample comic on purpose, and commit the result.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatIssue } from '../lib/domain/manifest/issues';
import { contentChecks } from '../lib/server/content/checks';
import { comicsRoot, listComicDirs, loadLanguages } from '../lib/server/content/comic-folder';
import { prepareFromFolder } from '../lib/server/store/prepare';

const TARGET = path.resolve('src/lib/server/review/bundled-samples.ts');

async function main(): Promise<number> {
	const root = comicsRoot();
	const languages = await loadLanguages(root);
	const checks = await contentChecks(root);
	const hashes: Array<[string, string]> = [];
	for (const dir of await listComicDirs(root)) {
		const prepared = await prepareFromFolder(dir, languages, checks);
		if (!prepared.ok) {
			console.error(
				`${path.basename(dir)}: not valid, left out\n  ${prepared.issues.map(formatIssue).join('\n  ')}`
			);
			continue;
		}
		hashes.push([prepared.version.document.comicId, prepared.version.versionHash]);
		console.log(`${prepared.version.document.comicId} ${prepared.version.versionHash}`);
	}
	if (process.argv.includes('--write')) {
		const lines = hashes.map(([id, hash]) => `\t'${id}': '${hash}'`).join(',\n');
		await writeFile(
			TARGET,
			`/**
 * The sample comics shipped in comics/, by the exact version hash start-up seeding may publish
 * without a human review (demo.ts). Any other version, of these comics or of a folder added to
 * comics/, is only submitted for review. Written by \`npx tsx src/cli/sample-hashes.ts --write\`.
 */
export const BUNDLED_SAMPLES: Readonly<Record<string, string>> = {
${lines}
};

/** The version hashes of BUNDLED_SAMPLES. */
export const BUNDLED_SAMPLE_HASHES: ReadonlySet<string> = new Set(Object.values(BUNDLED_SAMPLES));
`
		);
		console.log(`wrote ${path.relative(process.cwd(), TARGET)}`);
	}
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`sample-hashes could not run: ${(error as Error).message}`);
		process.exit(2);
	}
);
