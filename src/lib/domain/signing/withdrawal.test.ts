import * as ed from '@noble/ed25519';
import { describe, expect, it } from 'vitest';
import { bytesToHex, sha256Hex } from './hash';
import { trustedKey } from './signature';
import {
	NO_WITHDRAWALS,
	WITHDRAWAL_FORMAT,
	activeKeys,
	mergeWithdrawals,
	verifyWithdrawalList,
	withdrawalMessage,
	withdrawalOf,
	type WithdrawalList
} from './withdrawal';

// Fixed secret keys: tests must not depend on randomness.
const secretA = Uint8Array.from({ length: 32 }, (_, i) => i + 3);
const secretB = Uint8Array.from({ length: 32 }, (_, i) => 150 - i);
const keyA = trustedKey(bytesToHex(ed.getPublicKey(secretA)));
const keyB = trustedKey(bytesToHex(ed.getPublicKey(secretB)));
const v1 = sha256Hex('version 1');
const v2 = sha256Hex('version 2');

function list(over: Partial<WithdrawalList> = {}): WithdrawalList {
	return {
		format: WITHDRAWAL_FORMAT,
		issuedAt: '2026-12-01T10:00:00.000Z',
		versions: [
			{
				comicId: 'tiny',
				versionHash: v1,
				withdrawnAt: '2026-12-01T09:00:00.000Z',
				reason: 'withdrawn-by-reviewer'
			}
		],
		keys: [],
		...over
	};
}
const sign = (l: WithdrawalList, secret = secretA, key = keyA) => ({
	list: l,
	keyId: key.id,
	signature: bytesToHex(ed.sign(withdrawalMessage(l), secret))
});
const compromisedB = {
	keyId: keyB.id,
	publicKey: keyB.publicKey,
	withdrawnAt: '2026-12-01T08:00:00.000Z',
	reason: 'key-compromised' as const
};

describe('verifyWithdrawalList', () => {
	const good = sign(list());
	it.each([
		['a list signed by a trusted key', good, [keyA], 'ok'],
		['after key rotation (old key still trusted)', good, [keyB, keyA], 'ok'],
		['a list signed by an untrusted key', sign(list(), secretB, keyB), [keyA], 'unknown-key'],
		[
			'an entry removed after signing',
			{ ...good, list: { ...good.list, versions: [] } },
			[keyA],
			'bad-signature'
		],
		[
			'a date changed after signing',
			{ ...good, list: { ...good.list, issuedAt: '2027-01-01T00:00:00.000Z' } },
			[keyA],
			'bad-signature'
		],
		[
			'a key id claimed by another key',
			{ ...sign(list(), secretB, keyB), keyId: keyA.id },
			[keyA],
			'bad-signature'
		],
		[
			'a list signed by a key it withdraws',
			sign(list({ keys: [compromisedB] }), secretB, keyB),
			[keyA, keyB],
			'key-withdrawn'
		],
		[
			'an unknown reason code',
			sign(list({ versions: [{ ...list().versions[0]!, reason: 'x' as never }] })),
			[keyA],
			'malformed'
		],
		[
			'a withdrawn key whose id does not match it',
			sign(list({ keys: [{ ...compromisedB, keyId: keyA.id }] })),
			[keyA],
			'malformed'
		],
		['not a list', { hello: 1 }, [keyA], 'malformed'],
		['nothing', null, [keyA], 'malformed']
	])('%s → %s', (_name, raw, trusted, expected) => {
		const check = verifyWithdrawalList(raw, trusted);
		expect(check.ok ? 'ok' : check.problem).toBe(expected);
	});

	it('refuses a list signed by a key the tablet already knows is withdrawn', () => {
		const known = mergeWithdrawals(NO_WITHDRAWALS, list({ keys: [compromisedB] }));
		expect(verifyWithdrawalList(sign(list(), secretB, keyB), [keyA, keyB], known)).toEqual({
			ok: false,
			problem: 'key-withdrawn'
		});
	});
});

describe('mergeWithdrawals and withdrawalOf', () => {
	it('keeps the union of every list and the newest date', () => {
		const first = mergeWithdrawals(NO_WITHDRAWALS, list());
		const older = list({
			issuedAt: '2026-11-01T00:00:00.000Z',
			versions: [
				{
					comicId: 'b',
					versionHash: v2,
					withdrawnAt: '2026-10-01T00:00:00.000Z',
					reason: 'withdrawn-by-reviewer'
				}
			],
			keys: [compromisedB]
		});
		const both = mergeWithdrawals(first, older);
		expect(Object.keys(both.versions).sort()).toEqual([v1, v2].sort());
		expect(both.issuedAt).toBe('2026-12-01T10:00:00.000Z');
		// An empty, newer list withdraws nothing back.
		const later = mergeWithdrawals(both, list({ issuedAt: '2027-01-01T00:00:00.000Z', versions: [] }));
		expect(Object.keys(later.versions)).toHaveLength(2);
		expect(withdrawalOf(later, { versionHash: v1, keyId: keyA.id })?.kind).toBe('version');
		expect(withdrawalOf(later, { versionHash: sha256Hex('other'), keyId: keyB.id })?.kind).toBe('key');
		expect(withdrawalOf(later, { versionHash: sha256Hex('other'), keyId: keyA.id })).toBeNull();
		expect(activeKeys([keyA, keyB], later)).toEqual([keyA]);
	});
});
