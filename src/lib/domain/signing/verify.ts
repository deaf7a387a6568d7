/**
 * The one check a tablet runs before it shows a comic as approved: the version document hashes to
 * the approved version hash, every asset file matches the hash the document lists, and a trusted key
 * signed the approval. Pure, synchronous, no crypto.subtle: runs on the server, in the browser over
 * plain-HTTP LAN, and on packs imported from a USB stick.
 */
import { canonicalJson } from './canonical';
import {
	checkAssets,
	isVersionDocument,
	versionHashOf,
	type AssetMismatch,
	type VersionDocument
} from './version';
import { verifyApproval, type Approval, type TrustedKey } from './signature';

/** Why a version is not trusted. The message is plain English for logs; UIs translate `problem`. */
export type VersionProblem =
	| 'malformed-document'
	| 'unsigned'
	| 'malformed-approval'
	| 'unknown-key'
	| 'bad-signature'
	| 'other-comic'
	| 'manifest-altered'
	| 'asset-missing'
	| 'asset-altered'
	| 'asset-unlisted';

export type VersionVerdict =
	| { ok: true; comicId: string; versionHash: string; keyId: string; document: VersionDocument }
	| { ok: false; problem: VersionProblem; message: string; assets?: AssetMismatch[] };

export interface SignedVersionInput {
	/** The version document: parsed JSON, or its text. */
	document: unknown;
	/** The approval shipped with it; null or absent when there is none. */
	approval: Approval | null | undefined;
	/**
	 * The asset bytes by path. When absent only the document and signature are checked (the
	 * server's own store, or a manifest fetched before its assets).
	 */
	files?: ReadonlyMap<string, Uint8Array>;
	/** Whether files beyond those the document lists are tolerated (default: refused). */
	allowUnlistedFiles?: boolean;
}

/** Verifies a signed comic version against the trusted public keys. Never throws. */
export function verifySignedVersion(
	input: SignedVersionInput,
	trusted: readonly TrustedKey[]
): VersionVerdict {
	let doc: unknown = input.document;
	if (typeof doc === 'string') {
		try {
			doc = JSON.parse(doc);
		} catch {
			return fail('malformed-document', 'the version document is not valid JSON');
		}
	}
	if (!isVersionDocument(doc))
		return fail('malformed-document', 'the version document is not a Kalanso version');
	if (!input.approval) return fail('unsigned', `comic "${doc.comicId}" carries no approval signature`);

	const check = verifyApproval(input.approval, trusted);
	if (!check.ok) {
		const messages: Record<typeof check.problem, [VersionProblem, string]> = {
			malformed: ['malformed-approval', 'the approval is not a valid signature record'],
			'unknown-key': [
				'unknown-key',
				`the approval was signed by key "${input.approval.keyId}", which is not trusted`
			],
			'bad-signature': ['bad-signature', 'the approval signature does not match']
		};
		const [problem, message] = messages[check.problem];
		return fail(problem, message);
	}
	if (input.approval.comicId !== doc.comicId) {
		return fail('other-comic', `the approval is for comic "${input.approval.comicId}", not "${doc.comicId}"`);
	}
	let hash: string;
	try {
		hash = versionHashOf(doc);
	} catch {
		return fail('malformed-document', `version document of "${doc.comicId}" cannot be written canonically`);
	}
	if (hash !== input.approval.versionHash) {
		return fail(
			'manifest-altered',
			`comic "${doc.comicId}" differs from the approved version (changed after approval)`
		);
	}
	if (input.files) {
		const mismatches = checkAssets(doc, input.files, { allowUnlisted: input.allowUnlistedFiles });
		if (mismatches.length > 0) {
			const first = mismatches[0]!;
			const problem: VersionProblem =
				first.problem === 'missing'
					? 'asset-missing'
					: first.problem === 'altered'
						? 'asset-altered'
						: 'asset-unlisted';
			const list = mismatches.map((m) => `${m.path} (${m.problem})`).join(', ');
			return {
				ok: false,
				problem,
				message: `files of comic "${doc.comicId}" do not match the approval: ${list}`,
				assets: mismatches
			};
		}
	}
	return { ok: true, comicId: doc.comicId, versionHash: hash, keyId: check.key.id, document: doc };
}

function fail(problem: VersionProblem, message: string): VersionVerdict {
	return { ok: false, problem, message };
}

/** Canonical text of a document, for packs that store it as a file. */
export function documentText(doc: VersionDocument): string {
	return canonicalJson(doc);
}
