/**
 * Comic versions in the content store. The version document (canonical manifest + asset hashes) is
 * itself a blob: its blob hash IS the version hash, so a version can never be read back different
 * from what was hashed and signed.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
	buildVersionDocument,
	canonicalVersionText,
	isVersionDocument,
	versionHashOf,
	type VersionDocument
} from '../../domain/signing/version';
import { sha256Hex, utf8ToBytes } from '../../domain/signing/hash';
import type { Manifest } from '../../domain/manifest/schema';
import type { ComicFiles } from '../content/validate-version';
import { probeImage } from '../content/comic-folder';
import type { AssetProbe } from '../../domain/manifest/validate';
import { BlobStore } from './blobs';

/** Probes bytes not stored yet (a new file of an in-app edit) through a file of the same extension. */
async function probeBytes(
	bytes: Uint8Array,
	relative: string,
	probeAudio: (file: string) => Promise<AssetProbe>
): Promise<AssetProbe> {
	const dir = await mkdtemp(path.join(tmpdir(), 'kalanso-probe-'));
	try {
		const file = path.join(dir, `probe${path.extname(relative)}`);
		await writeFile(file, bytes);
		return await probeAudio(file);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** A validated version ready to store: its document, hash and the bytes of every asset. */
export interface PreparedVersion {
	document: VersionDocument;
	versionHash: string;
	files: Map<string, Uint8Array>;
}

/** Builds the version of a validated manifest and its asset bytes. */
export function prepareVersion(manifest: Manifest, files: Map<string, Uint8Array>): PreparedVersion {
	const hashes: Record<string, string> = {};
	for (const [p, bytes] of files) hashes[p] = sha256Hex(bytes);
	const document = buildVersionDocument(manifest, hashes);
	return { document, versionHash: versionHashOf(document), files };
}

export class VersionStore {
	constructor(readonly blobs: BlobStore) {}

	/** Stores the assets first, the document last: a stored document always has its assets. */
	async save(prepared: PreparedVersion): Promise<string> {
		for (const [p, bytes] of prepared.files) await this.blobs.put(bytes, prepared.document.assets[p]);
		const text = canonicalVersionText(prepared.document);
		const hash = await this.blobs.put(utf8ToBytes(text));
		if (hash !== prepared.versionHash) throw new Error('version hash changed while storing');
		return hash;
	}

	/** The version document, or null when not stored (or not a version). */
	async load(versionHash: string): Promise<VersionDocument | null> {
		const bytes = await this.blobs.get(versionHash);
		if (!bytes) return null;
		const doc: unknown = JSON.parse(new TextDecoder().decode(bytes));
		if (!isVersionDocument(doc) || versionHashOf(doc) !== versionHash) return null;
		return doc;
	}

	/** The file of an asset of a version, by its path in the comic; null when the version has no such asset. */
	assetFile(doc: VersionDocument, assetPath: string): string | null {
		const hash = doc.assets[assetPath];
		return hash ? this.blobs.path(hash) : null;
	}

	/**
	 * A new version from an existing one with a changed manifest (in-app text edits): same assets,
	 * plus the `added` files (a recorded narration take) when there are any; with `only`, just the
	 * assets listed there (the files the new manifest uses).
	 */
	async derive(
		doc: VersionDocument,
		manifest: Manifest,
		added: ReadonlyMap<string, Uint8Array> = new Map(),
		only?: readonly string[]
	): Promise<PreparedVersion> {
		const assets: Record<string, string> = {};
		for (const [p, hash] of Object.entries(doc.assets)) if (!only || only.includes(p)) assets[p] = hash;
		for (const [p, bytes] of added) assets[p] = sha256Hex(bytes);
		const document = buildVersionDocument(manifest, assets);
		return { document, versionHash: versionHashOf(document), files: new Map(added) };
	}

	/**
	 * A stored version's files as the one validation reads them (an in-app edit is validated with the
	 * assets it shares with the version it was made from). `probeAudio` measures real durations.
	 */
	files(
		doc: VersionDocument,
		probeAudio?: (file: string) => Promise<AssetProbe>,
		added: ReadonlyMap<string, Uint8Array> = new Map()
	): ComicFiles {
		const file = (relative: string) => this.assetFile(doc, relative);
		return {
			read: async (relative) => {
				const bytes = added.get(relative);
				if (bytes) return bytes;
				const hash = doc.assets[relative];
				return hash ? this.blobs.get(hash) : null;
			},
			probeImage: async (relative) => {
				const full = file(relative);
				return full ? probeImage(full) : { kind: 'missing' };
			},
			probeAudio: async (relative) => {
				const bytes = added.get(relative);
				if (bytes) return probeAudio && probeBytes(bytes, relative, probeAudio);
				const full = file(relative);
				if (!full) return { kind: 'missing' };
				return probeAudio?.(full);
			}
		};
	}
}
