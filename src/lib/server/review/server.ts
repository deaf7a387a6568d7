/**
 * The process-wide review services over the server's database, content store and signing key
 * (created once, after the database is open and migrated).
 */
import path from 'node:path';
import { dataDir } from '../db/connection';
import { database } from '../db/server';
import { BlobStore } from '../store/blobs';
import { VersionStore } from '../store/versions';
import { configuredTrustedKeys, loadOrCreateSigner, trustedKeys, type Signer } from './keys';
import { contentContext } from './http';
import { kyselyReviewRepositories } from './kysely-repositories';
import { ReviewService } from './service';
import type { ReviewRepositories } from './repositories';
import type { WithdrawnKey } from '../../domain/signing/withdrawal';
import { configuredWithdrawnKeys } from '../packs/withdrawals';
import { syncRepository } from '../sync/repository';
import { applyWithdrawnKeys } from '../sync/trust';

export interface ReviewServices {
	service: ReviewService;
	signer: Signer;
	store: VersionStore;
	/** The repositories behind the service, for read views that live outside it (withdrawal list). */
	repos: ReviewRepositories;
	/**
	 * Approval keys declared compromised: no longer trusted, and listed for tablets. The admin's
	 * (`KALANSO_WITHDRAWN_KEYS`) and, on a school server, those the national list withdrew (sync/trust.ts
	 * adds to this list while the server runs).
	 */
	withdrawnKeys: WithdrawnKey[];
}

let services: Promise<ReviewServices> | undefined;

/** The content store folder: `<KALANSO_DATA>/store`. */
export function storeDir(env: NodeJS.ProcessEnv = process.env): string {
	return path.join(dataDir(env), 'store');
}

export function reviewServices(): Promise<ReviewServices> {
	services ??= database()
		.then(async ({ db }) => {
			const data = dataDir();
			const signer = loadOrCreateSigner(data);
			const store = new VersionStore(new BlobStore(path.join(storeDir(), 'blobs')));
			const withdrawnKeys = configuredWithdrawnKeys(data);
			const withdrawn = new Set(withdrawnKeys.map((k) => k.keyId));
			if (withdrawn.has(signer.key.id)) {
				console.error(
					"[review] this server's approval key is listed as compromised: its approvals are no longer trusted. " +
						'Move data/keys/approval-ed25519.pem away so a new key is made at the next start.'
				);
			}
			const trusted = trustedKeys(signer.key, configuredTrustedKeys(data)).filter(
				(k) => !withdrawn.has(k.id)
			);
			const repos = kyselyReviewRepositories(db);
			const service = new ReviewService({ repos, store, signer, trusted, validation: contentContext });
			const result: ReviewServices = { service, signer, store, repos, withdrawnKeys };
			// Keys an earlier school sync learnt from the national list stay withdrawn after a restart.
			applyWithdrawnKeys(result, await syncRepository(db).withdrawnKeys());
			return result;
		})
		.catch((error: unknown) => {
			services = undefined;
			throw error;
		});
	return services;
}
