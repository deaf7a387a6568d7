/**
 * Approval signatures: Ed25519 over the comic id and version hash (DESIGN.md §4). The server signs
 * with node:crypto; everything that verifies (server, browser, tablet reading a pack from a USB stick)
 * goes through this pure module, with @noble/ed25519 so it also runs where crypto.subtle is missing.
 */
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { canonicalJson } from './canonical';
import { HEX_SHA256, hexToBytes, sha256Hex, utf8ToBytes } from './hash';

// Synchronous verification needs a sha512; noble leaves the choice to the app.
ed.hashes.sha512 = sha512;

/** Purpose tag inside the signed message, so a Kalanso approval cannot be replayed as anything else. */
export const APPROVAL_PURPOSE = 'kalanso-approval/1';

/** What a reviewer's approval signs. */
export interface ApprovalClaim {
	comicId: string;
	versionHash: string;
}

/** A signed approval as stored on the server and shipped with the manifest and in packs. */
export interface Approval extends ApprovalClaim {
	/** Id of the signing key: first 16 hex digits of the SHA-256 of the raw public key. */
	keyId: string;
	/** Ed25519 signature (64 bytes, hex) of `approvalMessage(claim)`. */
	signature: string;
}

/** A public key trusted to sign approvals. Several may be trusted at once (key rotation). */
export interface TrustedKey {
	id: string;
	/** Raw Ed25519 public key, 32 bytes, hex. */
	publicKey: string;
	/** Where the key comes from (this server, configured), shown to admins. */
	label?: string;
}

/** The exact bytes that are signed: canonical JSON of the claim and the purpose tag. */
export function approvalMessage(claim: ApprovalClaim): Uint8Array {
	return utf8ToBytes(
		canonicalJson({ purpose: APPROVAL_PURPOSE, comicId: claim.comicId, versionHash: claim.versionHash })
	);
}

/** The key id of a raw public key (hex). */
export function keyIdOf(publicKeyHex: string): string {
	return sha256Hex(hexToBytes(publicKeyHex)).slice(0, 16);
}

/** A trusted key from a raw public key in hex; the id is derived, never taken on trust. */
export function trustedKey(publicKeyHex: string, label?: string): TrustedKey {
	const publicKey = publicKeyHex.trim().toLowerCase();
	if (!/^[0-9a-f]{64}$/.test(publicKey)) {
		throw new Error(`not an Ed25519 public key (64 hex digits expected): "${publicKeyHex}"`);
	}
	return { id: keyIdOf(publicKey), publicKey, label };
}

export type ApprovalProblem = 'malformed' | 'unknown-key' | 'bad-signature';

export type ApprovalCheck = { ok: true; key: TrustedKey } | { ok: false; problem: ApprovalProblem };

/** Checks an approval's signature against the trusted keys. Never throws. */
export function verifyApproval(approval: unknown, trusted: readonly TrustedKey[]): ApprovalCheck {
	const a = approval as Partial<Approval> | null;
	if (
		!a ||
		typeof a !== 'object' ||
		typeof a.comicId !== 'string' ||
		typeof a.versionHash !== 'string' ||
		!HEX_SHA256.test(a.versionHash) ||
		typeof a.keyId !== 'string' ||
		typeof a.signature !== 'string' ||
		!/^[0-9a-f]{128}$/.test(a.signature)
	) {
		return { ok: false, problem: 'malformed' };
	}
	// The id is only a hint to pick the key: the signature itself decides.
	const key = trusted.find((k) => k.id === a.keyId && keyIdOf(k.publicKey) === k.id);
	if (!key) return { ok: false, problem: 'unknown-key' };
	try {
		const good = ed.verify(
			hexToBytes(a.signature),
			approvalMessage(a as ApprovalClaim),
			hexToBytes(key.publicKey)
		);
		return good ? { ok: true, key } : { ok: false, problem: 'bad-signature' };
	} catch {
		// noble throws on points that are not on the curve: that is a bad signature, not a crash.
		return { ok: false, problem: 'bad-signature' };
	}
}
