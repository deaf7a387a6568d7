/** Characters browsers drop or reinterpret inside a URL (tab, newline, other controls, backslash). */
function hasUnsafeCharacter(candidate: string): boolean {
	for (const char of candidate) {
		const code = char.charCodeAt(0);
		if (code < 0x20 || code === 0x7f || char === '\\') return true;
	}
	return false;
}
/** Base used only to resolve a candidate: any result with another origin left the site. */
const PROBE_ORIGIN = 'http://same-site.invalid';
const MAX_LENGTH = 2000;

/**
 * The one same-site check for every "where to go next" value a URL can carry (`?next=` on sign-in,
 * `?return=` in the reader, the profiles and the quiz). Returns `value` when following it keeps the
 * person on this site, else null.
 *
 * Accepted: an absolute path of this site (`/quiz/water?step=2`). Refused: other schemes
 * (`javascript:`, `data:`, `https://…`), protocol-relative `//evil`, backslashes (`/\evil.example`,
 * which browsers read as `//evil.example`), control characters and whitespace browsers strip
 * (`/\t/evil`), and values that turn into one of those once percent-decoded (`/%5Cevil.example`,
 * `/%2F%2Fevil`): some other layer (a redirect, a router) may decode the value once more.
 */
export function safeReturnPath(value: string | null | undefined): string | null {
	if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
	if (!isSafePath(value)) return null;
	let decoded = value;
	// Decoding until stable catches double encoding (`%255C`); a malformed escape is refused.
	for (let round = 0; round < 4; round++) {
		let next: string;
		try {
			next = decodeURIComponent(decoded);
		} catch {
			return null;
		}
		if (next === decoded) break;
		if (!isSafePath(next)) return null;
		decoded = next;
	}
	return value;
}

function isSafePath(candidate: string): boolean {
	if (!candidate.startsWith('/') || candidate.startsWith('//')) return false;
	if (hasUnsafeCharacter(candidate)) return false;
	let resolved: URL;
	try {
		resolved = new URL(candidate, PROBE_ORIGIN);
	} catch {
		return false;
	}
	return resolved.origin === PROBE_ORIGIN;
}
