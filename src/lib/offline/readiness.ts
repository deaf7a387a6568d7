/**
 * What the tablet set-up page (/setup) checks about trust: can this tablet verify approvals and
 * know withdrawals with no network? One function, so the page does not need to know where the
 * offline layer keeps them (src/lib/offline/trust.ts).
 */
import { openPacksDb } from './db';
import { buildTrustedKeys, storedKeys, storedWithdrawals } from './trust';

/** The trust a tablet keeps for offline checks. */
export interface TrustReadiness {
	/** Approval keys known (fixed in the build or kept from the server). */
	approvalKeys: boolean;
	/** A signed withdrawal list kept from the server (or from an imported pack file). */
	withdrawalList: boolean;
}

/**
 * What this tablet keeps. A tablet that cannot open its storage (or not on this page, e.g. plain
 * http before set-up) keeps nothing usable: both items then read as missing, never as ready.
 */
export async function trustReadiness(): Promise<TrustReadiness> {
	try {
		const db = await openPacksDb();
		try {
			const keys = buildTrustedKeys().length > 0 || (await storedKeys(db)).length > 0;
			const { latest } = await storedWithdrawals(db);
			return { approvalKeys: keys, withdrawalList: latest !== null };
		} finally {
			db.close();
		}
	} catch (error) {
		console.warn('[setup] the offline store could not be read', error);
		return { approvalKeys: false, withdrawalList: false };
	}
}
