/**
 * The signed withdrawal list (DESIGN.md §4, issue 11 gap 5): the comic versions reviewers withdrew
 * and the approval keys that must no longer be trusted (a compromised key), each with its date and
 * a reason code. The server signs it with its approval key (Ed25519, like approvals); tablets fetch
 * it whenever they reach the server and find it inside every exported pack file, keep the union of
 * every list they verified (a withdrawal is never undone, so an old list cannot bring content
 * back), hide and delete what it names, and refuse to import it. Pure, like the rest of signing.
 */
import * as ed from '@noble/ed25519';
import { canonicalJson } from './canonical';
import { HEX_SHA256, hexToBytes, utf8ToBytes } from './hash';
import { keyIdOf, type Approval, type TrustedKey } from './signature';

export const WITHDRAWAL_FORMAT = 'kalanso-withdrawals/1';
/** Purpose tag inside the signed message, so a list cannot be replayed as an approval or vice versa. */
export const WITHDRAWAL_PURPOSE = 'kalanso-withdrawals/1';

/** Why a version was withdrawn: by a reviewer's or admin's decision (the only code so far). */
export type VersionWithdrawalReason = 'withdrawn-by-reviewer';
/** Why a key is no longer trusted. */
export type KeyWithdrawalReason = 'key-compromised';

export interface WithdrawnVersion {
	comicId: string;
	versionHash: string;
	/** ISO date and time of the decision. */
	withdrawnAt: string;
	reason: VersionWithdrawalReason;
}

export interface WithdrawnKey {
	keyId: string;
	/** Raw Ed25519 public key (hex); the id is derived from it, never taken on trust. */
	publicKey: string;
	withdrawnAt: string;
	reason: KeyWithdrawalReason;
}

export interface WithdrawalList {
	format: typeof WITHDRAWAL_FORMAT;
	/** When the server issued this list (ISO). */
	issuedAt: string;
	versions: WithdrawnVersion[];
	keys: WithdrawnKey[];
}

/** A list with the Ed25519 signature of its canonical form, as served and as carried in pack files. */
export interface SignedWithdrawalList {
	list: WithdrawalList;
	/** Id of the signing key (see `keyIdOf`). */
	keyId: string;
	/** Ed25519 signature (hex) of `withdrawalMessage(list)`. */
	signature: string;
}

/** What a tablet keeps: the union of every verified list, by version hash and by key id. */
export interface WithdrawalState {
	/** The newest `issuedAt` seen, null before the first list. */
	issuedAt: string | null;
	versions: Record<string, WithdrawnVersion>;
	keys: Record<string, WithdrawnKey>;
}

export const NO_WITHDRAWALS: WithdrawalState = Object.freeze({ issuedAt: null, versions: {}, keys: {} });

/** The exact bytes that are signed. */
export function withdrawalMessage(list: WithdrawalList): Uint8Array {
	return utf8ToBytes(canonicalJson({ purpose: WITHDRAWAL_PURPOSE, list }));
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function isWithdrawalList(value: unknown): value is WithdrawalList {
	const v = value as Partial<WithdrawalList> | null;
	return (
		!!v &&
		typeof v === 'object' &&
		v.format === WITHDRAWAL_FORMAT &&
		typeof v.issuedAt === 'string' &&
		ISO.test(v.issuedAt) &&
		Array.isArray(v.versions) &&
		v.versions.every(
			(e) =>
				!!e &&
				typeof e.comicId === 'string' &&
				HEX_SHA256.test(String(e.versionHash)) &&
				ISO.test(String(e.withdrawnAt)) &&
				e.reason === 'withdrawn-by-reviewer'
		) &&
		Array.isArray(v.keys) &&
		v.keys.every(
			(k) =>
				!!k &&
				/^[0-9a-f]{64}$/.test(String(k.publicKey)) &&
				k.keyId === keyIdOf(k.publicKey) &&
				ISO.test(String(k.withdrawnAt)) &&
				k.reason === 'key-compromised'
		)
	);
}

export type WithdrawalListProblem = 'malformed' | 'unknown-key' | 'key-withdrawn' | 'bad-signature';

export type WithdrawalListCheck =
	{ ok: true; list: WithdrawalList; keyId: string } | { ok: false; problem: WithdrawalListProblem };

/**
 * Checks a signed list: well formed, signed by a trusted key that neither this list nor what the
 * tablet already knows has withdrawn. Never throws.
 */
export function verifyWithdrawalList(
	raw: unknown,
	trusted: readonly TrustedKey[],
	known: WithdrawalState = NO_WITHDRAWALS
): WithdrawalListCheck {
	const signed = raw as Partial<SignedWithdrawalList> | null;
	if (
		!signed ||
		typeof signed !== 'object' ||
		!isWithdrawalList(signed.list) ||
		typeof signed.keyId !== 'string' ||
		typeof signed.signature !== 'string' ||
		!/^[0-9a-f]{128}$/.test(signed.signature)
	) {
		return { ok: false, problem: 'malformed' };
	}
	const key = trusted.find((k) => k.id === signed.keyId && keyIdOf(k.publicKey) === k.id);
	if (!key) return { ok: false, problem: 'unknown-key' };
	if (known.keys[key.id] || signed.list.keys.some((k) => k.keyId === key.id)) {
		return { ok: false, problem: 'key-withdrawn' };
	}
	try {
		const good = ed.verify(
			hexToBytes(signed.signature),
			withdrawalMessage(signed.list),
			hexToBytes(key.publicKey)
		);
		return good ? { ok: true, list: signed.list, keyId: key.id } : { ok: false, problem: 'bad-signature' };
	} catch {
		// noble throws on points that are not on the curve: a bad signature, not a crash.
		return { ok: false, problem: 'bad-signature' };
	}
}

/** The union of what a tablet knew and a verified list; the first date of each entry is kept. */
export function mergeWithdrawals(state: WithdrawalState, list: WithdrawalList): WithdrawalState {
	const versions = { ...state.versions };
	for (const v of list.versions) versions[v.versionHash] ??= v;
	const keys = { ...state.keys };
	for (const k of list.keys) keys[k.keyId] ??= k;
	const issuedAt = state.issuedAt && state.issuedAt > list.issuedAt ? state.issuedAt : list.issuedAt;
	return { issuedAt, versions, keys };
}

/** Why an approved version may no longer be shown: its version or its signing key was withdrawn. */
export type Withdrawal = { kind: 'version'; entry: WithdrawnVersion } | { kind: 'key'; entry: WithdrawnKey };

/** The withdrawal that applies to an approval, or null when it stands. */
export function withdrawalOf(
	state: WithdrawalState,
	approval: Pick<Approval, 'versionHash' | 'keyId'>
): Withdrawal | null {
	const version = state.versions[approval.versionHash];
	if (version) return { kind: 'version', entry: version };
	const key = state.keys[approval.keyId];
	if (key) return { kind: 'key', entry: key };
	return null;
}

/** The trusted keys minus the withdrawn ones. */
export function activeKeys(trusted: readonly TrustedKey[], state: WithdrawalState): TrustedKey[] {
	return trusted.filter((k) => !state.keys[k.id]);
}
