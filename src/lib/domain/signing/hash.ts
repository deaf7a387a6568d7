/**
 * SHA-256 through @noble/hashes rather than crypto.subtle: tablets reach school servers over plain
 * HTTP on a LAN, where browsers hide crypto.subtle (it needs a secure context). Pure and synchronous.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/** Lowercase hex SHA-256 of bytes, or of a string's UTF-8 encoding. */
export function sha256Hex(data: Uint8Array | string): string {
	return bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data));
}

/** SHA-256 of a text after Unicode NFC normalisation: what a narration clip's `textHash` holds. */
export function textHash(text: string): string {
	return sha256Hex(text.normalize('NFC'));
}

export const HEX_SHA256 = /^[0-9a-f]{64}$/;

export { bytesToHex, hexToBytes, utf8ToBytes };
