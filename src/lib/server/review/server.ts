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

export interface ReviewServices {
	service: ReviewService;
	signer: Signer;
	store: VersionStore;
}

let services: Promise<ReviewServices> | undefined;

/** The content store folder: `<KALANSO_DATA>/store`. */
export function storeDir(env: NodeJS.ProcessEnv = process.env): string {
	return path.join(dataDir(env), 'store');
}

export function reviewServices(): Promise<ReviewServices> {
	services ??= database()
		.then(({ db }) => {
			const data = dataDir();
			const signer = loadOrCreateSigner(data);
			const store = new VersionStore(new BlobStore(path.join(storeDir(), 'blobs')));
			const trusted = trustedKeys(signer.key, configuredTrustedKeys(data));
			const service = new ReviewService({
				repos: kyselyReviewRepositories(db),
				store,
				signer,
				trusted,
				validation: contentContext
			});
			return { service, signer, store };
		})
		.catch((error: unknown) => {
			services = undefined;
			throw error;
		});
	return services;
}
