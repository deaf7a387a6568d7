/**
 * The server's signed withdrawal list (issue 11, gap 5): what the "withdraw" decision of the review
 * workflow withdrew, never a version merely superseded by a newer one, plus the keys the admin
 * declared compromised; signed with the approval key so tablets can verify it.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyWithdrawalList } from '../../src/lib/domain/signing/withdrawal';
import { ephemeralSigner } from '../../src/lib/server/review/keys';
import { configuredWithdrawnKeys, signedWithdrawalList } from '../../src/lib/server/packs/withdrawals';
import { admin, reviewWorld, tinyVersion, type ReviewWorld } from './support/review-world';

const retitled = (fr: string) =>
	tinyVersion((manifest) => ({ ...manifest, title: { ...manifest.title, fr } }));

describe('the withdrawal list served to tablets', () => {
	let world: ReviewWorld;
	beforeEach(async () => (world = await reviewWorld()));
	afterEach(() => world.close());

	it('lists withdrawn versions, not superseded ones, signed with the approval key', async () => {
		const first = await world.publish(await retitled('Première'));
		const second = await world.publish(await retitled('Deuxième'));
		expect((await world.service.versionsOf('tiny')).find((v) => v.versionHash === first)?.state).toBe(
			'withdrawn'
		);
		let signed = await signedWithdrawalList(world.repos, [], world.signer);
		expect(signed.list.versions).toEqual([]);

		await world.service.act(admin, second, 'withdraw', 'Erreur factuelle signalée');
		signed = await signedWithdrawalList(world.repos, [], world.signer, new Date('2026-12-06T08:00:00Z'));
		expect(signed.list).toMatchObject({
			issuedAt: '2026-12-06T08:00:00.000Z',
			versions: [{ comicId: 'tiny', versionHash: second, reason: 'withdrawn-by-reviewer' }]
		});
		// The reviewer's free-text reason stays on the server: tablets get a reason code.
		expect(JSON.stringify(signed)).not.toContain('Erreur factuelle');
		expect(verifyWithdrawalList(signed, [world.signer.key])).toMatchObject({ ok: true });
		expect(verifyWithdrawalList(signed, [ephemeralSigner().key])).toMatchObject({ ok: false });
	});

	it('lists the keys declared compromised, from the environment and the data folder', async () => {
		const data = await mkdtemp(path.join(tmpdir(), 'kalanso-keys-'));
		try {
			const [a, b] = [ephemeralSigner().key, ephemeralSigner().key];
			await mkdir(path.join(data, 'keys'));
			await writeFile(
				path.join(data, 'keys', 'withdrawn-keys.txt'),
				`# stolen laptop\n${b.publicKey} 2026-11-30T12:00:00Z\n`
			);
			const keys = configuredWithdrawnKeys(data, { KALANSO_WITHDRAWN_KEYS: a.publicKey }, () => new Date(0));
			expect(keys).toEqual([
				{
					keyId: a.id,
					publicKey: a.publicKey,
					withdrawnAt: '1970-01-01T00:00:00.000Z',
					reason: 'key-compromised'
				},
				{
					keyId: b.id,
					publicKey: b.publicKey,
					withdrawnAt: '2026-11-30T12:00:00.000Z',
					reason: 'key-compromised'
				}
			]);
			const signed = await signedWithdrawalList(world.repos, keys, world.signer);
			expect(verifyWithdrawalList(signed, [world.signer.key])).toMatchObject({ ok: true });
			await writeFile(path.join(data, 'keys', 'withdrawn-keys.txt'), `${b.publicKey} yesterday\n`);
			expect(() => configuredWithdrawnKeys(data, {})).toThrow(/"yesterday" is not a date/);
		} finally {
			await rm(data, { recursive: true, force: true });
		}
	});
});
