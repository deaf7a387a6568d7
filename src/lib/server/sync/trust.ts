/**
 * A school server's trust, kept in step with the national signed withdrawal list (issue 19): a key
 * the list declares compromised is, without an admin editing `KALANSO_WITHDRAWN_KEYS`,
 * - remembered in the database (`sync_withdrawn_keys`), so a restart goes on distrusting it
 *   (review/server.ts reads these with the configured ones);
 * - no longer trusted by this server's review service: versions it approved are refused when
 *   installed, leave the library and the packs (their approval no longer verifies);
 * - listed in this server's own signed withdrawal list (`/api/withdrawals`), which its tablets
 *   already pull: they delete what it signed and refuse it in shared pack files.
 */
import type { WithdrawnKey } from '../../domain/signing/withdrawal';
import type { SyncRepository } from './repository';

/** What the school's running review services hold of trust (review/server.ts `ReviewServices`). */
export interface SchoolTrust {
	service: { distrustKeys(keyIds: readonly string[]): number };
	/** This server's withdrawn keys, as its own withdrawal list carries them (changed in place). */
	withdrawnKeys: WithdrawnKey[];
}

/** Applies withdrawn keys in memory: listed once each, and no longer trusted. Returns the new ones. */
export function applyWithdrawnKeys(trust: SchoolTrust, keys: readonly WithdrawnKey[]): WithdrawnKey[] {
	const known = new Set(trust.withdrawnKeys.map((k) => k.keyId));
	// Only the list's fields (a remembered key also carries when it was received).
	const added = keys
		.filter((k) => !known.has(k.keyId))
		.map(({ keyId, publicKey, withdrawnAt, reason }) => ({ keyId, publicKey, withdrawnAt, reason }));
	trust.withdrawnKeys.push(...added);
	trust.service.distrustKeys(keys.map((k) => k.keyId));
	return added;
}

/**
 * The keys of a verified national withdrawal list, remembered and applied; returns how many this
 * school did not know (neither from an earlier sync nor from its own configuration).
 */
export async function withdrawKeysNationally(
	repo: Pick<SyncRepository, 'rememberWithdrawnKeys'>,
	trust: SchoolTrust,
	keys: readonly WithdrawnKey[],
	at: string
): Promise<number> {
	if (!keys.length) return 0;
	await repo.rememberWithdrawnKeys(keys, at);
	return applyWithdrawnKeys(trust, keys).length;
}
