/**
 * School sync wired to this server's database, content store and review services, and its schedule.
 *
 * National side (every server can be one): `nationalSync()` answers the /api/sync/ endpoints for
 * schools holding a credential issued with `npm run sync:credential -- <school id> "<name>"`.
 *
 * School side, when configured (README "National deployment"):
 * - `KALANSO_NATIONAL_URL`: the national server's address;
 * - `KALANSO_SCHOOL_CREDENTIAL` (or the file `KALANSO_SCHOOL_CREDENTIAL_FILE`, default
 *   `<data>/keys/school-credential.txt`): the credential the national admin issued;
 * - `KALANSO_SYNC_INTERVAL_MINUTES` (default 60; 0: only on demand): how often to sync. A run also
 *   starts a minute after start-up; on demand from the admin page (`/admin/sync`) and with
 *   `npm run sync:school`;
 * - the national approval public key in `KALANSO_TRUSTED_KEYS` (as for tablets).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '../db/connection';
import { database } from '../db/server';
import { libraryService } from '../library/server';
import { signedWithdrawalList } from '../packs/withdrawals';
import { reviewServices, storeDir } from '../review/server';
import { NationalSync } from './national';
import { parseCredential, type SchoolCredential } from './protocol';
import { syncRepository } from './repository';
import { SchoolSync } from './school';
import { withdrawKeysNationally } from './trust';

let national: Promise<NationalSync> | undefined;

export function nationalSync(): Promise<NationalSync> {
	national ??= Promise.all([database(), reviewServices()])
		.then(
			([{ db }, { repos, store, signer, withdrawnKeys }]) =>
				new NationalSync({
					repo: syncRepository(db),
					loadDocument: (hash) => store.load(hash),
					versionState: async (hash) => (await repos.versions.get(hash))?.state,
					blobFile: (hash) => store.blobs.path(hash),
					withdrawals: () => signedWithdrawalList(repos, withdrawnKeys, signer)
				})
		)
		.catch((error: unknown) => {
			national = undefined;
			throw error;
		});
	return national;
}

/** The school-side configuration, or why it is missing or wrong. */
export type SchoolSyncConfig =
	| { configured: true; nationalUrl: string; credential: SchoolCredential; intervalMinutes: number }
	| {
			configured: false;
			problem: 'no-url' | 'bad-url' | 'no-credential' | 'bad-credential' | 'bad-interval';
	  };

export function schoolSyncConfig(env: NodeJS.ProcessEnv = process.env): SchoolSyncConfig {
	const url = env.KALANSO_NATIONAL_URL?.trim();
	if (!url) return { configured: false, problem: 'no-url' };
	try {
		const parsed = new URL(url);
		if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('scheme');
	} catch {
		return { configured: false, problem: 'bad-url' };
	}
	const file = env.KALANSO_SCHOOL_CREDENTIAL_FILE || path.join(dataDir(env), 'keys', 'school-credential.txt');
	const text = env.KALANSO_SCHOOL_CREDENTIAL || (existsSync(file) ? readFileSync(file, 'utf8') : '');
	if (!text.trim()) return { configured: false, problem: 'no-credential' };
	const credential = parseCredential(text);
	if (!credential) return { configured: false, problem: 'bad-credential' };
	const interval = env.KALANSO_SYNC_INTERVAL_MINUTES ? Number(env.KALANSO_SYNC_INTERVAL_MINUTES) : 60;
	if (!Number.isFinite(interval) || interval < 0) return { configured: false, problem: 'bad-interval' };
	return { configured: true, nationalUrl: url, credential, intervalMinutes: interval };
}

/** Plain-English reasons for the log (the admin page translates `problem`). */
export const CONFIG_PROBLEMS: Record<Exclude<SchoolSyncConfig, { configured: true }>['problem'], string> = {
	'no-url': 'KALANSO_NATIONAL_URL is not set',
	'bad-url': 'KALANSO_NATIONAL_URL is not an http(s) address',
	'no-credential':
		'no school credential: set KALANSO_SCHOOL_CREDENTIAL or write it to data/keys/school-credential.txt',
	'bad-credential': 'the school credential is not of the form <school id>.<secret> the national admin issued',
	'bad-interval': 'KALANSO_SYNC_INTERVAL_MINUTES must be a number of minutes (0: only on demand)'
};

let school: Promise<SchoolSync | null> | undefined;

/** This server's school sync, or null when it is not configured as a school server. */
export function schoolSync(env: NodeJS.ProcessEnv = process.env): Promise<SchoolSync | null> {
	school ??= (async () => {
		const config = schoolSyncConfig(env);
		if (!config.configured) return null;
		const [{ db }, review, library] = await Promise.all([database(), reviewServices(), libraryService()]);
		const repo = syncRepository(db);
		const owner = await repo.installOwner(new Date().toISOString());
		return new SchoolSync({
			repo,
			nationalUrl: config.nationalUrl,
			credential: config.credential,
			trusted: () => review.service.trustedKeys,
			hasVersion: async (hash) => (await review.repos.versions.get(hash)) !== undefined,
			storedBlob: (hash) => review.store.blobs.get(hash),
			install: async (prepared, approval) => {
				await review.service.installApproved(owner, prepared, approval, { from: 'national' });
			},
			withdrawKeys: (keys) => withdrawKeysNationally(repo, review, keys, new Date().toISOString()),
			withdraw: (hash) => review.service.withdrawApproved(hash, { reason: 'withdrawn-nationally' }),
			afterChange: async () => {
				await library.sync();
			},
			stagingDir: path.join(storeDir(env), 'incoming'),
			...(env.KALANSO_SYNC_RETRY_MS
				? { retry: { attempts: 6, firstDelayMs: Number(env.KALANSO_SYNC_RETRY_MS) } }
				: {})
		});
	})().catch((error: unknown) => {
		school = undefined;
		throw error;
	});
	return school;
}

let timer: ReturnType<typeof setInterval> | undefined;

/**
 * At server start: on a school server, syncs shortly after start and then every interval. A failed
 * run is recorded for the admin page and retried at the next interval; it never stops the server.
 */
export function startSchoolSync(env: NodeJS.ProcessEnv = process.env): void {
	const config = schoolSyncConfig(env);
	if (!config.configured) {
		if (config.problem !== 'no-url')
			console.error(`[sync] school sync is off: ${CONFIG_PROBLEMS[config.problem]}`);
		return;
	}
	const run = () => {
		schoolSync(env)
			.then((sync) => sync?.run())
			.then((report) => {
				if (report && env.KALANSO_QUIET !== '1') {
					console.log(
						`[sync] ${report.installed} installed, ${report.withdrawn} withdrawn, ${report.keysWithdrawn} keys withdrawn, ${report.pushedBatches} result batches sent`
					);
				}
			})
			.catch((error: unknown) => console.error(`[sync] ${(error as Error).message}`));
	};
	// 0 minutes: on demand only (admin page, `npm run sync:school`).
	if (config.intervalMinutes === 0 || timer) return;
	setTimeout(run, 60_000).unref();
	timer = setInterval(run, config.intervalMinutes * 60_000);
	timer.unref();
}
