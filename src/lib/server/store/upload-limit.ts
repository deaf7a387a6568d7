/**
 * The largest pack an author can upload here: the pack limit, or less when the server refuses
 * request bodies sooner (adapter-node's BODY_SIZE_LIMIT, e.g. "64M"). The upload page checks a
 * file against it before sending, so a too-large file gets a clear message naming both sizes
 * instead of a failed request.
 */
import { DEFAULT_LIMITS } from './prepare';

/** Room for the multipart envelope around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** Parses adapter-node's BODY_SIZE_LIMIT: bytes, or a number with K, M or G; "Infinity"; default 512K. */
export function bodySizeLimit(value: string | undefined): number {
	if (value === undefined || value.trim() === '') return 512 * 1024;
	const match = /^\s*(\d+(?:\.\d+)?|Infinity)\s*([KMG]?)B?\s*$/i.exec(value);
	if (!match) return 512 * 1024;
	if (match[1] === 'Infinity') return Infinity;
	const scale = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[
		match[2]!.toUpperCase() as '' | 'K' | 'M' | 'G'
	];
	return Math.floor(Number(match[1]) * scale);
}

export function uploadLimitBytes(env: string | undefined = process.env.BODY_SIZE_LIMIT): number {
	return Math.min(DEFAULT_LIMITS.maxPackBytes, bodySizeLimit(env) - FORM_OVERHEAD_BYTES);
}
