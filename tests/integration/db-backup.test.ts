import { migrations } from '../../src/lib/server/db/migrations/index';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupFileName, backupSqlite } from '../../src/lib/server/db/backup';
import { openDatabase } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';

const run = promisify(execFile);
const dirs: string[] = [];
function tempDir() {
	const dir = mkdtempSync(path.join(tmpdir(), 'kalanso-backup-'));
	dirs.push(dir);
	return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A migrated database with `n` users, kept open (as a running server would). */
async function liveDatabase(dir: string, n: number) {
	const open = await openDatabase({ sqliteFile: path.join(dir, 'kalanso.db') });
	await migrateToLatest(open);
	const now = new Date().toISOString();
	for (let i = 0; i < n; i++) {
		await open.db
			.insertInto('users')
			.values({
				id: `u${i}`,
				username: `user${i}`,
				display_name: `User ${i}`,
				role: 'teacher',
				password_hash: 'x',
				must_change_password: 0,
				disabled: 0,
				demo: 0,
				created_at: now,
				updated_at: now
			})
			.execute();
	}
	return open;
}

describe('db:backup', () => {
	it('copies a live database, including writes still in the WAL, while a transaction is open', async () => {
		const dir = tempDir();
		const open = await liveDatabase(dir, 50);
		// Another connection (the "server") holds an open write transaction during the backup.
		const writer = new SqliteDatabase(path.join(dir, 'kalanso.db'));
		writer.exec('begin immediate');
		writer.prepare(`update users set display_name = 'uncommitted' where id = 'u1'`).run();

		const result = await backupSqlite(path.join(dir, 'kalanso.db'), path.join(dir, 'copy', 'backup.db'));
		writer.exec('rollback');
		writer.close();
		await open.close();

		expect(result.tables.users).toBe(50);
		expect(result.tables.kysely_migration).toBe(Object.keys(migrations).length);
		const copy = new SqliteDatabase(result.file, { readonly: true });
		const u1 = copy.prepare(`select display_name from users where id = 'u1'`).get() as {
			display_name: string;
		};
		copy.close();
		// The snapshot has every committed row and nothing uncommitted.
		expect(u1.display_name).toBe('User 1');
	});

	it('refuses to overwrite an existing file', async () => {
		const dir = tempDir();
		const open = await liveDatabase(dir, 1);
		const target = path.join(dir, 'b.db');
		await backupSqlite(path.join(dir, 'kalanso.db'), target);
		await expect(backupSqlite(path.join(dir, 'kalanso.db'), target)).rejects.toThrow(/already exists/);
		await open.close();
	});

	it('names backups by UTC time with characters every file system accepts', () => {
		expect(backupFileName(new Date('2026-03-01T08:05:09.123Z'))).toBe('kalanso-2026-03-01T08-05-09Z.db');
	});

	it('runs as `npm run db:backup` against the data folder of a running server', async () => {
		const dir = tempDir();
		const open = await liveDatabase(dir, 3);
		const { stdout } = await run('npx', ['tsx', 'src/cli/db-backup.ts'], {
			env: { ...process.env, KALANSO_DATA: dir, DATABASE_URL: '' }
		});
		await open.close();
		expect(stdout).toMatch(/Backup written: .*kalanso-.*\.db .*integrity ok/);
		expect(stdout).toContain('users 3');
		expect(readdirSync(path.join(dir, 'backups'))).toHaveLength(1);
	});

	it('points to pg_dump when the database is PostgreSQL', async () => {
		const failed = await run('npx', ['tsx', 'src/cli/db-backup.ts'], {
			env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }
		}).then(
			() => null,
			(error: { code: number; stderr: string }) => error
		);
		expect(failed?.code).toBe(2);
		expect(failed?.stderr).toContain('pg_dump');
	});
});
