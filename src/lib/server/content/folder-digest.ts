/**
 * A cheap fingerprint of a comic folder (issue 19): SHA-256 of its file listing (relative paths,
 * sizes, modification times), from `stat` alone. Start-up compares it with the one stored when the
 * folder was last read, and skips reading, validating, hashing and signing an unchanged folder: a
 * restart with 2,000 comics does work proportional to what changed, like `make` or `rsync`.
 * Changing a file's bytes changes its size or mtime (editors, `cp`, `git checkout` all set mtime).
 *
 * Synchronous on purpose: it runs at start-up, before the server listens, over tens of thousands
 * of files; a promise per `stat` through libuv's thread pool cost ten times the CPU of the calls.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function folderListingDigest(dir: string): string {
	const lines: string[] = [];
	const walk = (relative: string): void => {
		for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
			const rel = relative ? `${relative}/${entry.name}` : entry.name;
			if (entry.isDirectory()) walk(rel);
			else {
				// statSync follows symbolic links: a linked asset changes the digest when its target does.
				const info = statSync(path.join(dir, rel));
				lines.push(`${rel}\t${info.size}\t${Math.trunc(info.mtimeMs)}`);
			}
		}
	};
	walk('');
	lines.sort();
	return createHash('sha256').update(lines.join('\n')).digest('hex');
}
