import { database } from '../db/server';
import { AccountService } from './account-service';
import { AuthService } from './auth-service';
import { kyselyAuthRepositories } from './kysely-repositories';
import { ScryptHasher } from './password';
import type { AuthRepositories } from './repositories';

/** The account services over the server's database. */
export interface AuthServices {
	repos: AuthRepositories;
	auth: AuthService;
	accounts: AccountService;
}

let services: Promise<AuthServices> | undefined;

/** The process-wide account services (created once, after the database is open and migrated). */
export function authServices(): Promise<AuthServices> {
	services ??= database()
		.then(({ db }) => {
			const repos = kyselyAuthRepositories(db);
			const hasher = new ScryptHasher();
			return {
				repos,
				auth: new AuthService({ repos, hasher }),
				accounts: new AccountService({ repos, hasher })
			};
		})
		.catch((error: unknown) => {
			services = undefined;
			throw error;
		});
	return services;
}
