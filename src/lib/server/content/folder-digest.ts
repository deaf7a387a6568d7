/**
 * A cheap fingerprint of a comic folder (issue 19): SHA-256 of its file listing (relative paths,
 * sizes, modification times), from `stat` alone. Start-up compares it with the one stored when the
 * folder was last read, and skips reading, validating, hashing and signing an unchanged folder: a
 * restart with 2,000 comics does work proportional to what changed, like `make` or `rsync`.
 * Changing a file's bytes changes its size or mtime (editors, `cp`, `git checkout` all set mtime).
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export async function folderListingDigest(dir: string): Promise<string> {
	const lines: string[] = [];
	async function walk(relative: string): Promise<void> {
		const entries = await readdir(path.join(dir, relative), { withFileTypes: true });
		for (const entry of entries) {
			const rel = relative ? `${relative}/${entry.name}` : entry.name;
			if (entry.isDirectory()) await walk(rel);
			else {
				// stat follows symbolic links: a linked asset changes the digest when its target does.
				const info = await stat(path.join(dir, rel));
				lines.push(`${rel}\t${info.size}\t${Math.trunc(info.mtimeMs)}`);
			}
		}
	}
	await walk('');
	lines.sort();
	return createHash('sha256').update(lines.join('\n')).digest('hex');
}
