/**
 * Results that travel without a network: a file on a USB stick, or a sequence of QR codes the
 * teacher's device scans. Both carry the same bundle: the class, the results, and a check.
 *
 * The check is an HMAC-SHA256 of the canonical bundle keyed with the class code, which the tablet
 * got when it joined and the server holds: a file edited by hand, cut short, or made for another
 * class fails it. It does not stop a student who knows the code from forging answers (nothing
 * offline can), but the server never trusts scores anyway: it scores the answers again.
 *
 * QR codes: the bundle's canonical JSON is deflated (fflate, pure JS) and written in base64url,
 * cut into parts of at most QR_PART_CHARS characters, each `KR1.<bundle id>.<index>.<count>.<data>`,
 * so parts can be scanned in any order and a part of another bundle is recognised.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { deflateSync, inflateSync } from 'fflate';
import { z } from 'zod';
import { canonicalJson } from '../signing/canonical';
import { bytesToHex, sha256Hex, utf8ToBytes } from '../signing/hash';
import { resultSubmissionSchema, type ResultSubmission } from './results';

export const BUNDLE_FORMAT = 'kalanso-results';

export const bundleSchema = z.strictObject({
	format: z.literal(BUNDLE_FORMAT),
	version: z.literal(1),
	classId: z.string().min(1).max(64),
	results: z.array(resultSubmissionSchema).min(1).max(5000),
	check: z.string().regex(/^[0-9a-f]{64}$/)
});
export type ResultsBundle = z.infer<typeof bundleSchema>;

/** Why a bundle is refused as a whole. */
export type BundleProblem = 'not-results' | 'tampered' | 'other-class';

function checkOf(classId: string, results: readonly ResultSubmission[], classCode: string): string {
	const text = canonicalJson({ format: BUNDLE_FORMAT, version: 1, classId, results });
	return bytesToHex(hmac(sha256, utf8ToBytes(classCode), utf8ToBytes(text)));
}

/** A bundle of one class's results, checked with the class code. */
export function makeBundle(
	classId: string,
	classCode: string,
	results: readonly ResultSubmission[]
): ResultsBundle {
	return {
		format: BUNDLE_FORMAT,
		version: 1,
		classId,
		results: [...results],
		check: checkOf(classId, results, classCode)
	};
}

/**
 * Opens a bundle (parsed JSON) for class `classId` with code `classCode`: the results, or why the
 * whole bundle is refused. Results of another class are refused before the check is looked at.
 */
export function openBundle(
	raw: unknown,
	classId: string,
	classCode: string
): { results: ResultSubmission[] } | { problem: BundleProblem } {
	const parsed = bundleSchema.safeParse(raw);
	if (!parsed.success) return { problem: 'not-results' };
	const bundle = parsed.data;
	if (bundle.classId !== classId) return { problem: 'other-class' };
	if (checkOf(bundle.classId, bundle.results, classCode) !== bundle.check) return { problem: 'tampered' };
	if (bundle.results.some((r) => r.classId !== classId)) return { problem: 'other-class' };
	return { results: bundle.results };
}

/** Characters of data per QR code: a version-13 code (69 modules), which a tablet camera reads at arm's length. */
export const QR_PART_CHARS = 300;
const QR_PREFIX = 'KR1';

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The texts of the QR codes that carry a bundle, in order. */
export function bundleToQrParts(bundle: ResultsBundle): string[] {
	const data = toBase64Url(deflateSync(utf8ToBytes(canonicalJson(bundle)), { level: 9 }));
	const id = sha256Hex(data).slice(0, 8);
	const count = Math.max(1, Math.ceil(data.length / QR_PART_CHARS));
	return Array.from(
		{ length: count },
		(_, i) => `${QR_PREFIX}.${id}.${i + 1}.${count}.${data.slice(i * QR_PART_CHARS, (i + 1) * QR_PART_CHARS)}`
	);
}

/** One scanned QR part, or null when the text is not a Kalanso results code. */
export function parseQrPart(text: string): { id: string; index: number; count: number; data: string } | null {
	const m = /^KR1\.([0-9a-f]{8})\.(\d{1,3})\.(\d{1,3})\.([A-Za-z0-9_-]+)$/.exec(text.trim());
	if (!m) return null;
	const index = Number(m[2]);
	const count = Number(m[3]);
	if (index < 1 || index > count) return null;
	return { id: m[1]!, index, count, data: m[4]! };
}

/** What one scan gave. */
export type QrScan = { status: 'part' } | { status: 'not-results' } | { status: 'complete'; bundle: unknown };

/**
 * Collects scanned parts (any order, repeats ignored) until a bundle is whole. Parts of another
 * bundle than the first one scanned start a new collection (a second student's codes).
 */
export class QrCollector {
	#id: string | null = null;
	#count = 0;
	#parts = new Map<number, string>();

	/** Parts scanned of the current bundle, and how many it has. */
	get progress(): { scanned: number; count: number } {
		return { scanned: this.#parts.size, count: this.#count };
	}

	/**
	 * Adds a scanned text: `complete` with the parsed bundle (unchecked JSON: give it to
	 * openBundle) when this part completed it, `part` when it was added, `not-results` when it is
	 * no results code or the whole does not decode.
	 */
	add(text: string): QrScan {
		const part = parseQrPart(text);
		if (!part) return { status: 'not-results' };
		if (part.id !== this.#id) {
			this.#id = part.id;
			this.#count = part.count;
			this.#parts = new Map();
		}
		this.#parts.set(part.index, part.data);
		if (this.#parts.size < this.#count) return { status: 'part' };
		const data = Array.from({ length: this.#count }, (_, i) => this.#parts.get(i + 1)!).join('');
		this.#id = null;
		this.#parts = new Map();
		if (sha256Hex(data).slice(0, 8) !== part.id) return { status: 'not-results' };
		try {
			const bundle: unknown = JSON.parse(new TextDecoder().decode(inflateSync(fromBase64Url(data))));
			return { status: 'complete', bundle };
		} catch (error) {
			// A corrupt deflate stream or JSON: what a person scanned is not a results code.
			if (error instanceof Error) return { status: 'not-results' };
			throw error;
		}
	}
}
