/**
 * The server's approval signing key (DESIGN.md §4): an Ed25519 pair created at first start in the
 * data folder, the private key readable only by the server's user (mode 0600). Signing uses
 * node:crypto; verification everywhere goes through the pure domain module.
 *
 * Trusted keys = this server's own key + `KALANSO_TRUSTED_KEYS` (hex public keys separated by commas
 * or spaces) + the file `KALANSO_TRUSTED_KEYS_FILE` (default `<data>/keys/trusted-keys.txt`, one hex
 * key per line, `#` comments). Keep a retired key listed there after rotating, so approvals it made
 * stay valid.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
	approvalMessage,
	trustedKey,
	type Approval,
	type ApprovalClaim,
	type TrustedKey
} from '../../domain/signing/signature';

/** Signs approvals. */
export interface Signer {
	/** This signer's own public key. */
	readonly key: TrustedKey;
	sign(claim: ApprovalClaim): Approval;
	/** Ed25519 signature (hex) of other signed documents (the withdrawal list), with the same key. */
	signBytes(message: Uint8Array): string;
}

export const PRIVATE_KEY_FILE = 'approval-ed25519.pem';

function rawPublicKey(publicKey: KeyObject): string {
	const jwk = publicKey.export({ format: 'jwk' });
	return Buffer.from(jwk.x!, 'base64url').toString('hex');
}

/** A signer over a node:crypto private key. */
export function nodeSigner(privateKey: KeyObject, label = 'this server'): Signer {
	const key = trustedKey(rawPublicKey(createPublicKey(privateKey)), label);
	return {
		key,
		sign(claim) {
			const signature = sign(null, approvalMessage(claim), privateKey).toString('hex');
			return { comicId: claim.comicId, versionHash: claim.versionHash, keyId: key.id, signature };
		},
		signBytes: (message) => sign(null, message, privateKey).toString('hex')
	};
}

/** A fresh in-memory signer (tests). */
export function ephemeralSigner(label = 'test'): Signer {
	return nodeSigner(generateKeyPairSync('ed25519').privateKey, label);
}

/** The signing key in `<dataDir>/keys`, created on first use. */
export function loadOrCreateSigner(dataDir: string): Signer {
	const dir = path.join(dataDir, 'keys');
	const file = path.join(dir, PRIVATE_KEY_FILE);
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	if (!existsSync(file)) {
		const { privateKey } = generateKeyPairSync('ed25519');
		const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
		try {
			// `wx`: two processes starting at once must not overwrite each other's fresh key.
			writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
	if ((statSync(file).mode & 0o077) !== 0) {
		console.warn(`[review] ${file} was readable by other users; restricting it to the server's user`);
		chmodSync(file, 0o600);
	}
	return nodeSigner(createPrivateKey(readFileSync(file, 'utf8')));
}

/** Public keys configured besides the server's own, with where each came from. */
export function configuredTrustedKeys(dataDir: string, env: NodeJS.ProcessEnv = process.env): TrustedKey[] {
	const keys: TrustedKey[] = [];
	for (const hex of (env.KALANSO_TRUSTED_KEYS ?? '').split(/[\s,]+/).filter(Boolean)) {
		keys.push(trustedKey(hex, 'KALANSO_TRUSTED_KEYS'));
	}
	const file = env.KALANSO_TRUSTED_KEYS_FILE ?? path.join(dataDir, 'keys', 'trusted-keys.txt');
	if (existsSync(file)) {
		readFileSync(file, 'utf8')
			.split('\n')
			.map((line) => line.replace(/#.*/, '').trim())
			.filter(Boolean)
			.forEach((hex) => keys.push(trustedKey(hex, path.basename(file))));
	}
	return keys;
}

/** Own key first, then configured ones, without duplicates. */
export function trustedKeys(own: TrustedKey, configured: readonly TrustedKey[]): TrustedKey[] {
	const seen = new Set<string>();
	return [own, ...configured].filter((k) => !seen.has(k.id) && seen.add(k.id));
}
