/**
 * Withdraws a comic's published version on a test server, through the review service as the demo
 * reviewer (what the reviewer's "withdraw" button does), and prints its version hash. Run with the
 * server's environment (KALANSO_DATA, DATABASE_URL): `npx tsx tests/e2e/support/withdraw-version.ts <slug>`.
 */
import { authServices } from '../../../src/lib/server/auth/server';
import { database } from '../../../src/lib/server/db/server';
import { reviewServices } from '../../../src/lib/server/review/server';

const slug = process.argv[2];
const { service } = await reviewServices();
const { repos } = await authServices();
const reviewer = await repos.users.findByUsername('demo-reviewer');
const published = slug ? await service.publishedComic(slug) : null;
if (!reviewer || !published) {
	console.error(`no demo reviewer or no published "${slug}"`);
	process.exit(1);
}
await service.act(
	{ id: reviewer.id, role: reviewer.role },
	published.version.versionHash,
	'withdraw',
	'test'
);
console.log(published.version.versionHash);
await (await database()).close();
