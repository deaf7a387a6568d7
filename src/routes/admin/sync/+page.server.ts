import { fail } from '@sveltejs/kit';
import { database } from '$lib/server/db/server';
import { syncRepository } from '$lib/server/sync/repository';
import { schoolSync, schoolSyncConfig } from '$lib/server/sync/server';
import type { Actions, PageServerLoad } from './$types';

/**
 * The school admin's view of sync with the national server: configured or not (and why), the last
 * cursor, success and error, what was installed, withdrawn and sent, the approval keys the national
 * list withdrew (no longer trusted here), and a button to sync now. On a
 * national server, the schools holding a credential.
 */
export const load: PageServerLoad = async () => {
	const config = schoolSyncConfig();
	const repo = syncRepository((await database()).db);
	return {
		config: config.configured
			? {
					configured: true as const,
					nationalUrl: config.nationalUrl,
					schoolId: config.credential.schoolId,
					intervalMinutes: config.intervalMinutes
				}
			: { configured: false as const, problem: config.problem },
		status: await repo.status(),
		withdrawnKeys: await repo.withdrawnKeys(),
		schools: await repo.schools()
	};
};

export const actions: Actions = {
	now: async () => {
		const sync = await schoolSync();
		if (!sync) return fail(409, { error: 'not-configured', detail: '' });
		try {
			const report = await sync.run();
			return { done: true, ...report };
		} catch (error) {
			// The reason is stored as the last error and shown with the status below.
			return fail(502, { error: 'failed', detail: (error as Error).message });
		}
	}
};
