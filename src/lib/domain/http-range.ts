/**
 * HTTP Range parsing, shared by the server (files on disk) and the tablet (IndexedDB blobs and
 * cached bodies in the service worker). HTML5 audio seeks with Range requests, and answering them
 * with the whole file breaks seeking and sprite ends (TECH-NOTES.md).
 */

/** A single `bytes=a-b` range of a body of `size` bytes; null when absent, 'invalid' when unsatisfiable. */
export function parseByteRange(
	header: string | null,
	size: number
): { start: number; end: number } | 'invalid' | null {
	if (!header) return null;
	const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!match) return 'invalid';
	const [, a = '', b = ''] = match;
	let start: number;
	let end: number;
	if (a === '') {
		if (b === '') return 'invalid';
		start = Math.max(0, size - Number(b));
		end = size - 1;
	} else {
		start = Number(a);
		end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
	}
	if (start > end || start >= size) return 'invalid';
	return { start, end };
}
