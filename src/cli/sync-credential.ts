/**
 * `npm run sync:credential -- <school id> "<school name>"`, on the national server: issues the
 * credential a school server puts in `KALANSO_SCHOOL_CREDENTIAL` (printed once; only its hash is
 * stored). Running it again for the same id issues a new credential and revokes the old one.
 * `npm run sync:credential -- --list` lists the schools and when each was last seen.
 */
import { database } from '../lib/server/db/server';
import { nationalSync } from '../lib/server/sync/server';
import { syncRepository } from '../lib/server/sync/repository';

async function main(args: string[]): Promise<number> {
	if (args[0] === '--list') {
		const { db } = await database();
		for (const s of await syncRepository(db).schools()) {
			console.log(
				`${s.id}\t${s.name}\t${s.disabled ? 'disabled' : 'active'}\tlast seen ${s.lastSeenAt ?? 'never'}`
			);
		}
		return 0;
	}
	const [schoolId, name] = args;
	if (!schoolId || !name) {
		console.error('Usage: npm run sync:credential -- <school id> "<school name>"   (or --list)');
		return 2;
	}
	try {
		const credential = await (await nationalSync()).issueCredential(schoolId, name);
		console.log(`Credential of ${schoolId} (${name}), shown once; give it to the school's admin:`);
		console.log(credential);
		return 0;
	} catch (error) {
		console.error((error as Error).message);
		return 2;
	}
}

main(process.argv.slice(2))
	.then(async (code) => {
		await (await database()).close();
		process.exit(code);
	})
	.catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
