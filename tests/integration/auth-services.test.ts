import { kyselyAuthRepositories } from '../../src/lib/server/auth/kysely-repositories';
import { accountServiceSuite } from '../../src/lib/server/auth/services.suite';
import { engines } from './support/databases';

// The same behaviour tests as the unit run on fakes, on real databases.
for (const engine of engines) {
	accountServiceSuite(engine.title, async () => kyselyAuthRepositories((await engine.open()).db), {
		skip: !engine.available
	});
}
