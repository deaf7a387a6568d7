/**
 * Canonical JSON: the one byte sequence a value hashes to, wherever it is computed (server, tablet,
 * a pack read from a USB stick). Object keys sorted by UTF-16 code units, no whitespace, arrays in
 * order, `undefined` members left out (as JSON.stringify does). Numbers must be finite.
 */

export class CanonicalJsonError extends Error {}

/** Deterministic JSON text of `value`. Throws CanonicalJsonError for values JSON cannot carry. */
export function canonicalJson(value: unknown): string {
	return write(value, '$');
}

function write(value: unknown, at: string): string {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'string':
			return JSON.stringify(value);
		case 'boolean':
			return value ? 'true' : 'false';
		case 'number':
			if (!Number.isFinite(value)) throw new CanonicalJsonError(`${at}: ${value} is not a finite number`);
			return JSON.stringify(value);
		case 'object': {
			if (Array.isArray(value)) return `[${value.map((v, i) => write(v ?? null, `${at}[${i}]`)).join(',')}]`;
			const entries = Object.entries(value as Record<string, unknown>)
				.filter(([, v]) => v !== undefined)
				.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
			return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, `${at}.${k}`)}`).join(',')}}`;
		}
		default:
			throw new CanonicalJsonError(`${at}: a ${typeof value} cannot be written as JSON`);
	}
}
