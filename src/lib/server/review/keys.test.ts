import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyApproval } from '../../domain/signing/signature';
import {
	configuredTrustedKeys,
	ephemeralSigner,
	loadOrCreateSigner,
	PRIVATE_KEY_FILE,
	trustedKeys
} from './keys';

const dirs: string[] = [];
const tempDir = () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'kalanso-keys-'));
	dirs.push(dir);
	return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('approval signing key', () => {
	it('is created at first start with mode 0600 and reused afterwards', () => {
		const dir = tempDir();
		const first = loadOrCreateSigner(dir);
		const file = path.join(dir, 'keys', PRIVATE_KEY_FILE);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(loadOrCreateSigner(dir).key).toEqual(first.key);
	});

	it('restricts a private key file others could read', () => {
		const dir = tempDir();
		loadOrCreateSigner(dir);
		const file = path.join(dir, 'keys', PRIVATE_KEY_FILE);
		chmodSync(file, 0o644);
		loadOrCreateSigner(dir);
		expect(statSync(file).mode & 0o777).toBe(0o600);
	});

	it('signs approvals the pure verifier accepts with its public key', () => {
		const signer = ephemeralSigner();
		const approval = signer.sign({ comicId: 'tiny', versionHash: 'a'.repeat(64) });
		expect(verifyApproval(approval, [signer.key])).toEqual({ ok: true, key: signer.key });
		expect(verifyApproval(approval, [ephemeralSigner().key])).toEqual({ ok: false, problem: 'unknown-key' });
	});
});

describe('trusted keys (rotation)', () => {
	it('reads KALANSO_TRUSTED_KEYS and the trusted-keys file, own key first, no duplicates', () => {
		const dir = tempDir();
		const own = loadOrCreateSigner(dir).key;
		const old = ephemeralSigner().key;
		const partner = ephemeralSigner().key;
		writeFileSync(
			path.join(dir, 'keys', 'trusted-keys.txt'),
			`# retired 2026-01\n${old.publicKey}\n\n${own.publicKey}\n`
		);
		const configured = configuredTrustedKeys(dir, {
			KALANSO_TRUSTED_KEYS: `${partner.publicKey}, ${old.publicKey}`
		});
		expect(trustedKeys(own, configured).map((k) => k.id)).toEqual([own.id, partner.id, old.id]);
	});

	it('refuses a malformed configured key with a clear message', () => {
		expect(() => configuredTrustedKeys(tempDir(), { KALANSO_TRUSTED_KEYS: 'not-a-key' })).toThrow(
			/64 hex digits/
		);
	});
});
