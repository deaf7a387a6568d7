/**
 * Unzipping an uploaded pack within limits. The zip's own directory can lie about sizes (a zip
 * bomb declares small files that inflate to gigabytes), so the limits are enforced twice: first on
 * the declared sizes (a fast, precise refusal for honest archives), then on the bytes actually
 * produced while inflating: inflation itself stops where the limits end, it never runs to the end
 * of a bomb and is checked afterwards.
 */
import { inflateRawSync } from 'node:zlib';
import { Unzip, UnzipPassThrough, unzipSync, type AsyncFlateStreamHandler, type UnzipDecoder } from 'fflate';

/** What unzipping may use; the same fields as the pack limits of prepare.ts. */
export interface UnzipLimits {
	maxFiles: number;
	maxFileBytes: number;
	maxTotalBytes: number;
}

/** Why an archive was refused. Sizes are in bytes; `size` is what was found (declared or reached). */
export type UnzipProblem =
	| { kind: 'not-zip'; detail: string }
	| { kind: 'too-many-files'; count: number }
	| { kind: 'file-too-large'; name: string; size: number }
	| { kind: 'total-too-large'; size: number };

export type UnzipOutcome =
	{ ok: true; entries: Map<string, Uint8Array> } | { ok: false; problems: UnzipProblem[] };

/** Stops the stream from inside fflate's callbacks; caught in `unzipWithLimits`. */
class LimitReached extends Error {
	constructor(readonly problem: UnzipProblem) {
		super(problem.kind);
	}
}

/**
 * Unzips `zip` (files only, directories skipped), refusing it as soon as a limit is passed. fflate
 * reads the archive's structure; deflated files are inflated by Node's zlib (native, several times
 * faster than JavaScript) with `maxOutputLength` set to what the limits still allow, so zlib itself
 * stops a bomb at the limit instead of inflating it to the end.
 */
export function unzipWithLimits(zip: Uint8Array, limits: UnzipLimits): UnzipOutcome {
	const declared = checkDeclaredSizes(zip, limits);
	if (declared.length) return { ok: false, problems: declared };

	const entries = new Map<string, Uint8Array>();
	let total = 0;
	let count = 0;

	class BoundedInflate implements UnzipDecoder {
		static readonly compression = 8;
		ondata: AsyncFlateStreamHandler = () => {};
		private readonly parts: Uint8Array[] = [];
		constructor(private readonly name: string) {}

		push(chunk: Uint8Array, final: boolean): void {
			this.parts.push(chunk.slice());
			if (!final) return;
			const input = concat(
				this.parts,
				this.parts.reduce((n, p) => n + p.byteLength, 0)
			);
			const fileRoom = limits.maxFileBytes;
			const totalRoom = limits.maxTotalBytes - total;
			let out: Uint8Array;
			try {
				out = inflateRawSync(input, { maxOutputLength: Math.max(1, Math.min(fileRoom, totalRoom) + 1) });
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw error;
				throw new LimitReached(
					fileRoom <= totalRoom
						? { kind: 'file-too-large', name: this.name, size: fileRoom + 1 }
						: { kind: 'total-too-large', size: limits.maxTotalBytes + 1 }
				);
			}
			// zlib's Buffer is a plain (never shared) ArrayBuffer view.
			this.ondata(null, new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength), true);
		}
	}

	const stream = new Unzip((file) => {
		if (file.name.endsWith('/')) return;
		count++;
		if (count > limits.maxFiles) throw new LimitReached({ kind: 'too-many-files', count });
		const chunks: Uint8Array[] = [];
		let size = 0;
		file.ondata = (error, chunk, final) => {
			if (error) throw error;
			size += chunk.byteLength;
			total += chunk.byteLength;
			if (size > limits.maxFileBytes)
				throw new LimitReached({ kind: 'file-too-large', name: file.name, size });
			if (total > limits.maxTotalBytes) throw new LimitReached({ kind: 'total-too-large', size: total });
			chunks.push(chunk);
			if (final) entries.set(file.name, concat(chunks, size));
		};
		file.start();
	});
	stream.register(BoundedInflate);
	stream.register(UnzipPassThrough);
	try {
		stream.push(zip, true);
	} catch (error) {
		if (error instanceof LimitReached) return { ok: false, problems: [error.problem] };
		return { ok: false, problems: [{ kind: 'not-zip', detail: (error as Error).message }] };
	}
	return { ok: true, entries };
}

/** The directory's declared sizes, read without decompressing anything. */
function checkDeclaredSizes(zip: Uint8Array, limits: UnzipLimits): UnzipProblem[] {
	const problems: UnzipProblem[] = [];
	let total = 0;
	let count = 0;
	try {
		unzipSync(zip, {
			filter(file) {
				if (file.name.endsWith('/')) return false;
				count++;
				total += file.originalSize;
				if (file.originalSize > limits.maxFileBytes)
					problems.push({ kind: 'file-too-large', name: file.name, size: file.originalSize });
				return false;
			}
		});
	} catch (error) {
		return [{ kind: 'not-zip', detail: (error as Error).message }];
	}
	if (count > limits.maxFiles) problems.push({ kind: 'too-many-files', count });
	if (total > limits.maxTotalBytes) problems.push({ kind: 'total-too-large', size: total });
	return problems;
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
	if (chunks.length === 1) return chunks[0]!;
	const out = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		out.set(chunk, at);
		at += chunk.byteLength;
	}
	return out;
}
