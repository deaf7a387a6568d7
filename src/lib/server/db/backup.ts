import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/** What a backup produced. */
export interface BackupResult {
	file: string;
	bytes: number;
	/** Rows per table in the copy, as a quick sanity check for the person running it. */
	tables: Record<string, number>;
}

/** `kalanso-2026-03-01T08-00-00Z.db`: sorts by time, no characters Windows or FAT USB sticks refuse. */
export function backupFileName(now: Date): string {
	return `kalanso-${now
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/:/g, '-')}.db`;
}

/**
 * Copies a live SQLite database with SQLite's online backup API (better-sqlite3 `.backup()`): the copy
 * is one consistent snapshot even while the server keeps writing, including what is still in the WAL
 * file. Then checks the copy (`integrity_check`) so a bad backup is noticed now, not on restore day.
 * Refuses to overwrite an existing file.
 */
export async function backupSqlite(sourceFile: string, destinationFile: string): Promise<BackupResult> {
	mkdirSync(path.dirname(destinationFile), { recursive: true });
	let exists = true;
	try {
		statSync(destinationFile);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		exists = false;
	}
	if (exists) throw new Error(`${destinationFile} already exists: choose another name`);

	const source = new SqliteDatabase(sourceFile, { fileMustExist: true });
	try {
		source.pragma('busy_timeout = 5000');
		await source.backup(destinationFile);
	} finally {
		source.close();
	}

	const copy = new SqliteDatabase(destinationFile);
	try {
		// The copy inherits WAL mode; a backup should be one self-contained file to carry on a USB stick.
		copy.pragma('journal_mode = DELETE');
		const check = copy.pragma('integrity_check', { simple: true });
		if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
		const names = copy
			.prepare(
				`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`
			)
			.all() as { name: string }[];
		const tables: Record<string, number> = {};
		for (const { name } of names) {
			const row = copy.prepare(`select count(*) as n from "${name.replace(/"/g, '""')}"`).get() as {
				n: number;
			};
			tables[name] = row.n;
		}
		return { file: destinationFile, bytes: statSync(destinationFile).size, tables };
	} finally {
		copy.close();
	}
}
