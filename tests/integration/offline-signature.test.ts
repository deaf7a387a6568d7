import { describe, expect, it } from 'vitest';
import * as ed from '@noble/ed25519';
import { COMIC_MANIFEST_PATH, packVersion, type PackManifest } from '../../src/lib/domain/packs/format';
import { bytesToHex, sha256Hex } from '../../src/lib/domain/signing/hash';
import { trustedKey } from '../../src/lib/domain/signing/signature';
import {
	NO_WITHDRAWALS,
	mergeWithdrawals,
	type WithdrawalState
} from '../../src/lib/domain/signing/withdrawal';
import { verifyPackSignature } from '../../src/lib/offline/signature';
import { makeTestPack, signedWithdrawals, testTrustedKey, withdrawalOfPack } from './offline-helpers';

const otherKey = trustedKey(bytesToHex(ed.getPublicKey(Uint8Array.from({ length: 32 }, (_, i) => 99 - i))));

/** The pack with its listing changed and its pack version recomputed, as a forger would. */
function relisted(pack: PackManifest, change: Partial<PackManifest>): PackManifest {
	const next = { ...pack, ...change };
	return { ...next, version: packVersion(next) };
}

const withdrawn = (pack: PackManifest): WithdrawalState =>
	mergeWithdrawals(NO_WITHDRAWALS, signedWithdrawals([withdrawalOfPack(pack)]).list);
const keyWithdrawn: WithdrawalState = mergeWithdrawals(
	NO_WITHDRAWALS,
	signedWithdrawals(
		[],
		[
			{
				keyId: testTrustedKey.id,
				publicKey: testTrustedKey.publicKey,
				withdrawnAt: '2026-12-01T09:00:00.000Z',
				reason: 'key-compromised'
			}
		],
		undefined,
		Uint8Array.from({ length: 32 }, (_, i) => 99 - i)
	).list
);

/** Pack import and download on a tablet: only packs approved with a trusted key, exactly as approved. */
describe('verifyPackSignature', () => {
	const { pack, bytes } = makeTestPack();
	const alteredComic = new TextEncoder().encode(
		new TextDecoder().decode(bytes.get(COMIC_MANIFEST_PATH)!).replace('Bonjour', 'Au revoir')
	);
	const cases: {
		name: string;
		pack: PackManifest;
		files?: Map<string, Uint8Array>;
		keys?: (typeof testTrustedKey)[];
		withdrawals?: WithdrawalState;
		expected: string;
		params?: Record<string, string>;
	}[] = [
		{ name: 'a signed pack with its files', pack, files: bytes, expected: 'ok' },
		{ name: 'its approval alone, when a download starts', pack, expected: 'ok' },
		{ name: 'an unsigned pack', pack: { ...pack, signature: null }, files: bytes, expected: 'unsigned' },
		{ name: 'a tablet that knows no key', pack, files: bytes, keys: [], expected: 'no-keys' },
		{
			name: 'an approval by a key the tablet does not trust',
			pack,
			files: bytes,
			keys: [otherKey],
			expected: 'unknown-key'
		},
		{
			name: 'a damaged signature',
			pack: { ...pack, signature: { ...pack.signature, signature: 'zz' } },
			files: bytes,
			expected: 'malformed-approval'
		},
		{
			name: 'a manifest altered after approval (listing updated to match)',
			pack: {
				...pack,
				files: pack.files.map((f) =>
					f.path === COMIC_MANIFEST_PATH
						? { ...f, sha256: sha256Hex(alteredComic), size: alteredComic.byteLength }
						: f
				)
			},
			files: new Map([...bytes, [COMIC_MANIFEST_PATH, alteredComic]]),
			expected: 'manifest-altered'
		},
		{
			name: 'an asset listing altered after approval',
			pack: {
				...pack,
				files: pack.files.map((f) => (f.path === 'art/page-1.webp' ? { ...f, sha256: 'e'.repeat(64) } : f))
			},
			files: bytes,
			expected: 'manifest-altered'
		},
		{
			name: 'a title changed in pack.json (pack version recomputed)',
			pack: relisted(pack, { title: { ...pack.title, fr: 'Un autre titre' } }),
			files: bytes,
			expected: 'unsigned-field',
			params: { field: 'title' }
		},
		{
			name: 'a narration file relabelled to another language in pack.json',
			pack: relisted(pack, {
				files: pack.files.map((f) => (f.path === 'audio/bm/p1.ogg' ? { ...f, language: 'fr' } : f))
			}),
			files: bytes,
			expected: 'unsigned-field',
			params: { field: 'language', file: 'audio/bm/p1.ogg' }
		},
		{
			name: 'a withdrawn version',
			pack,
			files: bytes,
			withdrawals: withdrawn(pack),
			expected: 'withdrawn'
		},
		{
			name: 'a withdrawn version, when a download starts',
			pack,
			withdrawals: withdrawn(pack),
			expected: 'withdrawn'
		},
		{
			name: 'a version approved by a withdrawn key',
			pack,
			files: bytes,
			withdrawals: keyWithdrawn,
			expected: 'key-withdrawn'
		}
	];

	it.each(cases)('$name → $expected', async (c) => {
		const verdict = await verifyPackSignature(c.pack, c.files, {
			keys: c.keys ?? [testTrustedKey],
			withdrawals: c.withdrawals ?? NO_WITHDRAWALS
		});
		expect(verdict.ok ? 'ok' : verdict.problem).toBe(c.expected);
		if (c.params && !verdict.ok) expect(verdict.params).toEqual(c.params);
	});
});
