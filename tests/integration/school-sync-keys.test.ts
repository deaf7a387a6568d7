/**
 * A compromised approval key on the national withdrawal list (issue 19): when a school server syncs,
 * the key stops being trusted there without an admin editing `KALANSO_WITHDRAWN_KEYS`. A comic it
 * signed that the school already holds is no longer served, one it signed is refused when installed,
 * the school's own signed withdrawal list (what its tablets pull) names the key so tablets delete what
 * it signed, /admin/sync lists it, and a restart goes on distrusting it. The sync runs through
 * SchoolSync with the national server's answers served by a fake fetch; the school's sync state is on
 * a real database, SQLite and PostgreSQL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	mergeWithdrawals,
	NO_WITHDRAWALS,
	verifyWithdrawalList,
	withdrawalOf,
	type SignedWithdrawalList,
	type WithdrawnKey
} from '../../src/lib/domain/signing/withdrawal';
import { contentChecks } from '../../src/lib/server/content/checks';
import { loadLanguages } from '../../src/lib/server/content/comic-folder';
import { signedWithdrawalList } from '../../src/lib/server/packs/withdrawals';
import { ephemeralSigner } from '../../src/lib/server/review/keys';
import { ReviewService } from '../../src/lib/server/review/service';
import { syncRepository } from '../../src/lib/server/sync/repository';
import { SchoolSync } from '../../src/lib/server/sync/school';
import {
	applyWithdrawnKeys,
	withdrawKeysNationally,
	type SchoolTrust
} from '../../src/lib/server/sync/trust';
import { engines } from './support/databases';
import { reviewWorld, tinyVersion, type ReviewWorld } from './support/review-world';

const worlds: ReviewWorld[] = [];
const dirs: string[] = [];
afterAll(async () => {
	for (const w of worlds) await w.close();
	for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const validation = async () => ({
	languages: await loadLanguages('tests/fixtures/comics'),
	checks: await contentChecks('tests/fixtures/comics')
});
const owner = '00000000-0000-4000-8000-0000000000a1';

async function publishedAt(world: ReviewWorld, hash: string) {
	const version = (await world.repos.versions.get(hash))!;
	const document = (await world.store.load(hash))!;
	const files = new Map<string, Uint8Array>();
	for (const [p, h] of Object.entries(document.assets)) files.set(p, (await world.store.blobs.get(h))!);
	return { version, prepared: { document, versionHash: hash, files } };
}

for (const engine of engines) {
	describe.skipIf(!engine.available)(`national key withdrawal at a school on ${engine.title}`, () => {
		it('stops trusting a key the national list withdraws: its comics leave, installs are refused, tablets are told', async () => {
			const { db } = await engine.open();
			// The national server published with its old key, since declared compromised; it now signs
			// with a new key. The school trusts both (KALANSO_TRUSTED_KEYS) and its own.
			const national = await reviewWorld();
			const school = await reviewWorld();
			worlds.push(national, school);
			const oldKey = national.signer;
			const newKey = ephemeralSigner('national, new');
			const schoolService = new ReviewService({
				repos: school.repos,
				store: school.store,
				signer: school.signer,
				trusted: [school.signer.key, oldKey.key, newKey.key],
				validation
			});
			const first = await publishedAt(national, await national.publish(await tinyVersion()));
			await schoolService.installApproved(owner, first.prepared, first.version.approval!);
			const comicId = first.version.comicId;
			expect((await schoolService.publishedComic(comicId))?.version.versionHash).toBe(
				first.version.versionHash
			);
			// A second version the old key approved, not yet at the school.
			const second = await publishedAt(
				national,
				await national.publish(
					await tinyVersion((m) => ({ ...m, summary: { ...m.summary, fr: `${m.summary.fr ?? ''} (2)` } }))
				)
			);

			const withdrawnKey: WithdrawnKey = {
				keyId: oldKey.key.id,
				publicKey: oldKey.key.publicKey,
				withdrawnAt: '2026-12-01T08:00:00.000Z',
				reason: 'key-compromised'
			};
			const nationalList = await signedWithdrawalList(
				{ versions: national.repos.versions, audit: national.repos.audit },
				[withdrawnKey],
				newKey
			);
			const requests: string[] = [];
			const fakeFetch = (async (input: URL | RequestInfo) => {
				const url = new URL(String(input));
				requests.push(url.pathname);
				if (url.pathname === '/api/sync/withdrawals') return Response.json(nationalList);
				if (url.pathname === '/api/sync/versions')
					return Response.json({ versions: [], cursor: null, more: false });
				return Response.json({ reason: 'unexpected' }, { status: 404 });
			}) as typeof fetch;

			const repo = syncRepository(db);
			// What review/server.ts hands the school's sync: its review service and its withdrawn keys.
			const trust: SchoolTrust = { service: schoolService, withdrawnKeys: [] };
			let libraryRefreshed = 0;
			const staging = await mkdtemp(path.join(tmpdir(), 'kalanso-keys-'));
			dirs.push(staging);
			const sync = new SchoolSync({
				repo,
				nationalUrl: 'http://national.invalid',
				credential: { schoolId: 'ecole-sikoro', secret: 's'.repeat(43) },
				trusted: () => schoolService.trustedKeys,
				hasVersion: async (hash) => (await school.repos.versions.get(hash)) !== undefined,
				storedBlob: (hash) => school.store.blobs.get(hash),
				install: async (prepared, approval) => {
					await schoolService.installApproved(owner, prepared, approval, { from: 'national' });
				},
				withdrawKeys: (keys) => withdrawKeysNationally(repo, trust, keys, '2026-12-06T10:00:00.000Z'),
				withdraw: (hash) => schoolService.withdrawApproved(hash, { reason: 'withdrawn-nationally' }),
				afterChange: async () => {
					libraryRefreshed++;
				},
				stagingDir: staging,
				fetch: fakeFetch,
				retry: { attempts: 1, firstDelayMs: 1 }
			});

			const report = await sync.run();
			expect(report).toMatchObject({ keysWithdrawn: 1, withdrawn: 0, installed: 0 });
			expect(requests).toContain('/api/sync/withdrawals');
			expect(libraryRefreshed).toBe(1);

			// The school no longer trusts it: the comic it signed is no longer served…
			expect(schoolService.trustedKeys.map((k) => k.id)).not.toContain(oldKey.key.id);
			expect(await schoolService.publishedComic(comicId)).toBeNull();
			expect(await schoolService.published()).toEqual([]);
			// …and a version it approved is refused at the school.
			await expect(
				schoolService.installApproved(owner, second.prepared, second.version.approval!)
			).rejects.toThrow(/not trusted/);
			expect(await school.repos.versions.get(second.version.versionHash)).toBeUndefined();

			// The school's own list, what its tablets pull from /api/withdrawals, names the key: a tablet
			// trusting the school's key verifies it and deletes what the old key signed.
			const schoolList: SignedWithdrawalList = await signedWithdrawalList(
				school.repos,
				trust.withdrawnKeys,
				school.signer
			);
			expect(schoolList.list.keys).toEqual([withdrawnKey]);
			const tablet = verifyWithdrawalList(schoolList, [school.signer.key]);
			expect(tablet.ok).toBe(true);
			const tabletState = mergeWithdrawals(NO_WITHDRAWALS, tablet.ok ? tablet.list : schoolList.list);
			expect(withdrawalOf(tabletState, first.version.approval!)).toMatchObject({ kind: 'key' });

			// /admin/sync lists it, with when the school received it.
			expect(await repo.withdrawnKeys()).toEqual([
				{ ...withdrawnKey, receivedAt: '2026-12-06T10:00:00.000Z' }
			]);

			// A second sync learns nothing new and lists the key once.
			expect((await sync.run()).keysWithdrawn).toBe(0);
			expect(trust.withdrawnKeys).toHaveLength(1);

			// A restart: the configuration still names the old key as trusted, and the remembered
			// withdrawal (read back as review/server.ts does at start) removes it again.
			const restarted = new ReviewService({
				repos: school.repos,
				store: school.store,
				signer: school.signer,
				trusted: [school.signer.key, oldKey.key, newKey.key],
				validation
			});
			const restartedTrust: SchoolTrust = { service: restarted, withdrawnKeys: [] };
			applyWithdrawnKeys(restartedTrust, await repo.withdrawnKeys());
			expect(restarted.trustedKeys.map((k) => k.id)).toEqual([school.signer.key.id, newKey.key.id]);
			expect(restartedTrust.withdrawnKeys).toEqual([withdrawnKey]);
			expect(await restarted.publishedComic(comicId)).toBeNull();
		});
	});
}
