/**
 * The signed withdrawal list the server gives tablets (issue 11, gap 5; the format is in
 * src/lib/domain/signing/withdrawal.ts): every version withdrawn by a reviewer's or admin's
 * "withdraw" decision (read from the review repositories), and every approval key the admin
 * declared compromised. A version withdrawn only because a newer one was published (superseded)
 * stays approved: tablets keep reading it until they update.
 *
 * Compromised keys: `KALANSO_WITHDRAWN_KEYS` (hex public keys, commas or spaces) and the file
 * `KALANSO_WITHDRAWN_KEYS_FILE` (default `<data>/keys/withdrawn-keys.txt`: one hex key per line,
 * optionally followed by the ISO date it was withdrawn; `#` comments).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { trustedKey } from '../../domain/signing/signature';
import {
	WITHDRAWAL_FORMAT,
	withdrawalMessage,
	type SignedWithdrawalList,
	type WithdrawalList,
	type WithdrawnKey,
	type WithdrawnVersion
} from '../../domain/signing/withdrawal';
import type { AuditRecord, ReviewRepositories } from '../review/repositories';
import type { Signer } from '../review/keys';

/** The approval keys declared compromised, from the environment and the data folder. */
export function configuredWithdrawnKeys(
	dataDir: string,
	env: NodeJS.ProcessEnv = process.env,
	now: () => Date = () => new Date()
): WithdrawnKey[] {
	const out = new Map<string, WithdrawnKey>();
	const add = (hex: string, withdrawnAt: string) => {
		const key = trustedKey(hex);
		if (!out.has(key.id))
			out.set(key.id, { keyId: key.id, publicKey: key.publicKey, withdrawnAt, reason: 'key-compromised' });
	};
	for (const hex of (env.KALANSO_WITHDRAWN_KEYS ?? '').split(/[\s,]+/).filter(Boolean)) {
		add(hex, now().toISOString());
	}
	const file = env.KALANSO_WITHDRAWN_KEYS_FILE ?? path.join(dataDir, 'keys', 'withdrawn-keys.txt');
	if (existsSync(file)) {
		const fileDate = statSync(file).mtime.toISOString();
		for (const line of readFileSync(file, 'utf8').split('\n')) {
			const [hex, date] = line.replace(/#.*/, '').trim().split(/\s+/);
			if (!hex) continue;
			const parsed = date ? new Date(date) : null;
			if (parsed && Number.isNaN(parsed.getTime()))
				throw new Error(`${file}: "${date}" is not a date (expected e.g. 2026-12-06T08:00:00Z)`);
			add(hex, parsed ? parsed.toISOString() : fileDate);
		}
	}
	return [...out.values()];
}

/**
 * The versions withdrawn by a decision (not superseded), oldest decision first. Two queries whatever
 * the number of withdrawn versions (every published update leaves a superseded one): tablets ask
 * for this list each time they reach the server (issue 19: no query per comic).
 */
export async function withdrawnVersions(
	repos: Pick<ReviewRepositories, 'versions' | 'audit'>
): Promise<WithdrawnVersion[]> {
	const decisions = new Map<string, AuditRecord>();
	// Oldest first: the last one kept per version is its latest decision.
	for (const a of await repos.audit.list({ action: 'withdraw', versionState: 'withdrawn' }))
		decisions.set(a.versionHash, a);
	const out: WithdrawnVersion[] = [];
	for (const version of await repos.versions.listByStates(['withdrawn'])) {
		// Never approved: no tablet can hold it, so there is nothing to withdraw from them.
		if (!version.approval) continue;
		const decision = decisions.get(version.versionHash);
		if (decision && decision.actorId === null && decision.detail.reason === 'superseded') continue;
		out.push({
			comicId: version.comicId,
			versionHash: version.versionHash,
			withdrawnAt: decision?.at ?? version.updatedAt,
			reason: 'withdrawn-by-reviewer'
		});
	}
	return out.sort((a, b) => (a.withdrawnAt < b.withdrawnAt ? -1 : a.withdrawnAt > b.withdrawnAt ? 1 : 0));
}

/** The current list, signed with the server's approval key. */
export async function signedWithdrawalList(
	repos: Pick<ReviewRepositories, 'versions' | 'audit'>,
	withdrawnKeys: readonly WithdrawnKey[],
	signer: Signer,
	now: Date = new Date()
): Promise<SignedWithdrawalList> {
	const list: WithdrawalList = {
		format: WITHDRAWAL_FORMAT,
		issuedAt: now.toISOString(),
		versions: await withdrawnVersions(repos),
		keys: [...withdrawnKeys]
	};
	return { list, keyId: signer.key.id, signature: signer.signBytes(withdrawalMessage(list)) };
}
