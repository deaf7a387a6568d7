/**
 * What this tablet trusts, kept in IndexedDB from its first visit (issue 15: a tablet that connected
 * once verifies an imported pack file with no network, even if it never downloaded anything):
 *
 * - the approval keys (`/api/keys`), unless keys are fixed in the build (`VITE_KALANSO_TRUSTED_KEYS`);
 * - the signed withdrawal list (`/api/withdrawals`, also carried in every exported pack file),
 *   kept as the union of every list that verified, so an older list never brings content back.
 *
 * ./trust-sync.ts runs whenever the app starts or the network comes back: it refreshes both and,
 * through `applyKeptTrust`, deletes the comics that were withdrawn, leaving a notice the student
 * sees (issue 11, gap 5). Downloads and imports check packs with `refreshTrust`.
 */
import { trustedKey, type TrustedKey } from '$lib/domain/signing/signature';
import {
	NO_WITHDRAWALS,
	activeKeys,
	mergeWithdrawals,
	verifyWithdrawalList,
	withdrawalOf,
	type SignedWithdrawalList,
	type WithdrawalState
} from '$lib/domain/signing/withdrawal';
import { deletePack, listStoredPacks, type PacksDb, type WithdrawnNotice } from './db';
import { fetchTrust, keepTrust, pendingNotices } from './trust-sync';

/** Where versions before IndexedDB kept the keys (read once, so an updated tablet keeps them). */
const LEGACY_KEYS_STORAGE = 'kalanso-trusted-keys';

/** The keys and withdrawals a pack is checked against. */
export interface DeviceTrust {
	/** Trusted approval keys, withdrawn ones already left out. */
	keys: TrustedKey[];
	withdrawals: WithdrawalState;
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

let keysOverride: (() => Promise<TrustedKey[]>) | null = null;

/** Replaces where trusted keys come from (tests); null gives the tablet's own keys back. */
export function setTrustedKeysSource(source: (() => Promise<TrustedKey[]>) | null): void {
	keysOverride = source;
}

function legacyKeys(): TrustedKey[] {
	if (typeof localStorage === 'undefined') return [];
	try {
		const raw = JSON.parse(localStorage.getItem(LEGACY_KEYS_STORAGE) ?? '[]') as TrustedKey[];
		return raw.map((k) => trustedKey(k.publicKey, k.label));
	} catch (error) {
		console.warn('[offline] keys stored by an older version unreadable', error);
		return [];
	}
}

/** The approval keys this tablet keeps (from its last connection). */
export async function storedKeys(db: PacksDb): Promise<TrustedKey[]> {
	const record = await db.get('trust', 'keys');
	if (record?.id !== 'keys') return legacyKeys();
	const keys: TrustedKey[] = [];
	for (const k of record.keys as Partial<TrustedKey>[]) {
		try {
			// Ids are derived again from the keys, never taken from the wire.
			keys.push(trustedKey(String(k.publicKey), k.label));
		} catch (error) {
			console.warn('[offline] a served approval key is not a key', error);
		}
	}
	return keys;
}

/** The withdrawals this tablet knows, and the newest signed list (what an exported file carries). */
export async function storedWithdrawals(
	db: PacksDb
): Promise<{ state: WithdrawalState; latest: SignedWithdrawalList | null }> {
	const record = await db.get('trust', 'withdrawals');
	return record?.id === 'withdrawals'
		? { state: record.state, latest: record.latest }
		: { state: NO_WITHDRAWALS, latest: null };
}

/**
 * Verifies a signed withdrawal list with `keys` and adds it to what the tablet knows. Returns the
 * resulting state (unchanged when the list does not verify: a list nobody trusted signed is ignored).
 */
export async function acceptWithdrawalList(
	db: PacksDb,
	raw: unknown,
	keys: readonly TrustedKey[]
): Promise<WithdrawalState> {
	const known = await storedWithdrawals(db);
	const check = verifyWithdrawalList(raw, keys, known.state);
	if (!check.ok) {
		console.warn(`[offline] withdrawal list ignored: ${check.problem}`);
		return known.state;
	}
	const state = mergeWithdrawals(known.state, check.list);
	// Only what was verified is kept and passed on (no extra fields from the wire).
	const signed: SignedWithdrawalList = {
		list: check.list,
		keyId: check.keyId,
		signature: (raw as SignedWithdrawalList).signature
	};
	const latest = known.latest && known.latest.list.issuedAt > signed.list.issuedAt ? known.latest : signed;
	await keepTrust(db, { id: 'withdrawals', state, latest });
	return state;
}

/**
 * The keys and withdrawals to check a pack against: fetched from the server and kept when it can
 * be reached, else those kept from the last connection.
 */
export async function refreshTrust(db: PacksDb, fetcher: typeof fetch | null = fetch): Promise<DeviceTrust> {
	// Kept as received when the server answers; what the tablet kept otherwise (null: no network).
	if (fetcher) await fetchTrust(db, fetcher);
	const fixed = buildTrustedKeys();
	const keys = keysOverride ? await keysOverride() : fixed.length > 0 ? fixed : await storedKeys(db);
	const received = await db.get('trust', 'received');
	const withdrawals =
		received?.id === 'received' && received.list
			? await acceptWithdrawalList(db, received.list, keys)
			: (await storedWithdrawals(db)).state;
	return { keys: activeKeys(keys, withdrawals), withdrawals };
}

/** Applies the keys and list this tablet kept, with no network: what `syncTrustOnStart` calls. */
export async function applyKeptTrust(db: PacksDb, now: () => number = Date.now): Promise<WithdrawnNotice[]> {
	const { withdrawals } = await refreshTrust(db, null);
	return applyWithdrawals(db, withdrawals, now);
}

/**
 * Deletes every stored comic whose version (or approval key) is withdrawn and records a notice for
 * each. Returns the notices not yet dismissed.
 */
export async function applyWithdrawals(
	db: PacksDb,
	withdrawals: WithdrawalState,
	now: () => number = Date.now
): Promise<WithdrawnNotice[]> {
	const notices = await pendingNotices(db);
	for (const stored of await listStoredPacks(db)) {
		const approval = stored.pack.signature as { versionHash?: unknown; keyId?: unknown } | null;
		if (!approval || typeof approval.versionHash !== 'string' || typeof approval.keyId !== 'string') continue;
		const withdrawal = withdrawalOf(withdrawals, {
			versionHash: approval.versionHash,
			keyId: approval.keyId
		});
		if (!withdrawal) continue;
		await deletePack(db, stored.slug);
		notices.push({
			slug: stored.slug,
			title: stored.pack.title,
			versionHash: approval.versionHash,
			kind: withdrawal.kind,
			at: now()
		});
	}
	await keepTrust(db, { id: 'notices', notices });
	return notices;
}
