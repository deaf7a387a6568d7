/**
 * `npm run sync:school`: one school-server sync run now (the server also runs it on its schedule and
 * from /admin/sync): pulls the national withdrawal list and new approved versions, pushes the
 * school's aggregated results. Configured like the server (README "National deployment"); safe
 * while the server runs. Exit code 0 on success, 1 when the run failed (the reason is printed and
 * shown on /admin/sync), 2 when sync is not configured.
 */
import { database } from '../lib/server/db/server';
import { CONFIG_PROBLEMS, schoolSync, schoolSyncConfig } from '../lib/server/sync/server';

async function main(): Promise<number> {
	const config = schoolSyncConfig();
	if (!config.configured) {
		console.error(`School sync is not configured: ${CONFIG_PROBLEMS[config.problem]}.`);
		return 2;
	}
	const sync = (await schoolSync())!;
	try {
		const report = await sync.run();
		console.log(
			`Synced with ${config.nationalUrl}: ${report.installed} comics installed, ${report.withdrawn} withdrawn, ${report.keysWithdrawn} approval keys withdrawn, ${report.pushedBatches} result batches sent.`
		);
		return 0;
	} catch (error) {
		console.error(`Sync failed: ${(error as Error).message}`);
		return 1;
	} finally {
		const status = await sync.status();
		if (status.waitingBatches)
			console.log(`${status.waitingBatches} result batches wait for the national server.`);
	}
}

main()
	.then(async (code) => {
		await (await database()).close();
		process.exit(code);
	})
	.catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
