/**
 * The comic pack: what a tablet downloads (or receives as a file) to read a comic offline.
 *
 * A pack manifest lists every file with its byte size and SHA-256. Files without a `language` are
 * the core (the comic manifest and page art) and always come along; narration audio carries its
 * language, so a school downloads only the languages it uses. The pack `version` is the SHA-256
 * of the canonical JSON of the listing, so a pack is immutable and content-addressed: any change
 * to the comic, its art or its audio makes a new version.
 *
 * This module holds the schema and the hashing (zod, @noble/hashes), loaded only where packs are
 * checked; the light helpers live in ./files.ts so pages can size a pack without loading them.
 * Pure: hashing goes through @noble/hashes, which works in Node, the browser and the service
 * worker alike, including over plain-HTTP school LANs where `crypto.subtle` does not exist.
 */
import { z } from 'zod';
import { canonicalJson } from '../signing/canonical';
import { sha256Hex } from '../signing/hash';
import { COMIC_MANIFEST_PATH, PACK_FORMAT, PACK_FORMAT_VERSION } from './files';

const sha256Digest = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest');

/** A path inside the comic folder: relative, no `..`, no backslashes. */
const packPath = z
	.string()
	.min(1)
	.refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.split('/').includes('..'), {
		message: 'must be a relative path inside the comic'
	});

export const packFileSchema = z.strictObject({
	path: packPath,
	size: z.number().int().min(0),
	sha256: sha256Digest,
	/** MIME type, so a Blob read back from storage plays and decodes. */
	type: z.string().min(1),
	/** Narration language of an audio file; absent for the core files every reader needs. */
	language: z.string().min(1).optional()
});

/**
 * Approval signature of the pack, shipped by the server once the comic is approved. Its shape
 * belongs to the review feature (engineer "review", src/lib/domain/signing: `Approval`), which
 * fills it in on the server and checks it in `verifyPackSignature` (src/lib/offline/signature.ts).
 */
export const packSignatureSchema = z.record(z.string(), z.unknown());

export const packManifestSchema = z.strictObject({
	format: z.literal(PACK_FORMAT),
	formatVersion: z.literal(PACK_FORMAT_VERSION),
	slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
	/** SHA-256 of the canonical listing (see `packVersion`). */
	version: sha256Digest,
	/** Comic title per language, so storage lists can name a pack without opening it. */
	title: z.record(z.string(), z.string()),
	files: z.array(packFileSchema).min(1),
	/** Approval signature; null until the review feature signs packs. Not part of the version hash. */
	signature: packSignatureSchema.nullable()
});

export type PackFile = z.infer<typeof packFileSchema>;
export type PackManifest = z.infer<typeof packManifestSchema>;
export type PackSignature = z.infer<typeof packSignatureSchema>;

/** The version hash: over format, slug, title and files; never over the signature or itself. */
export function packVersion(
	pack: Pick<PackManifest, 'format' | 'formatVersion' | 'slug' | 'title' | 'files'>
): string {
	const { format, formatVersion, slug, title, files } = pack;
	return sha256Hex(canonicalJson({ format, formatVersion, slug, title, files }));
}

/** Why a pack manifest is refused, as a code the UI translates (`at`: the JSON path or file). */
export type PackManifestProblem = 'invalid' | 'duplicate-file' | 'no-comic' | 'altered';

/** Why a pack manifest is not acceptable (schema, or a version that does not match its files). */
export function checkPackManifest(
	raw: unknown
): { pack: PackManifest } | { problem: string; code: PackManifestProblem; at: string } {
	const parsed = packManifestSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const at = issue?.path.join('.') || '$';
		return { problem: `${at}: ${issue?.message ?? 'invalid'}`, code: 'invalid', at };
	}
	const paths = new Set<string>();
	for (const f of parsed.data.files) {
		if (paths.has(f.path))
			return { problem: `files: "${f.path}" is listed twice`, code: 'duplicate-file', at: f.path };
		paths.add(f.path);
	}
	if (!paths.has(COMIC_MANIFEST_PATH))
		return { problem: `files: "${COMIC_MANIFEST_PATH}" is missing`, code: 'no-comic', at: 'files' };
	if (packVersion(parsed.data) !== parsed.data.version)
		return {
			problem: 'version: does not match the files listed (the pack was altered)',
			code: 'altered',
			at: 'version'
		};
	return { pack: parsed.data };
}

export * from './files';
