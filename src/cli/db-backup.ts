/**
 * `npm run db:backup [file]`: a consistent copy of Kalanso's SQLite database, safe while the server
 * runs. Without an argument the copy goes to `<data folder>/backups/kalanso-<UTC time>.db`.
 *
 * Restore: stop the server, replace `<data folder>/kalanso.db` with the copy (and delete any
 * `kalanso.db-wal` / `kalanso.db-shm` next to it), start the server.
 *
 * With PostgreSQL (`DATABASE_URL` set) the database's own tool is the right one: `pg_dump`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { backupFileName, backupSqlite } from '../lib/server/db/backup';
import { configFromEnv, dataDir } from '../lib/server/db/connection';

async function main(): Promise<number> {
	const config = configFromEnv();
	if (config.databaseUrl) {
		console.error(
			'DATABASE_URL is set: Kalanso uses PostgreSQL, which this command does not copy.\n' +
				'Use PostgreSQL\'s own tool, for example:\n  pg_dump --format=custom --file=kalanso.dump "$DATABASE_URL"\n' +
				'and restore with pg_restore.'
		);
		return 2;
	}
	const source = config.sqliteFile!;
	if (!existsSync(source)) {
		console.error(
			`No database at ${source}. Set KALANSO_DATA to the server's data folder, or start the server once.`
		);
		return 1;
	}
	const destination = path.resolve(
		process.argv[2] ?? path.join(dataDir(), 'backups', backupFileName(new Date()))
	);
	const result = await backupSqlite(source, destination);
	const rows = Object.entries(result.tables)
		.map(([name, n]) => `${name} ${n}`)
		.join(', ');
	console.log(`Backup written: ${result.file} (${(result.bytes / 1024).toFixed(0)} KiB; integrity ok)`);
	console.log(`Rows: ${rows}`);
	console.log(
		'The database holds accounts, reviews and results. Copy the rest of the data folder (content store, signing keys) as files too.'
	);
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	}
);
