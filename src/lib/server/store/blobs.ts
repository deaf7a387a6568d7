/**
 * Content-addressed files: each file is stored once under its own SHA-256 (`ab/cdef…`), so two
 * versions that share a page share the file, and a stored file can be checked against its name.
 * Writes go to a temporary file renamed into place: a crash never leaves a half-written blob.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { HEX_SHA256, sha256Hex } from '../../domain/signing/hash';

export class BlobStore {
	constructor(readonly root: string) {}

	/** Where the blob with this hash lives (whether or not it exists). */
	path(hash: string): string {
		if (!HEX_SHA256.test(hash)) throw new Error(`not a SHA-256 hash: ${hash}`);
		return path.join(this.root, hash.slice(0, 2), hash.slice(2));
	}

	async has(hash: string): Promise<boolean> {
		try {
			return (await stat(this.path(hash))).isFile();
		} catch {
			return false;
		}
	}

	/** Stores bytes and returns their hash. Idempotent. */
	async put(bytes: Uint8Array, knownHash?: string): Promise<string> {
		const hash = sha256Hex(bytes);
		if (knownHash && knownHash !== hash) throw new Error(`content does not match its hash ${knownHash}`);
		if (await this.has(hash)) return hash;
		const file = this.path(hash);
		await mkdir(path.dirname(file), { recursive: true });
		const tmp = `${file}.${randomUUID()}.tmp`;
		try {
			await writeFile(tmp, bytes);
			await rename(tmp, file);
		} catch (error) {
			await rm(tmp, { force: true });
			throw error;
		}
		return hash;
	}

	/** The bytes of a blob, or null when it is not stored. */
	async get(hash: string): Promise<Uint8Array | null> {
		try {
			return new Uint8Array(await readFile(this.path(hash)));
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
			throw error;
		}
	}
}
