/**
 * The hash a narration clip carries of the text it was recorded from (DESIGN.md §3): SHA-256 of the
 * bubble's text in Unicode NFC, as lowercase hex. NFC first, so that the same words typed with
 * composed or decomposed accents hash the same and a re-save in another editor is not "stale".
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function textHash(text: string): string {
	return bytesToHex(sha256(utf8ToBytes(text.normalize('NFC'))));
}
