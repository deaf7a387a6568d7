/**
 * What the tablet set-up page (/setup) checks about trust: can this tablet verify approvals with
 * no network? One function, so the page does not need to know where the offline layer keeps them.
 */
import { keptTrustedKeys } from './signature';

/** The trust a tablet keeps for offline checks. */
export interface TrustReadiness {
	/** Approval keys known (fixed in the build or kept from the server). */
	approvalKeys: boolean;
	/**
	 * A signed withdrawal list kept; `null` while this offline layer keeps no such list (the
	 * set-up page then leaves the item out rather than claim anything).
	 */
	withdrawalList: boolean | null;
}

export async function trustReadiness(): Promise<TrustReadiness> {
	return { approvalKeys: keptTrustedKeys().length > 0, withdrawalList: null };
}
