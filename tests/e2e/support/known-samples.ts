/**
 * Start-up seeding publishes only known samples by their exact version hash (issue 11, gap 13).
 * An e2e server that serves fixture comics lists theirs in KALANSO_KNOWN_SAMPLES, computed here the
 * way the server computes them, so a fixture edited in a test is still published as it is now.
 */
import path from 'node:path';
import { listComicDirs, loadLanguages } from '../../../src/lib/server/content/comic-folder';
import { prepareFromFolder } from '../../../src/lib/server/store/prepare';

/** The version hashes of the comics in `root` (or of `slugs` only), comma-separated. */
export async function knownSamples(root: string, slugs?: readonly string[]): Promise<string> {
	const languages = await loadLanguages(root);
	const dirs = slugs ? slugs.map((slug) => path.join(root, slug)) : await listComicDirs(root);
	const hashes: string[] = [];
	for (const dir of dirs) {
		const prepared = await prepareFromFolder(dir, languages);
		if (!prepared.ok) throw new Error(`${dir}: ${JSON.stringify(prepared.issues)}`);
		hashes.push(prepared.version.versionHash);
	}
	return hashes.join(',');
}
