/**
 * A cheap fingerprint of a comic folder (issue 19): SHA-256 of its file listing (relative paths,
 * sizes, modification times), from `stat` alone. Start-up compares it with the one stored when the
 * folder was last read, and skips reading, validating, hashing and signing an unchanged folder: a
 * restart with 2,000 comics does work proportional to what changed, like `make` or `rsync`.
 * Changing a file's bytes changes its size or mtime (editors, `cp`, `git checkout` all set mtime).
 *
 * A restart with nothing changed should not even walk the folder: `readFolderListing` also returns
 * the listing itself (each directory with its mtime and ctime, each file with its size and mtime),
 * which the ledger keeps, and `listingUnchanged` checks it again with one `stat` per directory and
 * per file and no `readdir`. That is sound because a directory's mtime and ctime both move whenever
 * an entry is added to it, removed or renamed (POSIX), and a tool that puts the mtime back (`touch`,
 * `rsync -t`, `tar`) still moves the ctime, which no program can set; a file's bytes still need its
 * own size and mtime. A directory changed so recently that a further change could fall in the same
 * clock tick (the "racy" case git knows) is not trusted: its folder is walked again at the next start.
 *
 * Synchronous on purpose: it runs at start-up, before the server listens, over tens of thousands
 * of files; a promise per `stat` through libuv's thread pool cost ten times the CPU of the calls.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A folder as it was walked: `dirs` are [path relative to the folder ('' for itself), mtimeMs,
 * ctimeMs]; `files` are [index in `dirs` of its directory, name, size, mtimeMs]. Arrays, not
 * objects: the ledger stores one per comic (≈ 60 files each), 2,000 of them read at every start.
 */
export interface FolderListing {
	dirs: Array<[rel: string, mtimeMs: number, ctimeMs: number]>;
	files: Array<[dir: number, name: string, size: number, mtimeMs: number]>;
}

/**
 * A directory whose mtime and ctime are both this close to the walk (or later) may still change
 * within the same timestamp tick without either moving: FAT keeps mtimes to 2 s, ext4 to a clock tick.
 */
export const RACY_MS = 2_000;

/**
 * Walks `dir` (one `readdir` per directory, one `stat` per file): its listing digest, and the listing
 * to check it against next time without walking (null when a directory changed too recently to trust).
 */
export function readFolderListing(dir: string): { digest: string; listing: FolderListing | null } {
	const cutoff = Date.now() - RACY_MS;
	const lines: string[] = [];
	const listing: FolderListing = { dirs: [], files: [] };
	let racy = false;
	const walk = (relative: string): void => {
		const full = relative ? path.join(dir, relative) : dir;
		const own = statSync(full);
		if (own.mtimeMs > cutoff && own.ctimeMs > cutoff) racy = true;
		const index = listing.dirs.push([relative, own.mtimeMs, own.ctimeMs]) - 1;
		for (const entry of readdirSync(full, { withFileTypes: true })) {
			const rel = relative ? `${relative}/${entry.name}` : entry.name;
			if (entry.isDirectory()) walk(rel);
			else {
				// statSync follows symbolic links: a linked asset changes the digest when its target does.
				const info = statSync(path.join(dir, rel));
				lines.push(`${rel}\t${info.size}\t${Math.trunc(info.mtimeMs)}`);
				listing.files.push([index, entry.name, info.size, info.mtimeMs]);
			}
		}
	};
	walk('');
	lines.sort();
	const digest = createHash('sha256').update(lines.join('\n')).digest('hex');
	return { digest, listing: racy ? null : listing };
}

export function folderListingDigest(dir: string): string {
	return readFolderListing(dir).digest;
}

/**
 * True when `dir` still has exactly `listing`'s directories (same mtime and ctime: no entry added,
 * removed or renamed in any of them) and files (same size and mtime). `stat` calls only, no `readdir`;
 * false at the first difference, or when anything is missing.
 */
export function listingUnchanged(dir: string, listing: FolderListing): boolean {
	try {
		return sameListing(dir, listing);
	} catch {
		// ENOTDIR, EACCES…: something changed under the walk's feet; walking again will say what.
		return false;
	}
}

function sameListing(dir: string, listing: FolderListing): boolean {
	const dirs: string[] = [];
	for (const [rel, mtimeMs, ctimeMs] of listing.dirs) {
		const full = rel ? `${dir}${path.sep}${rel}` : dir;
		const info = statSync(full, { throwIfNoEntry: false });
		if (!info?.isDirectory() || info.mtimeMs !== mtimeMs || info.ctimeMs !== ctimeMs) return false;
		dirs.push(full);
	}
	for (const [index, name, size, mtimeMs] of listing.files) {
		const parent = dirs[index];
		if (parent === undefined) return false;
		const info = statSync(`${parent}${path.sep}${name}`, { throwIfNoEntry: false });
		if (!info || info.isDirectory() || info.size !== size || info.mtimeMs !== mtimeMs) return false;
	}
	return true;
}

/** The listing as the ledger stores it (JSON), and back; anything unexpected reads as "no listing". */
export function encodeListing(listing: FolderListing): string {
	return JSON.stringify(listing);
}

export function decodeListing(text: string | null | undefined): FolderListing | null {
	if (!text) return null;
	try {
		const value = JSON.parse(text) as FolderListing;
		return Array.isArray(value?.dirs) && Array.isArray(value?.files) && value.dirs[0]?.[0] === ''
			? value
			: null;
	} catch {
		return null;
	}
}
