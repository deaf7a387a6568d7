/**
 * Approval signature check of a pack, on download and on import (tablets show only what carries a
 * valid approval signature, also when a pack arrives on a USB stick).
 *
 * The pack's `signature` is the `Approval` of the published version (src/lib/domain/signing). With
 * the files (import, end of a download), the signed version document is rebuilt from the pack's
 * comic.json and its listing of SHA-256 hashes (the server lists exactly the version's assets), so
 * any altered file or manifest fails; the caller has already checked every file against the
 * listing. Every field of pack.json a tablet shows or uses (title, the narration language of each
 * file) must then equal the signed manifest's (issue 11, gap 4). Without files (a download
 * starting), the approval itself is checked: signed by a trusted key, for this comic. A withdrawn
 * version, or one approved by a withdrawn key, is refused either way (gap 5).
 *
 * Keys and withdrawals come from ./trust.ts. Refusals are codes the UI translates (gap 12).
 */
import { canonicalJson } from '$lib/domain/signing/canonical';
import { buildVersionDocument } from '$lib/domain/signing/version';
import { verifyApproval, type Approval } from '$lib/domain/signing/signature';
import { verifySignedVersion, type VersionProblem } from '$lib/domain/signing/verify';
import { withdrawalOf } from '$lib/domain/signing/withdrawal';
import type { Manifest } from '$lib/domain/manifest/schema';
import type { PackManifest } from '$lib/domain/packs/format';
import { COMIC_MANIFEST_PATH, narrationLanguages } from '$lib/domain/packs/files';
import type { TrustProblem } from './errors';
import type { DeviceTrust } from './trust';

export { buildTrustedKeys, setTrustedKeysSource } from './trust';

export type SignatureVerdict =
	| { ok: true; signed: true }
	| {
			ok: false;
			problem: TrustProblem;
			/** Values for the translated message (`file`, `field`). */
			params: Record<string, string>;
			/** Plain English for logs. */
			detail: string;
	  };

function fail(problem: TrustProblem, detail: string, params: Record<string, string> = {}): SignatureVerdict {
	return { ok: false, problem, params, detail };
}

const VERSION_PROBLEMS: Record<VersionProblem, TrustProblem> = {
	'malformed-document': 'malformed-document',
	unsigned: 'unsigned',
	'malformed-approval': 'malformed-approval',
	'unknown-key': 'unknown-key',
	'bad-signature': 'bad-signature',
	'other-comic': 'other-comic',
	'manifest-altered': 'manifest-altered',
	'asset-missing': 'asset-missing',
	'asset-altered': 'asset-altered',
	'asset-unlisted': 'asset-unlisted'
};

export async function verifyPackSignature(
	pack: PackManifest,
	files: ReadonlyMap<string, Uint8Array> | undefined,
	trust: DeviceTrust
): Promise<SignatureVerdict> {
	const approval = pack.signature as unknown as Approval | null;
	if (!approval) return fail('unsigned', `comic "${pack.slug}" carries no approval signature`);
	if (typeof approval.versionHash === 'string' && typeof approval.keyId === 'string') {
		const withdrawal = withdrawalOf(trust.withdrawals, approval);
		if (withdrawal?.kind === 'version')
			return fail('withdrawn', `version ${approval.versionHash} of "${pack.slug}" was withdrawn`);
		if (withdrawal?.kind === 'key')
			return fail('key-withdrawn', `key ${approval.keyId} that approved "${pack.slug}" was withdrawn`);
	}
	if (trust.keys.length === 0) return fail('no-keys', 'this tablet knows no approval key yet');
	const check = verifyApproval(approval, trust.keys);
	if (!check.ok) {
		const problems = {
			malformed: 'malformed-approval',
			'unknown-key': 'unknown-key',
			'bad-signature': 'bad-signature'
		} as const;
		return fail(problems[check.problem], `approval of "${pack.slug}": ${check.problem}`);
	}
	if (approval.comicId !== pack.slug) {
		return fail('other-comic', `the approval is for comic "${approval.comicId}", not "${pack.slug}"`);
	}
	if (!files) return { ok: true, signed: true };
	const comicJson = files.get(COMIC_MANIFEST_PATH);
	if (!comicJson) return fail('comic-missing', `${COMIC_MANIFEST_PATH} is missing from the pack`);
	let manifest: Manifest;
	try {
		manifest = JSON.parse(new TextDecoder().decode(comicJson)) as Manifest;
	} catch {
		return fail('comic-not-json', `${COMIC_MANIFEST_PATH} is not valid JSON`);
	}
	const assets: Record<string, string> = {};
	for (const file of pack.files) if (file.path !== COMIC_MANIFEST_PATH) assets[file.path] = file.sha256;
	const verdict = verifySignedVersion(
		{ document: buildVersionDocument(manifest, assets), approval },
		trust.keys
	);
	if (!verdict.ok) {
		const file = verdict.assets?.[0]?.path;
		return fail(VERSION_PROBLEMS[verdict.problem], verdict.message, file ? { file } : {});
	}
	return unsignedFieldProblem(pack, verdict.document.manifest) ?? { ok: true, signed: true };
}

/** A field of pack.json the signed manifest does not vouch for, or null when all agree. */
function unsignedFieldProblem(pack: PackManifest, manifest: Manifest): SignatureVerdict | null {
	if (pack.slug !== manifest.id)
		return fail('unsigned-field', 'slug differs from the signed id', { field: 'slug' });
	if (canonicalJson(pack.title) !== canonicalJson(manifest.title)) {
		return fail('unsigned-field', 'title differs from the signed title', { field: 'title' });
	}
	const languages = narrationLanguages(manifest);
	for (const file of pack.files) {
		if (file.language !== languages.get(file.path)) {
			return fail('unsigned-field', `${file.path}: language differs from the signed manifest`, {
				field: 'language',
				file: file.path
			});
		}
	}
	return null;
}
