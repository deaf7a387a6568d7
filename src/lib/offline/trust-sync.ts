/**
 * What every page start does to keep the tablet's trust up to date, kept light on purpose (the
 * library page's JavaScript is budgeted, DESIGN.md §6): it fetches the approval keys and the
 * withdrawal list and keeps them as received, so a tablet has both from its first visit and can
 * verify an imported pack file with no network (issue 15). Only when the list names a comic stored
 * here does it load the signature code (./trust.ts), which verifies the list and deletes the comic.
 */
import { listStoredPacks, type PacksDb, type TrustRecord, type WithdrawnNotice } from './db';

export const KEYS_URL = '/api/keys';
export const WITHDRAWALS_URL = '/api/withdrawals';

/**
 * Writes a trust record. A full disk must not stop a check that can go on with what is in memory
 * (the comic's own write then reports the full disk), so a failed write is logged, not thrown.
 */
export async function keepTrust(db: PacksDb, record: TrustRecord): Promise<void> {
	try {
		await db.put('trust', record);
	} catch (error) {
		console.warn(`[offline] could not keep "${record.id}" on this tablet`, error);
	}
}

async function fetchJson(fetcher: typeof fetch, url: string): Promise<unknown> {
	const response = await fetcher(url, { cache: 'no-store' });
	if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
	return response.json();
}

/** Fetches the served keys and withdrawal list and keeps them as received (checked when used). */
export async function fetchTrust(
	db: PacksDb,
	fetcher: typeof fetch = fetch
): Promise<{ keys: unknown; list: unknown }> {
	let keys: unknown = null;
	let list: unknown = null;
	try {
		keys = ((await fetchJson(fetcher, KEYS_URL)) as { keys?: unknown }).keys ?? null;
		if (Array.isArray(keys)) await keepTrust(db, { id: 'keys', keys });
	} catch (error) {
		console.info('[offline] approval keys not refreshed', error);
	}
	try {
		list = await fetchJson(fetcher, WITHDRAWALS_URL);
		await keepTrust(db, { id: 'received', list });
	} catch (error) {
		console.info('[offline] withdrawal list not refreshed', error);
	}
	return { keys, list };
}

/** Whether a (not yet verified) list names the version or the key of a comic stored here. */
async function namesStoredComic(db: PacksDb, list: unknown): Promise<boolean> {
	const inner = (list as { list?: { versions?: unknown; keys?: unknown } } | null)?.list;
	const hashes = new Set(
		(Array.isArray(inner?.versions) ? inner.versions : []).map(
			(v) => (v as { versionHash?: unknown }).versionHash
		)
	);
	const keyIds = new Set(
		(Array.isArray(inner?.keys) ? inner.keys : []).map((k) => (k as { keyId?: unknown }).keyId)
	);
	return (await listStoredPacks(db)).some((p) => {
		const approval = p.pack.signature as { versionHash?: unknown; keyId?: unknown } | null;
		return !!approval && (hashes.has(approval.versionHash) || keyIds.has(approval.keyId));
	});
}

/**
 * At start and when the network comes back: refresh keys and withdrawal list, delete the comics
 * that were withdrawn (after verifying the list), and return the notices still to show.
 */
export async function syncTrustOnStart(
	db: PacksDb,
	fetcher: typeof fetch = fetch,
	now: () => number = Date.now
): Promise<WithdrawnNotice[]> {
	await fetchTrust(db, fetcher);
	const received = await db.get('trust', 'received');
	if (received?.id === 'received' && (await namesStoredComic(db, received.list))) {
		await (await import('./trust')).applyKeptTrust(db, now);
	}
	return pendingNotices(db);
}

/** Notices of withdrawn comics the student has not dismissed yet. */
export async function pendingNotices(db: PacksDb): Promise<WithdrawnNotice[]> {
	const record = await db.get('trust', 'notices');
	return record?.id === 'notices' ? record.notices : [];
}

export async function dismissNotices(db: PacksDb): Promise<void> {
	await keepTrust(db, { id: 'notices', notices: [] });
}
