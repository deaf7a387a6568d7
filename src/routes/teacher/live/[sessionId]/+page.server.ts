import { error } from '@sveltejs/kit';
import { sharedQuizLookup } from '$lib/server/classroom/server';
import { LiveError } from '$lib/server/live/service';
import { liveServices } from '$lib/server/live/server';
import { reviewServices } from '$lib/server/review/server';
import type { PageServerLoad } from './$types';

/** The projector view of a live session: the session now and the comic it is on. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { live } = await liveServices();
	try {
		const snapshot = await live.snapshotFor(locals.user!, params.sessionId);
		const version = await sharedQuizLookup((await reviewServices()).store).versionOf(snapshot.versionHash);
		return {
			snapshot,
			manifest: version!.manifest,
			joinUrl: new URL(`/live?code=${snapshot.code}`, url.origin).href,
			joinAddress: new URL('/live', url.origin).href
		};
	} catch (e) {
		if (e instanceof LiveError) error(404, { message: 'No such session' });
		throw e;
	}
};
