/**
 * Vitest global setup of the integration tests (vite.config.ts): when `KALANSO_TEST_PG_URL` is set,
 * one PostgreSQL database migrated to the latest schema for the whole run, which each test's fresh
 * database is copied from (./databases.ts). Migrating a fresh schema took 1–4 s on the 2-core CI
 * machine (fourteen migrations, one transaction, while the other tests ran); a copy of this template
 * takes ≈ 0.1–0.2 s. The migrations themselves are tested from an empty database
 * (db-migrations.test.ts), and the template is made by the same `migrateToLatest` as a server's start.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../../src/lib/server/db/connection';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The migrated template database (and its schema), or null without PostgreSQL. */
		kalansoPgTemplate: { database: string; schema: string } | null;
	}
}

/** The schema the template's tables are in (each copy has the same). */
export const TEMPLATE_SCHEMA = 'kalanso_test';

/** `url` with its database replaced by `database`. */
export function databaseUrl(url: string, database: string): string {
	const parsed = new URL(url);
	parsed.pathname = `/${database}`;
	return parsed.toString();
}

/** Runs one statement on the server at `url` (database-level statements cannot use a pool's transaction). */
export async function adminQuery(url: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

export default async function setup(project: TestProject) {
	const url = process.env.KALANSO_TEST_PG_URL;
	if (!url) {
		project.provide('kalansoPgTemplate', null);
		return;
	}
	const database = `kalanso_tmpl_${process.pid}_${randomBytes(4).toString('hex')}`;
	await adminQuery(url, `create database ${database}`);
	try {
		const open = await openDatabase({ databaseUrl: databaseUrl(url, database), pgSchema: TEMPLATE_SCHEMA });
		try {
			await migrateToLatest(open);
		} finally {
			await open.close();
		}
	} catch (error) {
		await adminQuery(url, `drop database if exists ${database} with (force)`);
		throw error;
	}
	project.provide('kalansoPgTemplate', { database, schema: TEMPLATE_SCHEMA });
	return async () => {
		await adminQuery(url, `drop database if exists ${database} with (force)`);
	};
}
