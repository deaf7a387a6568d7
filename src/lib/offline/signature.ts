/**
 * Approval signature check of a pack, on download and on import (issue 6: tablets show only what
 * carries a valid approval signature, also when a pack arrives on a USB stick).
 *
 * The pack's `signature` is the `Approval` of the published version (src/lib/domain/signing). With
 * the files (import), the signed version document is rebuilt from the pack's comic.json and its
 * listing of SHA-256 hashes (the server lists exactly the version's assets), so any altered file or
 * manifest fails; the caller has already checked every file against the listing. Without files (a
 * download starting), the approval itself is checked: signed by a trusted key, for this comic.
 *
 * Trusted keys are fixed in the build when `VITE_KALANSO_TRUSTED_KEYS` is set; otherwise they come
 * from the server (`/api/keys`) and are remembered on the tablet, so a pack can be checked later
 * with no network.
 */
import { buildVersionDocument } from '$lib/domain/signing/version';
import { trustedKey, verifyApproval, type Approval, type TrustedKey } from '$lib/domain/signing/signature';
import { verifySignedVersion } from '$lib/domain/signing/verify';
import type { Manifest } from '$lib/domain/manifest/schema';
import type { PackManifest } from '$lib/domain/packs/format';
import { COMIC_MANIFEST_PATH } from '$lib/domain/packs/files';

export type SignatureVerdict = { ok: true; signed: boolean } | { ok: false; reason: string };

const KEYS_STORAGE = 'kalanso-trusted-keys';

function storedKeys(): TrustedKey[] {
	if (typeof localStorage === 'undefined') return [];
	try {
		const raw = JSON.parse(localStorage.getItem(KEYS_STORAGE) ?? '[]') as TrustedKey[];
		return raw.map((k) => trustedKey(k.publicKey, k.label));
	} catch (error) {
		console.warn('[offline] stored trusted keys unreadable', error);
		return [];
	}
}

/** The keys this tablet trusts: the server's list when reachable (remembered), else the remembered one. */
async function deviceTrustedKeys(): Promise<TrustedKey[]> {
	try {
		const response = await fetch('/api/keys');
		if (response.ok) {
			const { keys } = (await response.json()) as { keys: TrustedKey[] };
			// Ids are derived again from the keys, never taken from the wire.
			const checked = keys.map((k) => trustedKey(k.publicKey, k.label));
			if (typeof localStorage !== 'undefined') localStorage.setItem(KEYS_STORAGE, JSON.stringify(checked));
			return checked;
		}
	} catch (error) {
		// Offline (or no server): the keys remembered from the last connection decide.
		console.info('[offline] trusted keys from this tablet', error);
	}
	return storedKeys();
}

/**
 * Keys fixed in the build: `VITE_KALANSO_TRUSTED_KEYS=<hex>[,<hex>…]` when running `npm run build`
 * (e.g. the MEN's national keys). When set, tablets trust only these, whatever a server answers at
 * `/api/keys`, so a server that was tampered with cannot approve content by itself.
 */
export function buildTrustedKeys(
	raw: string | undefined = import.meta.env.VITE_KALANSO_TRUSTED_KEYS as string | undefined
): TrustedKey[] {
	return (raw ?? '')
		.split(',')
		.map((hex) => hex.trim())
		.filter((hex) => hex !== '')
		.map((hex, i) => trustedKey(hex, `build key ${i + 1}`));
}

let keysSource: () => Promise<TrustedKey[]> = async () => {
	const fixed = buildTrustedKeys();
	return fixed.length > 0 ? fixed : deviceTrustedKeys();
};

/** Replaces where trusted keys come from (tests; a build with keys fixed in it). */
export function setTrustedKeysSource(source: () => Promise<TrustedKey[]>): void {
	keysSource = source;
}

export async function verifyPackSignature(
	pack: PackManifest,
	files?: ReadonlyMap<string, Uint8Array>
): Promise<SignatureVerdict> {
	const approval = pack.signature as unknown as Approval | null;
	if (!approval) {
		return {
			ok: false,
			reason: `comic "${pack.slug}" carries no approval signature: it is not approved for students`
		};
	}
	const keys = await keysSource();
	if (keys.length === 0) {
		return {
			ok: false,
			reason: 'this tablet knows no approval key yet: connect it once to the Kalanso server'
		};
	}
	const check = verifyApproval(approval, keys);
	if (!check.ok) {
		const reasons = {
			malformed: 'the approval signature is damaged',
			'unknown-key': 'the approval was signed by a key this tablet does not trust',
			'bad-signature': 'the approval signature does not match'
		} as const;
		return { ok: false, reason: reasons[check.problem] };
	}
	if (approval.comicId !== pack.slug) {
		return { ok: false, reason: `the approval is for comic "${approval.comicId}", not "${pack.slug}"` };
	}
	const comicJson = files?.get(COMIC_MANIFEST_PATH);
	if (!files) return { ok: true, signed: true };
	if (!comicJson) return { ok: false, reason: `${COMIC_MANIFEST_PATH} is missing from the pack` };
	let manifest: Manifest;
	try {
		manifest = JSON.parse(new TextDecoder().decode(comicJson)) as Manifest;
	} catch {
		return { ok: false, reason: `${COMIC_MANIFEST_PATH} is not valid JSON` };
	}
	const assets: Record<string, string> = {};
	for (const file of pack.files) if (file.path !== COMIC_MANIFEST_PATH) assets[file.path] = file.sha256;
	const verdict = verifySignedVersion({ document: buildVersionDocument(manifest, assets), approval }, keys);
	return verdict.ok ? { ok: true, signed: true } : { ok: false, reason: verdict.message };
}

/** The keys this tablet can check approvals with offline: fixed in the build, else remembered. */
export function keptTrustedKeys(): TrustedKey[] {
	const fixed = buildTrustedKeys();
	return fixed.length > 0 ? fixed : storedKeys();
}
