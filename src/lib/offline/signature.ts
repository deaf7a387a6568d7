/**
 * Approval signature check of a pack, on download and on import.
 *
 * INTEGRATION POINT for engineer "review": packs carry a `signature` field (null until the server
 * signs approved versions). Replace the body of `verifyPackSignature` with the Ed25519 check of
 * `pack.signature` (an `Approval` of src/lib/domain/signing) against the trusted public keys, and
 * return `{ ok: false, reason }` to refuse a pack. It is called with the pack manifest when a
 * download starts (no `files`), and with every file's bytes when a pack file is imported.
 * Until then every pack is accepted, unsigned.
 */
import type { PackManifest } from '$lib/domain/packs/format';

export type SignatureVerdict = { ok: true; signed: boolean } | { ok: false; reason: string };

export async function verifyPackSignature(
	pack: PackManifest,
	_files?: ReadonlyMap<string, Uint8Array>
): Promise<SignatureVerdict> {
	return { ok: true, signed: pack.signature !== null };
}
